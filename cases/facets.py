"""Facet counts over a queryset of cases: a few aggregate queries, however
many cases there are. Shared by the case listing, the home page and search."""

from collections import Counter

from django.db.models import CharField, Count, F
from django.db.models.functions import Cast, Substr
from wagtail.models import Locale

from cases.choices import CaseStatus, EvidenceLevel, StoppedReason
from cases.filters import FACETS
from cases.snippets import Agency, DigitalisationStage, Theme, by_slug
from core.collector import collector_paused
from core.keys import Keys
from core.languages import language_codes

# The facets read from the case's own row, all in one query and by key (no
# join); from_keys() turns the keys into the filters' values.
COLUMNS = {
    "stage": F("stage_id"),
    "agency": F("agency_id"),
    "status": F("status"),
    # The year as text, as filter values are, in SQL on every database.
    "year": Substr(Cast("started", CharField()), 1, 4),
    "language": F("locale_id"),
    "evidence": F("evidence_level"),
    "stopped_reason": F("stopped_reason_kind"),
}


# Each facet's filter field in the search index (CaseStudyPage.search_fields),
# which a search engine filters by and counts with an aggregation.
INDEXED = {
    "theme": "theme_slugs_for_search",
    "stage": "stage_id",
    "agency": "agency_id",
    "status": "status",
    "year": "started_year_for_search",
    "evidence": "evidence_level",
    "stopped_reason": "stopped_reason_kind",
    "language": "locale_id",
}
# The facets indexed by key: the model and the field that is their value.
_BY_KEY = {
    "stage": (DigitalisationStage, "slug"),
    "agency": (Agency, "name"),
    "language": (Locale, "language_code"),
}


def indexed_filters(chosen):
    """{filter field: [values]} of the chosen facets (CaseFilter.chosen) as
    the search index holds them (INDEXED): stages and agencies by their
    keys (a translation's too), evidence levels as numbers. Every chosen
    filter must be a facet of INDEXED."""
    filters = {}
    for name, values in chosen.items():
        if name in _BY_KEY:
            model, field = _BY_KEY[name]
            rows = model.objects.filter(**{f"{field}__in": values})
            values = list(rows.values_list("pk", flat=True))
        elif name == "evidence":
            values = [int(value) for value in values]
        filters[INDEXED[name]] = values
    return filters


def from_keys(buckets):
    """counts() from counts by key ({facet: {key: number of cases}}: an
    engine's buckets of INDEXED, or the COLUMNS read): stage, agency and
    locale keys turned into their slugs, names and language codes, other
    values into text; an empty value left out."""
    found = {}
    for name, counted in buckets.items():
        if name in _BY_KEY:
            model, field = _BY_KEY[name]
            rows = model.objects.filter(pk__in=[int(key) for key in counted])
            values = {str(pk): value for pk, value in rows.values_list("pk", field)}
        else:
            values = {str(key): str(key) for key in counted}
        found[name] = Counter()
        for key, n in counted.items():
            value = values.get(str(key))
            if value:
                found[name][value] += n
    return found


def _column_expressions(names):
    """{annotation: expression} of the named facets' columns."""
    return {f"facet_{name}": COLUMNS[name] for name in names}


def _count_columns(columns, names):
    """{facet: {value: number of cases}} of the named facets' columns (from_keys)."""
    counts = {name: Counter() for name in names}
    # Column by column: Counter counts a whole column at once (no rows: none).
    for name, column in zip(names, columns, strict=False):
        counts[name].update(column)
        counts[name].pop(None, None)
    return from_keys(counts)


def _theme_counts(cases):
    """{theme slug: number of cases}, a theme's translations counted as one
    (a case holds its own language's themes). Counted by key, without a
    join or a distinct count: the link table alone, grouped by hash.
    cases: what `pk__in=` takes (a queryset of pks, a list of keys)."""
    links = Theme.cases.through.objects.filter(casestudypage_id__in=cases)
    by_key = dict(links.order_by().values_list("theme_id").annotate(n=Count("*")))
    slugs = Theme.objects.filter(pk__in=list(by_key)).values_list("pk", "slug")
    found = Counter()
    for key, slug in slugs:
        found[slug] += by_key[key]
    return found


def _themes(found, locale):
    names = {slug: theme.name for slug, theme in by_slug(Theme, locale).items()}
    return names, sorted(found, key=lambda slug: names.get(slug, slug).lower())


def _stages(found, locale):
    stages = by_slug(DigitalisationStage, locale)
    names = {slug: stage.name for slug, stage in stages.items()}
    return names, sorted(found, key=lambda slug: (getattr(stages.get(slug), "order", 99), slug))


def _agencies(found, locale):
    return {}, sorted(found, key=str.lower)


def _statuses(found, locale):
    return dict(CaseStatus.choices), [s for s in CaseStatus.values if s in found]


def _years(found, locale):
    return {}, sorted(found, reverse=True)


def _evidence_levels(found, locale):
    labels = {str(level): f"{level}. {label}" for level, label in EvidenceLevel.choices}
    return labels, [value for value in labels if value in found]


def _stopped_reasons(found, locale):
    return dict(StoppedReason.choices), [s for s in StoppedReason.values if s in found]


ORDERS = {
    "theme": _themes,
    "stage": _stages,
    "agency": _agencies,
    "status": _statuses,
    "year": _years,
    "evidence": _evidence_levels,
    "stopped_reason": _stopped_reasons,
}


def counts(queryset, names):
    """{facet: {value: number of cases}} for the named facets (and "language"),
    in one query over the cases and, for themes, one over their themes."""
    columns = [name for name in names if name in COLUMNS]
    found = {}
    if columns:  # values_list() of no fields would read every field
        expressions = _column_expressions(columns)
        with collector_paused():
            rows = queryset.order_by().annotate(**expressions).values_list(*expressions)
            found = _count_columns(zip(*rows, strict=True), columns)
    if "theme" in names:
        found["theme"] = _theme_counts(queryset.order_by().values("pk"))
    return found


def ranked_counts(ranked_values, names):
    """(the cases' keys, best first; their counts()). ranked_values(**expressions)
    gives each case's key and the expressions' values, best first (the search
    results' own); the themes are counted by key."""
    columns = [name for name in names if name in COLUMNS]
    with collector_paused():
        rows = ranked_values(**_column_expressions(columns))
        keys = [row[0] for row in rows]
        found = _count_columns(list(zip(*rows, strict=True))[1:], columns)
    if "theme" in names:
        found["theme"] = _theme_counts(Keys(keys))
    return keys, found


def facet_counts(queryset, chosen, locale, names=FACETS, found=None):
    """{facet: [(value, label, count, selected)]} over the whole queryset:
    themes by name, stages in stage order, agencies by name, statuses in
    their fixed order, years newest first. A chosen value with no hits is
    still listed, under its label. names: the facets wanted; found: their
    counts() when already read."""
    found = counts(queryset, names) if found is None else found
    result = {}
    for name in names:
        labels, order = ORDERS[name](found[name], locale)
        selected = chosen.get(name, [])
        missing = [value for value in selected if value not in found[name]]
        result[name] = [
            (value, str(labels.get(value, value)), found[name].get(value, 0), value in selected)
            for value in order + missing
        ]
    return result


def language_counts(queryset=None, found=None):
    """{"sv": n, "en": m}: the cases of each language in the queryset (or in
    counts() already read with "language")."""
    found = counts(queryset, ["language"]) if found is None else found
    result = dict.fromkeys(language_codes(), 0)
    for code, n in found["language"].items():
        language = code.split("-")[0]
        result[language] = result.get(language, 0) + n
    return result


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
