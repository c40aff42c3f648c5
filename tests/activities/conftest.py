"""Fixtures: the bilingual activity indexes (built by the demo's own code) and
activities with times relative to now."""

import datetime
import itertools

import pytest
from django.utils import timezone
from wagtail.models import Locale

from activities.models import ActivityPage, ActivityType
from activities.registration import Person

_n = itertools.count(1)


@pytest.fixture
def indexes(site):
    from portal.activity_demo import ensure_index_pages

    return ensure_index_pages()


@pytest.fixture
def make_activity(indexes):
    """Create a published Swedish activity (and its English translation with
    english=True). Times are offsets from now."""

    def _make(
        *,
        english=False,
        starts_in=datetime.timedelta(days=10),
        duration=datetime.timedelta(hours=6),
        opens_in=datetime.timedelta(days=-5),
        closes_before_start=datetime.timedelta(days=1),
        **fields,
    ):
        n = next(_n)
        now = timezone.now()
        starts = now + starts_in
        values = {
            "title": f"Innovationsdag {n}",
            "slug": f"innovationsdag-{n}",
            "summary": "En dag om att pröva nya idéer.",
            "activity_type": ActivityType.INNOVATION_DAY,
            "starts_at": starts,
            "ends_at": starts + duration,
            "venue": "Tekniska museet",
            "address": "Museivägen 7\n115 27 Stockholm",
            "organiser": "Erfarenhetsbanken",
            "capacity": 10,
            "registration_opens_at": now + opens_in,
            "registration_closes_at": starts - closes_before_start,
        }
        values.update(fields)
        page = ActivityPage(locale=Locale.objects.get(language_code="sv"), **values)
        indexes["sv"].add_child(instance=page)
        page.save_revision().publish()
        if english:
            en = ActivityPage(
                locale=Locale.objects.get(language_code="en"),
                translation_key=page.translation_key,
                **{
                    **values,
                    "title": f"Innovation day {n}",
                    "slug": f"innovation-day-{n}",
                    "summary": "A day on trying new ideas.",
                },
            )
            indexes["en"].add_child(instance=en)
            en.save_revision().publish()
        return page

    return _make


@pytest.fixture
def agency(site):
    from cases.snippets import Agency

    return Agency.objects.create(
        name="Skatteverket", org_number="202100-5448", locale=Locale.get_default()
    )


def person(n=None, role="other", **fields):
    n = n if n is not None else next(_n)
    return Person(
        name=fields.pop("name", f"Person {n}"),
        email=fields.pop("email", f"person{n}@example.se"),
        role=role,
        **fields,
    )
