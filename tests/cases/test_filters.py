"""The filters and counts that the listing and search share (cases.filters,
cases.facets), as search reads them."""

import pytest
from django.http import QueryDict
from django.utils import translation
from wagtail.models import Locale

from cases.facets import facet_counts, language_counts
from cases.filters import CaseFilter
from cases.queries import published_cases

pytestmark = pytest.mark.django_db


def test_filters_keep_the_valid_values_and_name_the_bad_ones(make_case):
    make_case(title="Om AI", themes=["ai-automation"], started="2021-02")
    make_case(title="Om säkerhet", themes=["security"], started="2022-02")
    make_case(language="en", title="On AI", themes=["ai-automation"], started="2021-02")
    params = QueryDict("theme=ai-automation&theme=+ai-automation+&year=²²²²&stage=&status=stopped")
    with translation.override("sv"):
        filters = CaseFilter(params, queryset=published_cases())
        assert filters.error_messages() == ["Okänt värde för startår: ²²²²"]
    assert filters.chosen == {"theme": ["ai-automation"], "status": ["stopped"]}
    assert list(filters.qs) == []
    filters = CaseFilter(QueryDict("theme=ai-automation&year=2021"), queryset=published_cases())
    assert sorted(case.title for case in filters.qs) == ["Om AI", "On AI"]
    assert language_counts(filters.qs) == {"sv": 1, "en": 1}


def test_counts_label_in_the_readers_language_and_keep_a_chosen_value(make_case):
    make_case(themes=["ai-automation", "skills"], stage="pilot", status="completed")
    make_case(themes=["skills"], stage="problem", started="2019-05")
    english = Locale.objects.get(language_code="en")
    cases = published_cases(Locale.objects.get(language_code="sv"))
    with translation.override("en"):
        counts = facet_counts(cases, {"status": ["stopped"]}, english)
    assert counts["theme"] == [
        ("ai-automation", "AI and automation", 1, False),
        ("skills", "Skills and competence", 2, False),
    ]
    assert [value for value, *_ in counts["stage"]] == ["problem", "pilot"]
    assert counts["status"] == [
        ("ongoing", "Ongoing", 1, False),
        ("completed", "Completed", 1, False),
        ("stopped", "Stopped", 0, True),
    ]
    assert [value for value, *_ in counts["year"]] == ["2022", "2019"]
    assert counts["agency"] == [("Skatteverket", "Skatteverket", 2, False)]
