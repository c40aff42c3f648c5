"""The filters of the case listing and of search (django-filter): theme and
stage slugs, agency names, statuses, the year started, evidence levels and
why stopped cases stopped. Each is repeatable:
any of one filter's values, all of the filters."""

import re

import django_filters
from django import forms
from django.core.exceptions import ValidationError
from django.db.models import Q
from django.utils.translation import gettext as _

from cases.choices import CaseStatus, EvidenceLevel, StoppedReason
from cases.snippets import DigitalisationStage, Theme
from core.control_characters import without_control_characters

FACETS = ("theme", "stage", "agency", "status", "year", "evidence", "stopped_reason")
# Four ASCII digits: "²²²²".isdigit() is true, but it is no year.
YEAR = re.compile(r"[0-9]{4}")
MAX_AGENCY_NAME = 200
# `reused=1`: only cases another agency has recorded trying ("we tried this").
REUSED_VALUES = {"1", "true"}
# Filters that are no facet: applied and kept like the facets' values.
OTHER_FILTERS = ("reused",)


def facet_titles():
    """Each filter's name as the reader sees it, in the active language."""
    return {
        "theme": _("Theme"),
        "stage": _("Stage"),
        "agency": _("Agency"),
        "status": _("Status"),
        "year": _("Year started"),
        "evidence": _("Evidence level"),
        "stopped_reason": _("Why it stopped"),
        "reused": _("Tried by others"),
    }


def unknown_value(facet, value):
    """ "Unknown value for year started: 2ab", the filter named mid-sentence."""
    title = facet_titles()[facet]
    return _("Unknown value for %(name)s: %(value)s") % {
        "name": title[:1].lower() + title[1:],
        "value": value[:50],
    }


def _known_slugs(model):
    return lambda values: set(model.objects.filter(slug__in=values).values_list("slug", flat=True))


KNOWN = {
    "theme": _known_slugs(Theme),
    "stage": _known_slugs(DigitalisationStage),
    "agency": lambda values: {v for v in values if len(v) <= MAX_AGENCY_NAME},
    "status": lambda values: set(values) & set(CaseStatus.values),
    "year": lambda values: {v for v in values if YEAR.fullmatch(v) and int(v)},
    "evidence": lambda values: set(values) & {str(level) for level in EvidenceLevel.values},
    "stopped_reason": lambda values: set(values) & set(StoppedReason.values),
    "reused": lambda values: set(values) & REUSED_VALUES,
}


class FilterValues(forms.Field):
    """Every value of a repeated parameter, stripped, blanks and repeats left
    out; an unknown one is an error that names the filter and the value."""

    widget = forms.SelectMultiple  # reads all the values of the parameter

    def __init__(self, *, facet, **kwargs):
        self.facet = facet
        super().__init__(**kwargs)

    def to_python(self, value):
        if not value:
            return []
        if isinstance(value, str):
            value = [value]
        # Control characters can be in no slug or name (and PostgreSQL
        # refuses a NUL in a query): they go, as from every form.
        values = (without_control_characters(v).strip() for v in value if v)
        return list(dict.fromkeys(v for v in values if v))

    def validate(self, value):
        super().validate(value)
        if value:
            known = KNOWN[self.facet](value)
            unknown = [v for v in value if v not in known]
            if unknown:
                raise ValidationError(unknown_value(self.facet, unknown[0]), code="unknown")


class ValuesFilter(django_filters.Filter):
    field_class = FilterValues


class CaseFilter(django_filters.FilterSet):
    """CaseFilter(request.GET, queryset=cases): .qs holds the cases that pass
    the valid filters, .errors ({filter: [message]}) names each bad one in
    the reader's words, .chosen holds the valid values chosen."""

    theme = ValuesFilter(facet="theme", method="filter_theme")
    stage = ValuesFilter(facet="stage", field_name="stage__slug", lookup_expr="in")
    agency = ValuesFilter(facet="agency", field_name="agency__name", lookup_expr="in")
    status = ValuesFilter(facet="status", field_name="status", lookup_expr="in")
    year = ValuesFilter(facet="year", method="filter_year")
    evidence = ValuesFilter(facet="evidence", method="filter_evidence")
    stopped_reason = ValuesFilter(
        facet="stopped_reason", field_name="stopped_reason_kind", lookup_expr="in"
    )
    reused = ValuesFilter(facet="reused", method="filter_reused")

    def filter_theme(self, queryset, name, values):
        # A subquery rather than a join: a case with two chosen themes is one row.
        return queryset.filter(pk__in=Theme.objects.filter(slug__in=values).values("cases"))

    def filter_year(self, queryset, name, values):
        any_year = Q()
        for year in values:
            any_year |= Q(started__year=int(year))
        return queryset.filter(any_year)

    def filter_evidence(self, queryset, name, values):
        return queryset.filter(evidence_level__in=[int(value) for value in values])

    def filter_reused(self, queryset, name, values):
        # Through the reverse relation of the reuse records (an app above
        # this one); a record on any of a case's translations counts.
        tried = queryset.model.objects.filter(reuses__isnull=False).values("translation_key")
        return queryset.filter(translation_key__in=tried)

    @property
    def chosen(self):
        """{filter: [values]} of the valid values chosen, in FACETS order."""
        if not self.is_bound:
            return {}
        self.errors  # noqa: B018 (validates the form)
        cleaned = self.form.cleaned_data
        return {name: cleaned[name] for name in (*FACETS, *OTHER_FILTERS) if cleaned.get(name)}

    def error_messages(self):
        """The messages of .errors, in FACETS order, for one line of text."""
        names = (*FACETS, *OTHER_FILTERS)
        return [message for name in names for message in self.errors.get(name, [])]
