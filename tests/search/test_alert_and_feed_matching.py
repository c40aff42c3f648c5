"""Alerts' digests and feeds match words as the search page does, on every
search backend (the database's index, or the engine)."""

import datetime

import feedparser
import pytest
from django.utils import timezone

from alerts.digests import digest_cases
from alerts.models import Alert

pytestmark = pytest.mark.search


def test_a_digest_and_a_feed_find_the_words_as_the_search_does(
    make_case, page, isolated_search_index
):
    make_case(id="a", title="Chattbot för deklarationen", themes=["ai-automation"])
    make_case(id="b", title="Röstrobot i telefonkön", themes=["ai-automation"])
    make_case(id="c", title="Chattbot för lärare", themes=["skills"])
    searched = page("/sok/", q="chattbot", theme="ai-automation").content.decode()
    assert "Chattbot för deklarationen" in searched and "Röstrobot" not in searched

    feed = feedparser.parse(page("/feeds/cases.rss", q="chattbot", theme="ai-automation").content)
    assert [entry.title for entry in feed.entries] == ["Chattbot för deklarationen"]

    alert = Alert.objects.create(
        email="lasare@example.se",
        language="sv",
        query="chattbot",
        filters={"theme": ["ai-automation"]},
        confirmed_at=timezone.now(),
    )
    since = timezone.make_aware(datetime.datetime(2024, 1, 1))
    found = digest_cases(alert, since, timezone.now())
    assert [case.title for case in found] == ["Chattbot för deklarationen"]
