"""Filters, facet counts and related cases: shared by the case listing and search."""

from collections import Counter
from dataclasses import dataclass, field

from django.core.exceptions import EmptyResultSet
from django.core.paginator import Paginator
from django.db import connection
from django.db.models import Exists, OuterRef, Q
from django.utils.translation import gettext as _
from wagtail.models import Locale

from cases.models import CaseStatus, CaseStudyPage
from cases.snippets import Agency, DigitalisationStage, Theme
from portal.fragments import remember

FACETS = ("theme", "stage", "agency", "status", "year")
PAGE_SIZE = 20


class FilterError(ValueError):
    """A filter parameter with a value the portal does not know."""

    def __init__(self, parameter, message):
        super().__init__(message)
        self.parameter = parameter
        self.message = message


@dataclass
class Taxonomy:
    """Theme and stage names in one locale, keyed by slug (two queries, once
    per content change: see portal.fragments)."""

    themes: dict = field(default_factory=dict)
    stages: dict = field(default_factory=dict)
    stage_order: dict = field(default_factory=dict)
    slug_by_pk: dict = field(default_factory=lambda: {"theme": {}, "stage": {}})

    @classmethod
    def for_locale(cls, locale):
        return remember(None, f"taxonomy:{locale.pk}", lambda: cls._load(locale))

    @classmethod
    def _load(cls, locale):
        taxonomy = cls()
        for theme in Theme.objects.all():
            taxonomy.slug_by_pk["theme"][theme.pk] = theme.slug
            # Prefer the locale's own name; fall back to any translation.
            if theme.locale_id == locale.pk or theme.slug not in taxonomy.themes:
                taxonomy.themes[theme.slug] = theme.name
        for stage in DigitalisationStage.objects.all():
            taxonomy.slug_by_pk["stage"][stage.pk] = stage.slug
            if stage.locale_id == locale.pk or stage.slug not in taxonomy.stages:
                taxonomy.stages[stage.slug] = stage.name
                taxonomy.stage_order[stage.slug] = stage.order
        return taxonomy

    def theme_label(self, slug):
        return self.themes.get(slug, slug)

    def stage_label(self, slug):
        return self.stages.get(slug, slug)


def parse_filters(params, taxonomy):
    """Read the repeatable filter parameters; raise FilterError naming a bad one."""
    filters = {}
    for name in FACETS:
        values = [v.strip() for v in params.getlist(name) if v.strip()]
        if not values:
            continue
        if name == "theme":
            unknown = [v for v in values if v not in taxonomy.themes]
        elif name == "stage":
            unknown = [v for v in values if v not in taxonomy.stages]
        elif name == "status":
            unknown = [v for v in values if v not in CaseStatus.values]
        elif name == "year":
            unknown = [v for v in values if not (v.isdigit() and len(v) == 4)]
        else:
            unknown = [v for v in values if len(v) > 200]
        if unknown:
            raise FilterError(name, _("Unknown value for %(name)s: %(value)s")
                              % {"name": name, "value": unknown[0][:50]})
        filters[name] = list(dict.fromkeys(values))
    return filters


def apply_filters(queryset, filters):
    """AND between facets, OR within one."""
    lookups = {
        "theme": "themes__slug__in",
        "stage": "stage__slug__in",
        "agency": "agency__name__in",
        "status": "status__in",
        "year": "started__year__in",
    }
    for name, values in filters.items():
        if name == "theme":
            # A subquery keeps one row per case however many themes match.
            queryset = queryset.filter(
                pk__in=CaseStudyPage.objects.filter(themes__slug__in=values).values("pk")
            )
        else:
            queryset = queryset.filter(**{lookups[name]: values})
    return queryset


def count_facets(queryset, taxonomy):
    """{facet: {value: count}} over the whole result set, "language" included,
    in one statement (see facet_statement)."""
    try:
        ids_sql, params = queryset.order_by().values("pk").query.sql_with_params()
    except EmptyResultSet:  # e.g. pk__in=[]: the engine found nothing
        return counts_from_rows([], taxonomy)
    with connection.cursor() as cursor:
        cursor.execute(facet_statement("pk", ids_sql), params)
        return counts_from_rows(cursor.fetchall(), taxonomy)


