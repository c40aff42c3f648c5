"""Feeds, sitemap, robots.txt, head metadata, JSON-LD, the read API and the
security headers, as a feed reader, a search engine or a browser sees them."""

import json
import re
import xml.etree.ElementTree as ET

import feedparser
import pytest

pytestmark = pytest.mark.django_db


@pytest.fixture
def cases(make_case):
    ai = make_case(
        id="feed-ai", title="AI i handläggningen", summary="Om AI.", themes=["ai-automation"]
    )
    skills = make_case(
        id="feed-skills",
        title="Kompetens för framtiden",
        summary="Om kompetens.",
        themes=["skills"],
    )
    english = make_case(
        id="feed-ai-en",
        language="en",
        translation_of="feed-ai",
        title="AI in casework",
        summary="About AI.",
        themes=["ai-automation"],
    )
    return {"ai": ai, "skills": skills, "english": english}


def test_rss_feed_lists_new_swedish_cases(client, cases):
    response = client.get("/feeds/cases.rss")
    assert response.status_code == 200
    assert response["Content-Type"].startswith("application/rss+xml")
    feed = feedparser.parse(response.content)
    assert not feed.bozo, feed.bozo_exception
    assert feed.version == "rss20"
    assert feed.feed.language == "sv"
    titles = {entry.title for entry in feed.entries}
    assert titles == {"AI i handläggningen", "Kompetens för framtiden"}
    entry = next(e for e in feed.entries if e.title == "AI i handläggningen")
    assert entry.link.endswith(cases["ai"].url)
    assert entry.summary == "Om AI."
    assert entry.published_parsed is not None
    assert "AI och automatisering" in [tag.term for tag in entry.tags]


def test_feeds_list_the_newest_cases_first(client, make_case):
    make_case(id="old", title="Gammalt fall", published="2020-01-01", themes=["skills"])
    make_case(id="new", title="Nytt fall", published="2024-06-01", themes=["skills"])
    make_case(id="mid", title="Mellanfall", published="2022-03-01")
    newest_first = ["Nytt fall", "Mellanfall", "Gammalt fall"]
    assert [
        e.title for e in feedparser.parse(client.get("/feeds/cases.rss").content).entries
    ] == newest_first
    theme = feedparser.parse(client.get("/feeds/themes/skills.atom").content)
    assert [e.title for e in theme.entries] == ["Nytt fall", "Gammalt fall"]


def test_atom_feed_in_english(client, cases):
    response = client.get("/en/feeds/cases.atom")
    feed = feedparser.parse(response.content)
    assert not feed.bozo, feed.bozo_exception
    assert feed.version == "atom10"
    assert [entry.title for entry in feed.entries] == ["AI in casework"]
    assert feed.entries[0].author == "Skatteverket"


def test_theme_feeds_hold_only_their_theme(client, cases):
    rss = feedparser.parse(client.get("/feeds/themes/skills.rss").content)
    atom = feedparser.parse(client.get("/feeds/themes/skills.atom").content)
    assert [e.title for e in rss.entries] == ["Kompetens för framtiden"]
    assert [e.title for e in atom.entries] == ["Kompetens för framtiden"]
    assert "Kompetensförsörjning" in rss.feed.title
    assert client.get("/feeds/themes/no-such-theme.rss").status_code == 404


def test_feeds_are_linked_from_listing_and_case(client, cases):
    listing = client.get("/erfarenheter/?theme=skills").content.decode()
    assert 'type="application/rss+xml"' in listing
    assert 'href="/feeds/themes/skills.rss"' in listing
    case = client.get(cases["ai"].url).content.decode()
    assert 'href="/feeds/themes/ai-automation.atom"' in case
    assert 'href="/feeds/cases.rss"' in case


