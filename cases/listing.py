"""Filters, facet counts and related cases: shared by the case listing and search."""

import re
from collections import Counter
from dataclasses import dataclass, field

from django.core.paginator import Paginator
from django.db.models import Exists, OuterRef, Q
from django.utils.translation import gettext as _

from cases.cards import case_cards, snippets_by_pk
from cases.facts import CaseFacts
from cases.models import CaseStatus, CaseStudyPage
from cases.snippets import Theme
from portal.process_memo import memo, restricted_paths

YEAR = re.compile(r"[0-9]{4}")
FACETS = ("theme", "stage", "agency", "status", "year")
PAGE_SIZE = 20
# Newest first, the id breaking ties: listings, feeds and searches without words.
NEWEST = ("-first_published_at", "-pk")


class FilterError(ValueError):
    """A filter parameter with a value the portal does not know."""

    def __init__(self, parameter, message):
        super().__init__(message)
        self.parameter = parameter
        self.message = message


@dataclass
class Taxonomy:
    """Theme and stage names in one locale, keyed by slug, with the agencies'
    names and the languages' codes (the themes' query and snippets_by_pk(),
    once per content change in each worker: see portal.process_memo)."""

    themes: dict = field(default_factory=dict)
    stages: dict = field(default_factory=dict)
    stage_order: dict = field(default_factory=dict)
    slug_by_pk: dict = field(default_factory=lambda: {"theme": {}, "stage": {}})
    agency_names: dict = field(default_factory=dict)  # by pk, every language
    language_codes: dict = field(default_factory=dict)  # locale pk: "sv"

    @classmethod
    def for_locale(cls, locale):
        return memo(None, ("taxonomy", locale.pk), lambda: cls._load(locale))

    @classmethod
    def _load(cls, locale):
        taxonomy = cls()
        for theme in Theme.objects.all():
            taxonomy.slug_by_pk["theme"][theme.pk] = theme.slug
            # Prefer the locale's own name; fall back to any translation.
            if theme.locale_id == locale.pk or theme.slug not in taxonomy.themes:
                taxonomy.themes[theme.slug] = theme.name
        snippets = snippets_by_pk()  # in the models' own order
        for stage in snippets["stage"].values():
            taxonomy.slug_by_pk["stage"][stage.pk] = stage.slug
            if stage.locale_id == locale.pk or stage.slug not in taxonomy.stages:
                taxonomy.stages[stage.slug] = stage.name
                taxonomy.stage_order[stage.slug] = stage.order
        taxonomy.agency_names = {pk: agency.name for pk, agency in snippets["agency"].items()}
        taxonomy.language_codes = {
            pk: locale.language_code.split("-")[0] for pk, locale in snippets["locale"].items()
        }
        return taxonomy

    def theme_label(self, slug):
        return self.themes.get(slug, slug)

    def stage_label(self, slug):
        return self.stages.get(slug, slug)

    def pks_of(self, name, values):
        """The pks of the themes or stages with these slugs, or of the agencies
        with these names (a filter's values), in every language."""
        if name == "agency":
            return [pk for pk, agency in self.agency_names.items() if agency in values]
        return [pk for pk, slug in self.slug_by_pk[name].items() if slug in values]

    def locale_pks(self, language):
        """The pks of the locales of a language ("sv", "en")."""
        return [pk for pk, code in self.language_codes.items() if code == language]


def parse_good_filters(params, taxonomy):
    """The filters whose values are known, and a message for each bad one: a
    listing shows what the reader chose besides the bad value."""
    params, errors = params.copy(), []
    while True:
        try:
            return parse_filters(params, taxonomy), errors
        except FilterError as exc:
            errors.append(exc.message)
            params.pop(exc.parameter)


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
            # ASCII digits: "²²²²".isdigit() is true but int() refuses it.
            unknown = [v for v in values if not (YEAR.fullmatch(v) and int(v))]
        else:
            unknown = [v for v in values if len(v) > 200]
        if unknown:
            # The filter as the reader sees it named ("startår"), mid-sentence.
            title = facet_titles()[name]
            raise FilterError(
                name,
                _("Unknown value for %(name)s: %(value)s")
                % {"name": title[:1].lower() + title[1:], "value": unknown[0][:50]},
            )
        filters[name] = list(dict.fromkeys(values))
    return filters


