"""What a browser shows for a feed (a page, by the feed's stylesheet, that
explains how to subscribe) and what search engines are told about the search
pages (noindex, disallowed in robots.txt)."""

import re
import xml.etree.ElementTree as ET
from pathlib import Path

import feedparser
import pytest
from django.conf import settings

pytestmark = pytest.mark.django_db

BROWSER = "text/html,application/xhtml+xml,application/xml;q=0.9,*/*;q=0.8"
READER = "application/rss+xml, application/atom+xml, application/xml;q=0.9, */*;q=0.8"
FEEDS = ["/feeds/cases.rss", "/en/feeds/cases.atom", "/feeds/themes/skills.rss"]


@pytest.fixture
def case(make_case):
    return make_case(id="feed-page", title="Kompetens för framtiden", themes=["skills"])


def stylesheets(content):
    """The xml-stylesheet instructions before the feed's root element."""
    head = content.decode().split("<rss", 1)[0].split("<feed", 1)[0]
    return dict(
        (m["type"], m["href"])
        for m in re.finditer(
            r'<\?xml-stylesheet href="(?P<href>[^"]+)"[^?]*type="(?P<type>[^"]+)"\?>', head
        )
    )


@pytest.mark.parametrize("url", FEEDS)
def test_feeds_name_the_stylesheet_that_makes_them_a_page(client, case, url):
    response = client.get(url, HTTP_ACCEPT=READER)
    assert response.status_code == 200
    sheets = stylesheets(response.content)
    assert re.fullmatch(r"/static/feeds/feed(\.\w+)?\.xsl", sheets["text/xsl"])
    assert re.fullmatch(r"/static/css/site(\.\w+)?\.css", sheets["text/css"])
    feed = feedparser.parse(response.content)
    assert not feed.bozo, feed.bozo_exception
    assert [entry.title for entry in feed.entries] in (["Kompetens för framtiden"], [])


@pytest.mark.parametrize("url", FEEDS)
def test_a_browser_gets_xml_it_renders_and_a_reader_the_feed_type(client, case, url):
    reader = client.get(url, HTTP_ACCEPT=READER)
    assert reader["Content-Type"].startswith(("application/rss+xml", "application/atom+xml"))
    browser = client.get(url, HTTP_ACCEPT=BROWSER)
    assert browser["Content-Type"] == "application/xml; charset=utf-8"
    # The same feed (an empty Atom feed's <updated> is the moment it was made).
    same = re.compile(rb"<updated>[^<]*</updated>")
    assert same.sub(b"", browser.content) == same.sub(b"", reader.content)
    for response in (reader, browser):
        assert "Accept" in response["Vary"]


def test_the_feed_stylesheet_explains_subscribing_in_both_languages():
    path = Path(settings.BASE_DIR) / "static" / "feeds" / "feed.xsl"
    tree = ET.parse(path)  # noqa: S314 (our own file) well-formed, or no browser applies it
    assert tree.getroot().tag == "{http://www.w3.org/1999/XSL/Transform}stylesheet"
    text = path.read_text(encoding="utf-8")
    for words in (
        "Det här är ett flöde",
        "Så prenumererar du",
        "This is a feed",
        "How to subscribe",
    ):
        assert words in text
    # Items of both feed formats are listed.
    assert 'match="item"' in text and 'match="atom:entry"' in text


@pytest.mark.parametrize(
    "url", ["/sok/?q=robot", "/sok/?q=robot&theme=skills", "/en/search/?q=robot", "/sok/"]
)
def test_search_result_pages_ask_not_to_be_indexed(client, case, url):
    response = client.get(url)
    assert response.status_code == 200
    assert b'<meta name="robots" content="noindex">' in response.content


def test_other_pages_may_be_indexed(client, case):
    for url in ("/", "/erfarenheter/", case.url, "/en/"):
        assert b'name="robots"' not in client.get(url).content


def test_robots_txt_disallows_the_search_pages_in_both_languages(client, site):
    lines = client.get("/robots.txt").content.decode().splitlines()
    assert "Disallow: /sok/" in lines
    assert "Disallow: /en/search/" in lines
    # The case listing, filtered or not, stays open to crawlers.
    assert not any(line.startswith("Disallow: /erfarenheter") for line in lines)
