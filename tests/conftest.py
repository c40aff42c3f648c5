"""Shared fixtures: a small bilingual site built through the real code paths
(site setup and the case-exchange import), never hand-made rows."""

import itertools

import pytest
from django.core.cache import cache
from django.test import Client

from cases.exchange import import_stream
from cases.models import CaseStudyPage

_counter = itertools.count(1)


@pytest.fixture(autouse=True)
def _clear_cache():
    cache.clear()
    yield
    cache.clear()


@pytest.fixture(scope="session")
def django_db_setup(django_db_setup, django_db_blocker):
    """Build the page tree once; each test rolls back to it."""
    from portal.site_setup import ensure_site_structure

    with django_db_blocker.unblock():
        ensure_site_structure()


@pytest.fixture
def site(db):
    """The bilingual page tree (rebuilt when a transactional test flushed it)."""
    from portal.site_setup import ensure_site_structure

    return ensure_site_structure()


def case_line(**overrides):
    """A valid case-exchange record; override any field."""
    n = next(_counter)
    data = {
        "id": f"test-case-{n}",
        "language": "sv",
        "translation_of": None,
        "title": f"Testfall nummer {n}",
        "summary": "En kort sammanfattning av fallet.",
        "agency": {"name": "Skatteverket", "org_number": "202100-5448"},
        "partner_agencies": [],
        "themes": ["digital-services"],
        "stage": "pilot",
        "status": "ongoing",
        "started": "2022-03",
        "ended": None,
        "challenge": "Utmaningen var stor.\n\nDen hade två delar.",
        "approach": "Vi prövade nya arbetssätt.",
        "results": "Det gick bra.",
        "lessons": [
            {"kind": "worked", "text": "Börja smått."},
            {"kind": "avoid", "text": "Undvik stora upphandlingar."},
        ],
        "joint_work": "Arbetsgivaren och de fackliga organisationerna samverkade.",
        "tags": ["test"],
        "contact": {
            "name": "Anna Andersson",
            "role": "Projektledare",
            "email": "anna.andersson@skatteverket.se",
        },
        "links": [],
        "published": "2024-01-15",
    }
    data.update(overrides)
    return data


@pytest.fixture
def make_case(site):
    """Import one case through the exchange path and return its page."""
    import json

    def _make(**overrides):
        data = case_line(**overrides)
        report = import_stream([json.dumps(data, ensure_ascii=False)])
        assert report.ok, report.errors
        return CaseStudyPage.objects.get(exchange_id=data["id"])

    return _make


@pytest.fixture
def client_sv():
    return Client(HTTP_ACCEPT_LANGUAGE="sv")


__all__ = ["case_line"]
