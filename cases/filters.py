"""The case filters (a minimal stand-in for the cases part's module): theme,
stage, agency, status and the year started, each repeatable; OR within one
filter, AND between filters."""

import django_filters
from django import forms
from django.core.exceptions import ValidationError
from django.utils.translation import gettext as _

from cases.models import CaseStatus, CaseStudyPage
from cases.snippets import DigitalisationStage, Theme

FACETS = ("theme", "stage", "agency", "status", "year")


def facet_titles():
    return {
        "theme": _("Theme"),
        "stage": _("Stage"),
        "agency": _("Agency"),
        "status": _("Status"),
        "year": _("Year started"),
    }


class ValuesField(forms.Field):
    """Repeatable values, each checked by `valid`; the error names the filter."""

    widget = forms.MultipleHiddenInput

    def __init__(self, *, name, valid, **kwargs):
        self.filter_name, self.valid = name, valid
        super().__init__(required=False, **kwargs)

    def clean(self, value):
        values = list(dict.fromkeys(v.strip() for v in value or [] if v.strip()))
        known = self.valid()
        for v in values:
            if not (known(v) if callable(known) else v in known):
                title = facet_titles()[self.filter_name]
                raise ValidationError(
                    _("Unknown value for %(name)s: %(value)s")
                    % {"name": title[:1].lower() + title[1:], "value": v[:50]}
                )
        return values


def _year(value):
    return len(value) == 4 and value.isascii() and value.isdigit() and int(value) > 0


class ValuesFilter(django_filters.Filter):
    field_class = ValuesField

    def __init__(self, *args, lookup, valid, **kwargs):
        self.lookup_path, self.valid = lookup, valid
        super().__init__(*args, **kwargs)

    @property
    def field(self):
        if not hasattr(self, "_field"):
            self._field = ValuesField(name=self.field_name, valid=self.valid)
        return self._field

    def filter(self, qs, values):
        if not values:
            return qs
        if self.lookup_path == "year":
            return qs.filter(started__year__in=[int(v) for v in values])
        if self.lookup_path == "themes__slug":
            # A subquery rather than a join: no duplicate rows, no distinct().
            through = CaseStudyPage.themes.through.objects
            return qs.filter(
                pk__in=through.filter(theme__slug__in=values).values("casestudypage_id")
            )
        return qs.filter(**{f"{self.lookup_path}__in": values})


class CaseFilter(django_filters.FilterSet):
    theme = ValuesFilter(
        lookup="themes__slug", valid=lambda: set(Theme.objects.values_list("slug", flat=True))
    )
    stage = ValuesFilter(
        lookup="stage__slug",
        valid=lambda: set(DigitalisationStage.objects.values_list("slug", flat=True)),
    )
    agency = ValuesFilter(lookup="agency__name", valid=lambda: lambda v: len(v) <= 200)
    status = ValuesFilter(lookup="status", valid=lambda: set(CaseStatus.values))
    year = ValuesFilter(lookup="year", valid=lambda: _year)

    class Meta:
        model = CaseStudyPage
        fields = []

    def __init__(self, data=None, *args, **kwargs):
        if data is not None and hasattr(data, "getlist"):
            data = {name: data.getlist(name) for name in FACETS}
        super().__init__(data, *args, **kwargs)

    @property
    def chosen(self):
        cleaned = self.form.cleaned_data if self.is_bound and self.form.is_valid() else {}
        return {name: cleaned[name] for name in FACETS if cleaned.get(name)}