def test_sitemap_has_both_languages_with_hreflang(client, cases):
    response = client.get("/sitemap.xml")
    assert response.status_code == 200
    root = ET.fromstring(response.content)  # noqa: S314 (our own response)
    ns = {"s": "http://www.sitemaps.org/schemas/sitemap/0.9", "x": "http://www.w3.org/1999/xhtml"}
    urls = {u.find("s:loc", ns).text: u for u in root.findall("s:url", ns)}
    locs = set(urls)
    assert any(loc.endswith(cases["ai"].url) for loc in locs)
    assert any(loc.endswith(cases["english"].url) for loc in locs)
    assert any(loc.endswith("/en/") for loc in locs)
    ai = next(u for loc, u in urls.items() if loc.endswith(cases["ai"].url))
    alternates = {a.get("hreflang"): a.get("href") for a in ai.findall("x:link", ns)}
    assert alternates["en"].endswith(cases["english"].url)
    assert alternates["sv"].endswith(cases["ai"].url)
    skills = next(u for loc, u in urls.items() if loc.endswith(cases["skills"].url))
    assert skills.findall("x:link", ns) == []  # no translation, no alternates


def test_robots_txt_points_to_the_sitemap(client, site):
    response = client.get("/robots.txt")
    body = response.content.decode()
    assert response["Content-Type"].startswith("text/plain")
    assert "Disallow: /admin/" in body
    assert re.search(r"^Sitemap: http://testserver/sitemap\.xml$", body, re.M)


def test_case_page_has_json_ld_article_and_social_metadata(client, cases):
    html = client.get(cases["ai"].url).content.decode()
    blocks = re.findall(r'<script type="application/ld\+json">(.*?)</script>', html, re.S)
    assert len(blocks) == 1
    article = json.loads(blocks[0])
    assert article["@type"] == "Article"
    assert article["headline"] == "AI i handläggningen"
    assert article["inLanguage"] == "sv"
    assert article["author"]["name"] == "Skatteverket"
    assert article["datePublished"]
    assert article["url"].endswith(cases["ai"].url)
    assert '<meta property="og:title" content="AI i handläggningen">' in html
    assert '<meta property="og:type" content="article">' in html
    assert '<meta name="twitter:card"' in html
    assert f'hreflang="en" href="http://testserver{cases["english"].url}"' in html
    assert '<link rel="canonical"' in html


def test_json_ld_cannot_break_out_of_its_script(client, make_case):
    case = make_case(title="Slut </script><script>alert(1)</script>")
    html = client.get(case.url).content.decode()
    block = re.search(r'<script type="application/ld\+json">(.*?)</script>', html, re.S).group(1)
    assert json.loads(block)["headline"].startswith("Slut </script>")


def test_share_links_need_no_third_party_script(client, cases):
    html = client.get(cases["ai"].url).content.decode()
    assert "https://www.linkedin.com/sharing/share-offsite/?url=http%3A%2F%2Ftestserver" in html
    assert 'href="mailto:?subject=AI%20i%20handl%C3%A4ggningen' in html
    scripts = re.findall(r'<script[^>]*src="([^"]+)"', html)
    assert scripts and all(src.startswith("/static/") for src in scripts)


def test_pages_carry_security_headers(client, cases):
    for url in ("/", "/erfarenheter/", cases["ai"].url, "/en/about/"):
        response = client.get(url)
        csp = response["Content-Security-Policy"]
        script_src = re.search(r"script-src ([^;]+)", csp).group(1)
        assert "'unsafe-inline'" not in script_src and "'self'" in script_src
        assert "frame-ancestors 'none'" in csp
        assert response["X-Content-Type-Options"] == "nosniff"
        assert response["Referrer-Policy"] == "strict-origin-when-cross-origin"
        assert response["X-Frame-Options"] == "DENY"
        html = response.content.decode()
        assert not re.search(r"<script(?![^>]*\b(src|type=\"application/ld\+json\"))[^>]*>", html)
        assert " style=" not in html


def test_admin_gets_its_own_relaxed_policy(client, site):
    response = client.get("/admin/login/")
    assert "'unsafe-inline'" in response["Content-Security-Policy"]


def test_read_api_serves_published_pages_only(client, cases):
    from cases.models import CaseStudyPage

    draft = CaseStudyPage.objects.get(pk=cases["skills"].pk)
    draft.unpublish()
    response = client.get("/api/v2/pages/?type=cases.CaseStudyPage&fields=title")
    assert response.status_code == 200
    titles = {item["title"] for item in response.json()["items"]}
    assert titles == {"AI i handläggningen", "AI in casework"}
    assert client.get("/api/v2/images/").status_code == 200
    assert client.get("/api/v2/documents/").status_code == 200
    assert client.post("/api/v2/pages/", {}).status_code == 405