def facet_statement(match_columns, match_sql, first_rows=""):
    """SQL counting every facet over the matches: the matching ids are computed
    once (a materialized CTE `m` whose first column is the page id), with the
    facet columns of each match, then grouped once per facet. One pass instead
    of one query per facet, each of which ran the whole search again, keeps
    common words fast at 10,000 cases. first_rows: more rows of (kind, value,
    number) put before the counts, read from `m` (a ranker's page of hits)."""
    if connection.vendor == "sqlite":
        year = "CAST(strftime('%%Y', c.started) AS INTEGER)"
    else:
        year = "CAST(EXTRACT(YEAR FROM c.started) AS INTEGER)"
    # Fixed SQL around the match query; every value is a parameter.
    groups = " UNION ALL ".join(
        f"SELECT '{name}', CAST(x_{name} AS TEXT), COUNT(*) FROM f GROUP BY x_{name}"  # noqa: S608
        for name in ("stage", "agency", "status", "year", "language"))
    return (
        f"WITH m({match_columns}) AS MATERIALIZED ({match_sql}), "  # noqa: S608
        "f AS MATERIALIZED (SELECT c.stage_id AS x_stage, c.agency_id AS x_agency, "
        f"c.status AS x_status, {year} AS x_year, p.locale_id AS x_language "
        "FROM m JOIN cases_casestudypage c ON c.page_ptr_id = m.pk "
        "JOIN wagtailcore_page p ON p.id = m.pk) "
        f"{first_rows}{groups} UNION ALL "
        "SELECT 'theme', CAST(t.theme_id AS TEXT), COUNT(*) "
        "FROM m JOIN cases_casestudypage_themes t ON t.casestudypage_id = m.pk "
        "GROUP BY t.theme_id"
    )


def counts_from_rows(rows, taxonomy):
    """{facet: Counter(value: count)} from facet_statement's (facet, value, n) rows."""
    counts = {name: Counter() for name in (*FACETS, "language")}
    labels = {
        **taxonomy.slug_by_pk,
        "agency": dict(Agency.objects.filter(pk__in=[int(v) for f, v, _n in rows
                                                     if f == "agency"])
                       .values_list("pk", "name")),
        "language": {pk: code.split("-")[0]
                     for pk, code in Locale.objects.values_list("pk", "language_code")},
    }
    for name, value, n in rows:
        if value is not None and name in counts:
            # Every value comes back as text (one column type for the UNION).
            counts[name][labels[name][int(value)] if name in labels else value] += n
    return counts


def facet_counts(queryset, filters, taxonomy, counts=None):
    """Counts over the whole filtered result set (see count_facets).

    Returns {facet: [(value, label, count, selected), ...]}: themes by name,
    stages in stage order, agencies by name, statuses in their fixed order,
    years newest first."""
    if counts is None:
        counts = count_facets(queryset, taxonomy)
    status_labels = dict(CaseStatus.choices)
    result = {}
    for name in FACETS:
        found = counts[name]
        if name == "theme":
            items = sorted(found, key=lambda s: taxonomy.theme_label(s).lower())
            labels = {s: taxonomy.theme_label(s) for s in items}
        elif name == "stage":
            items = sorted(found, key=lambda s: taxonomy.stage_order.get(s, 99))
            labels = {s: taxonomy.stage_label(s) for s in items}
        elif name == "status":
            items = [s for s in CaseStatus.values if s in found]
            labels = {s: status_labels[s] for s in items}
        elif name == "year":
            items = sorted(found, reverse=True)
            labels = {s: s for s in items}
        else:
            items = sorted(found, key=str.lower)
            labels = {s: s for s in items}
        selected = set(filters.get(name, []))
        # Keep a selected value visible even when it has no hits now.
        missing = [v for v in filters.get(name, []) if v not in found]
        result[name] = [
            (value, labels.get(value, value), found.get(value, 0), value in selected)
            for value in items + missing
        ]
    return result


def published_cases(locale=None):
    queryset = CaseStudyPage.objects.live().public()
    if locale is not None:
        queryset = queryset.filter(locale=locale)
    return queryset


