"""The view an alert follows: the search words and the listing's filters,
read from a request's parameters with the search page's own validation,
stored in one normal form, and said in words."""

from dataclasses import dataclass, field

from django.http import QueryDict
from django.utils import translation
from django.utils.translation import gettext as _
from wagtail.models import Locale

from cases.choices import CaseStatus
from cases.filters import FACETS, facet_titles
from cases.snippets import DigitalisationStage, Theme, by_slug
from search.service import ParameterError, parse_params

PARAMETERS = ("q", *FACETS)


@dataclass(frozen=True)
class FollowedView:
    query: str = ""
    filters: dict = field(default_factory=dict)

    def as_query_dict(self):
        params = QueryDict(mutable=True)
        if self.query:
            params["q"] = self.query
        for name in FACETS:
            if self.filters.get(name):
                params.setlist(name, self.filters[name])
        return params

    def query_string(self):
        return self.as_query_dict().urlencode()

    def search_params(self, language):
        """The search service's parameters for this view in one language."""
        params = self.as_query_dict()
        params["lang"] = language
        return parse_params(params)


def followed_view(params):
    """The FollowedView of a request's parameters (a QueryDict); raises
    search.service.ParameterError naming a bad one, in the reader's words."""
    subset = QueryDict(mutable=True)
    for name in PARAMETERS:
        values = params.getlist(name)
        if values:
            subset.setlist(name, values)
    parsed = parse_params(subset)
    filters = {name: sorted(values) for name, values in parsed.chosen.items() if values}
    return FollowedView(parsed.query, filters)


def stored_view(alert):
    return FollowedView(alert.query, {k: list(v) for k, v in (alert.filters or {}).items()})


def describe(view, language):
    """[(what, values)] in `language`: the words and each filter by name."""
    with translation.override(language):
        locale = Locale.objects.filter(language_code=language).first()
        names = {
            "theme": {s: t.name for s, t in by_slug(Theme, locale).items()},
            "stage": {s: t.name for s, t in by_slug(DigitalisationStage, locale).items()},
            "status": {value: str(label) for value, label in CaseStatus.choices},
        }
        titles = facet_titles()
        lines = []
        if view.query:
            lines.append((_("Search words"), view.query))
        for name in FACETS:
            values = view.filters.get(name)
            if values:
                labels = [names.get(name, {}).get(value, value) for value in values]
                lines.append((titles[name], ", ".join(labels)))
        return lines


def summary(view, language):
    """The view in one line, for a subject or a list."""
    lines = describe(view, language)
    with translation.override(language):
        if not lines:
            return _("All cases")
        return "; ".join(f"{what}: {values}" for what, values in lines)


__all__ = ["FollowedView", "ParameterError", "describe", "followed_view", "stored_view", "summary"]
