"""Every listing or search view has feeds and an alert: the case feeds take the
view's words and filters, and the listing and the search page link to them
(visibly and in the head) and to the alert form with the view's parameters."""

import html

import feedparser
import pytest

pytestmark = pytest.mark.django_db


@pytest.fixture
def cases(case_factory):
    ai = case_factory(
        title="AI i kundtjänsten", themes=["ai-automation"], stage="pilot", status="ongoing"
    )
    skills = case_factory(title="Kompetens för framtiden", themes=["skills"], status="completed")
    other_ai = case_factory(title="AI i diariet", themes=["ai-automation"], status="completed")
    english = case_factory(
        language="en",
        translation_of=ai,
        title="AI in customer service",
        themes=["ai-automation"],
    )
    return {"ai": ai, "skills": skills, "other_ai": other_ai, "english": english}


def titles(client, url):
    response = client.get(url)
    assert response.status_code == 200, response.content[:300]
    feed = feedparser.parse(response.content)
    assert not feed.bozo, feed.bozo_exception
    return {entry.title for entry in feed.entries}


@pytest.mark.parametrize("kind", ["rss", "atom"])
def test_a_filtered_feed_holds_only_the_matching_cases(client, cases, kind):
    assert titles(client, f"/feeds/cases.{kind}?theme=skills") == {"Kompetens för framtiden"}
    assert titles(client, f"/feeds/cases.{kind}?theme=ai-automation&status=completed") == {
        "AI i diariet"
    }
    assert titles(client, f"/feeds/cases.{kind}?status=completed&status=ongoing") == {
        "AI i kundtjänsten",
        "Kompetens för framtiden",
        "AI i diariet",
    }
    assert titles(client, f"/en/feeds/cases.{kind}?theme=ai-automation") == {
        "AI in customer service"
    }
    assert titles(client, f"/feeds/themes/ai-automation.{kind}?status=ongoing") == {
        "AI i kundtjänsten"
    }


def test_a_search_feed_matches_the_words_as_the_search_does(client, cases):
    assert titles(client, "/feeds/cases.rss?q=kundtjänsten") == {"AI i kundtjänsten"}
    assert titles(client, "/feeds/cases.rss?q=AI&status=completed") == {"AI i diariet"}
    feed = feedparser.parse(client.get("/feeds/cases.rss?q=AI&status=completed").content)
    assert "Sökord: AI" in feed.feed.title
    assert "/sok/?q=AI&status=completed" in feed.feed.link


@pytest.mark.parametrize(
    "url", ["/feeds/cases.rss?theme=finns-inte", "/en/feeds/cases.atom?year=20x4"]
)
def test_a_bad_filter_is_refused(client, cases, url):
    assert client.get(url).status_code == 400


LISTING = "theme=ai-automation&status=completed"
SEARCH = "q=AI&theme=ai-automation&status=completed"


@pytest.mark.parametrize(
    "path, query, alert_path, feed_prefix",
    [
        ("/erfarenheter/", LISTING, "/bevakning/", "/feeds/"),
        ("/en/cases/", LISTING, "/en/alerts/", "/en/feeds/"),
        ("/sok/", SEARCH, "/bevakning/", "/feeds/"),
        ("/en/search/", SEARCH, "/en/alerts/", "/en/feeds/"),
    ],
)
def test_listing_and_search_link_to_their_alert_and_feeds(
    client, cases, path, query, alert_path, feed_prefix
):
    # The page number is no part of the view followed.
    response = client.get(f"{path}?{query}&page=1")
    assert response.status_code == 200
    text = html.unescape(response.content.decode())
    assert f'href="{alert_path}?{query}"' in text
    assert f'href="{feed_prefix}cases.rss?{query}"' in text
    assert f'href="{feed_prefix}cases.atom?{query}"' in text
    head = text.split("</head>")[0]
    assert 'type="application/rss+xml" title="' in head
    assert f'href="{feed_prefix}cases.rss?{query}"' in head
    assert f'href="{feed_prefix}cases.atom?{query}"' in head