def counts_from_rows(rows, taxonomy):
    """{facet: Counter(value: count)} from (facet, value, n) rows (cases.facts
    or the engine's aggregations)."""
    counts = {name: Counter() for name in (*FACETS, "language")}
    labels = {
        **taxonomy.slug_by_pk,
        "agency": taxonomy.agency_names,
        "language": taxonomy.language_codes,
    }
    for name, value, n in rows:
        if value is not None and name in counts:
            # Every value comes back as text (one column type for the UNION).
            counts[name][labels[name][int(value)] if name in labels else value] += n
    return counts


def facet_counts(counts, filters, taxonomy):
    """The counts over the whole filtered result set (counts_from_rows),
    labelled and ordered.

    Returns {facet: [(value, label, count, selected), ...]}: themes by name,
    stages in stage order, agencies by name, statuses in their fixed order,
    years newest first."""
    status_labels = dict(CaseStatus.choices)
    label_of = {
        "theme": taxonomy.theme_label,
        "stage": taxonomy.stage_label,
        "status": lambda s: status_labels.get(s, s),
    }
    result = {}
    for name in FACETS:
        found = counts[name]
        label = label_of.get(name, str)
        if name == "theme":
            items = sorted(found, key=lambda s: label(s).lower())
        elif name == "stage":
            items = sorted(found, key=lambda s: taxonomy.stage_order.get(s, 99))
        elif name == "status":
            items = [s for s in CaseStatus.values if s in found]
        elif name == "year":
            items = sorted(found, reverse=True)
        else:
            items = sorted(found, key=str.lower)
        selected = set(filters.get(name, []))
        # Keep a selected value visible, under its name, even when it has no hits now.
        missing = [v for v in filters.get(name, []) if v not in found]
        result[name] = [
            (value, label(value), found.get(value, 0), value in selected)
            for value in items + missing
        ]
    return result


def published_cases(locale=None):
    queryset = CaseStudyPage.objects.live()
    if restricted_paths():  # Wagtail's public() reads them again
        queryset = queryset.public()
    if locale is not None:
        queryset = queryset.filter(locale=locale)
    return queryset


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


def case_listing_context(request, index_page):
    locale = index_page.locale
    taxonomy = Taxonomy.for_locale(locale)
    filters, errors = parse_good_filters(request.GET, taxonomy)
    facts = CaseFacts.current()
    cases = facts.chosen(taxonomy, filters, [locale.pk])
    facets = facet_counts(counts_from_rows(facts.rows(cases), taxonomy), filters, taxonomy)
    paginator = Paginator(facts.cards(cases, taxonomy), PAGE_SIZE)
    page = paginator.get_page(request.GET.get("page"))
    params = request.GET.copy()
    params.pop("page", None)
    return {
        "cases": page,
        "paginator": paginator,
        "facets": facets,
        "filters": filters,
        "active_filters": filter_links(request, facets),
        "filter_error": " ".join(errors),
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
        .order_by(*NEWEST)
        .values_list("pk", "stage_id")[:RELATED_CANDIDATES]
    )
    shared = Counter(
        through.filter(
            casestudypage_id__in=[pk for pk, _ in candidates], theme_id__in=theme_ids
        ).values_list("casestudypage_id", flat=True)
    )
    # Candidates are newest first and sorted() is stable, so ties stay newest first.
    ranked = [
        pk
        for pk, stage_id in sorted(
            candidates, key=lambda c: (shared[c[0]], c[1] == page.stage_id), reverse=True
        )
    ][:limit]
    return case_cards(ranked, taxonomy)