def with_card_data(queryset):
    """What a case card shows, fetched in a fixed number of queries."""
    return queryset.select_related("agency", "stage", "hero_image", "locale").prefetch_related(
        "themes"
    )


def annotate_cards(cases, taxonomy):
    """Attach localized theme and stage labels to each case of a page of results."""
    for case in cases:
        case.theme_labels = sorted(
            ((t.slug, taxonomy.theme_label(t.slug)) for t in case.themes.all()),
            key=lambda item: item[1].lower(),
        )
        case.stage_label = taxonomy.stage_label(case.stage.slug)
    return cases


def filter_links(request, facets):
    """For each active filter, the URL that removes it (kept in the query string)."""
    links = []
    for name, values in facets.items():
        for value, label, _count, selected in values:
            if selected:
                params = request.GET.copy()
                params.setlist(name, [v for v in params.getlist(name) if v != value])
                params.pop("page", None)
                links.append((name, label, "?" + params.urlencode()))
    return links


class CountedPaginator(Paginator):
    """A paginator told its total (counted with the facets) instead of counting again."""

    def __init__(self, object_list, per_page, total):
        super().__init__(object_list, per_page)
        self.total = total

    @property
    def count(self):
        return self.total


def case_listing_context(request, index_page):
    locale = index_page.locale
    taxonomy = Taxonomy.for_locale(locale)
    error = None
    try:
        filters = parse_filters(request.GET, taxonomy)
    except FilterError as exc:
        filters, error = {}, exc.message
    queryset = apply_filters(published_cases(locale), filters)
    counts = count_facets(queryset, taxonomy)
    facets = facet_counts(queryset, filters, taxonomy, counts)
    paginator = CountedPaginator(
        with_card_data(queryset.order_by("-first_published_at", "-pk")), PAGE_SIZE,
        total=sum(counts["language"].values()),
    )
    page = paginator.get_page(request.GET.get("page"))
    annotate_cards(page.object_list, taxonomy)
    params = request.GET.copy()
    params.pop("page", None)
    return {
        "cases": page,
        "paginator": paginator,
        "facets": facets,
        "filters": filters,
        "active_filters": filter_links(request, facets),
        "filter_error": error,
        "query_string": params.urlencode(),
        "facet_titles": facet_titles(),
    }


def facet_titles():
    return {
        "theme": _("Theme"),
        "stage": _("Stage"),
        "agency": _("Agency"),
        "status": _("Status"),
        "year": _("Year started"),
    }


RELATED_CANDIDATES = 200


def related_cases(page, taxonomy, limit=4):
    """Up to four cases in the same language sharing themes or the stage, taken
    from the newest RELATED_CANDIDATES such cases: most shared themes first,
    then the same stage, then the newest.

    Bounded so a case page costs the same at 1,000 or 100,000 cases: the
    candidates come newest first from the publication date index, and only
    they are ranked; the winners are then loaded for their cards."""
    theme_ids = [theme.pk for theme in page.themes.all()]
    through = CaseStudyPage.themes.through.objects
    candidates = list(
        published_cases(page.locale)
        .exclude(pk=page.pk)
        .filter(
            Q(stage_id=page.stage_id)
            | Exists(through.filter(casestudypage_id=OuterRef("pk"), theme_id__in=theme_ids))
        )
        .order_by("-first_published_at", "-pk")
        .values_list("pk", "stage_id")[:RELATED_CANDIDATES]
    )
    shared = Counter(
        through.filter(casestudypage_id__in=[pk for pk, _ in candidates], theme_id__in=theme_ids)
        .values_list("casestudypage_id", flat=True)
    )
    # Candidates are newest first and sorted() is stable, so ties stay newest first.
    ranked = [pk for pk, stage_id in sorted(
        candidates, key=lambda c: (shared[c[0]], c[1] == page.stage_id), reverse=True
    )][:limit]
    cases = with_card_data(CaseStudyPage.objects.filter(pk__in=ranked)).in_bulk()
    return annotate_cards([cases[pk] for pk in ranked if pk in cases], taxonomy)
