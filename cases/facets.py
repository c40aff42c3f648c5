"""Facet counts over a queryset of cases: a few aggregate queries, however
many cases there are. Shared by the case listing, the home page and search."""

from django.db.models import Count
from django.db.models.functions import ExtractYear

from cases.choices import CaseStatus
from cases.filters import FACETS
from cases.snippets import DigitalisationStage, Theme, by_slug
from core.languages import language_codes


def _counted(queryset, field):
    """{value: number of cases} of one column (or joined column)."""
    rows = queryset.order_by().values_list(field).annotate(n=Count("pk"))
    return {value: n for value, n in rows if value is not None}


def _theme_counts(queryset):
    """{theme slug: number of cases}, a theme's translations counted as one."""
    rows = (
        Theme.objects.filter(cases__in=queryset.order_by().values("pk"))
        .order_by()
        .values_list("slug")
        .annotate(n=Count("cases", distinct=True))
    )
    return dict(rows)


def _themes(queryset, locale):
    found = _theme_counts(queryset)
    names = {slug: theme.name for slug, theme in by_slug(Theme, locale).items()}
    return found, names, sorted(found, key=lambda slug: names.get(slug, slug).lower())


def _stages(queryset, locale):
    found = _counted(queryset, "stage__slug")
    stages = by_slug(DigitalisationStage, locale)
    names = {slug: stage.name for slug, stage in stages.items()}
    return (
        found,
        names,
        sorted(found, key=lambda slug: (getattr(stages.get(slug), "order", 99), slug)),
    )


def _agencies(queryset, locale):
    found = _counted(queryset, "agency__name")
    return found, {}, sorted(found, key=str.lower)


def _statuses(queryset, locale):
    found = _counted(queryset, "status")
    return found, dict(CaseStatus.choices), [s for s in CaseStatus.values if s in found]


def _years(queryset, locale):
    counted = _counted(queryset.annotate(year=ExtractYear("started")), "year")
    found = {str(year): n for year, n in counted.items()}  # filter values are text
    return found, {}, sorted(found, reverse=True)


COUNTERS = {
    "theme": _themes,
    "stage": _stages,
    "agency": _agencies,
    "status": _statuses,
    "year": _years,
}


def facet_counts(queryset, chosen, locale, names=FACETS):
    """{facet: [(value, label, count, selected)]} over the whole queryset:
    themes by name, stages in stage order, agencies by name, statuses in
    their fixed order, years newest first. A chosen value with no hits is
    still listed, under its label. names: the facets wanted."""
    result = {}
    for name in names:
        found, labels, order = COUNTERS[name](queryset, locale)
        selected = chosen.get(name, [])
        missing = [value for value in selected if value not in found]
        result[name] = [
            (value, str(labels.get(value, value)), found.get(value, 0), value in selected)
            for value in order + missing
        ]
    return result


def language_counts(queryset):
    """{"sv": n, "en": m}: the cases of each language in the queryset."""
    counts = dict.fromkeys(language_codes(), 0)
    for code, n in _counted(queryset, "locale__language_code").items():
        language = code.split("-")[0]
        counts[language] = counts.get(language, 0) + n
    return counts


def filter_links(params, facets):
    """(facet, label, query string) for each chosen value: the link that
    removes that value and keeps the other parameters (page excepted)."""
    links = []
    for name, values in facets.items():
        for value, label, _count, selected in values:
            if selected:
                kept = params.copy()
                kept.setlist(name, [v for v in kept.getlist(name) if v.strip() != value])
                kept.pop("page", None)
                links.append((name, label, "?" + kept.urlencode()))
    return links
