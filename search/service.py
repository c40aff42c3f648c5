"""The one search service behind the search page, /api/search/ and lessons.

parse_params() validates a request's parameters (raising ParameterError that
names the bad one); run_search() chooses the backend, falls back to the
database when the engine does not answer, and returns results with facets."""

import logging
import re
from dataclasses import dataclass, field, replace
from functools import cached_property

from django.utils.translation import gettext as _

from cases.cards import case_cards
from cases.listing import (
    FilterError,
    Taxonomy,
    counts_from_rows,
    facet_counts,
    parse_filters,
)
from core.languages import current_language, language_codes
from portal.process_memo import active_locale, memo
from search.engine import engine_available, mark_unavailable
from search.health import backend_name
from search.rankers import DatabaseRanker, EngineRanker, EngineUnavailable
from search.spelling import suggest
from search.text import (
    MAX_QUERY_LENGTH,
    clean_query,
    excerpt,
    query_words,
    without_stop_words,
    word_pattern,
)

logger = logging.getLogger(__name__)

LANGUAGES = language_codes()
SORTS = ("relevance", "newest")
DEFAULT_PAGE_SIZE = 20
MAX_PAGE_SIZE = 100


class ParameterError(ValueError):
    def __init__(self, parameter, message):
        super().__init__(message)
        self.parameter = parameter
        self.message = message


@dataclass
class SearchParams:
    query: str = ""
    filters: dict = field(default_factory=dict)
    lang: str = "sv"
    sort: str = "newest"
    page: int = 1
    page_size: int = DEFAULT_PAGE_SIZE
    taxonomy: Taxonomy = None

    @property
    def languages(self):
        return list(LANGUAGES) if self.lang == "all" else [self.lang]

    @cached_property
    def words(self):
        """The query's words without the languages' stop words: derived, so a
        copy with another language or query (dataclasses.replace) has its own."""
        return without_stop_words(query_words(self.query), self.languages)


# No reader pages this far; a bound keeps offsets within what databases count.
MAX_PAGE = 10_000
DIGITS = re.compile(r"[0-9]{1,9}")


def _positive_int(params, name, default, maximum):
    """A page number or size: ASCII digits only ("²".isdigit() is true, but
    int("²") fails), at least 1 and at most `maximum`."""
    raw = params.get(name, "").strip()
    if not raw:
        return default
    # The parameter as the reader knows it, in a whole sentence per language.
    if name == "page":
        not_whole = _("The page number must be a whole number of at least 1.")
        too_big = _("The page number can be at most %(max)s.")
    else:
        not_whole = _("The number of results per page must be a whole number of at least 1.")
        too_big = _("The number of results per page can be at most %(max)s.")
    if not DIGITS.fullmatch(raw) or int(raw) < 1:
        if raw.isascii() and raw.isdigit():  # more digits than any page needs
            raise ParameterError(name, too_big % {"max": maximum})
        raise ParameterError(name, not_whole)
    value = int(raw)
    if value > maximum:
        raise ParameterError(name, too_big % {"max": maximum})
    return value


def parse_params(params, default_page_size=DEFAULT_PAGE_SIZE):
    raw_query = params.get("q", "")
    if len(raw_query) > MAX_QUERY_LENGTH:
        raise ParameterError(
            "q", _("The search text can be at most %(max)s characters.") % {"max": MAX_QUERY_LENGTH}
        )
    query = clean_query(raw_query)
    words = query_words(query)
    if query and not words:
        raise ParameterError("q", _("Search for at least one word or number."))
    lang = params.get("lang", "").strip() or current_language()
    if lang not in (*LANGUAGES, "all"):
        raise ParameterError("lang", _("The language must be sv, en or all."))
    sort = params.get("sort", "").strip() or ("relevance" if words else "newest")
    if sort not in SORTS:
        raise ParameterError("sort", _("The order must be relevance or newest."))
    page = _positive_int(params, "page", 1, MAX_PAGE)
    page_size = _positive_int(params, "page_size", default_page_size, MAX_PAGE_SIZE)
    taxonomy = Taxonomy.for_locale(active_locale())
    try:
        filters = parse_filters(params, taxonomy)
    except FilterError as exc:
        raise ParameterError(exc.parameter, exc.message) from exc
    return SearchParams(query, filters, lang, sort, page, page_size, taxonomy)


@dataclass
class SearchOutcome:
    params: SearchParams
    total: int
    results: list
    facets: dict
    language_facet: list
    backend: str
    degraded: bool = False
    suggestion: str = ""
    promoted: list = field(default_factory=list)
    # With no hits in one language: how many the other language has.
    in_other_language: int = 0

    @property
    def page_count(self):
        return max(1, -(-self.total // self.params.page_size))


def rank(params):
    """(ranking, backend name, degraded) with the engine if it answers."""
    offset = (params.page - 1) * params.page_size
    name = backend_name()
    if name != "database" and engine_available():
        try:
            return EngineRanker(name).rank(params, offset), name, False
        except EngineUnavailable:
            logger.warning("search engine did not answer; using the database")
            mark_unavailable()
    # Degraded only in place of an engine, and only with words: without
    # them the database lists exactly what the engine would.
    degraded = name != "database" and bool(params.words)
    return DatabaseRanker().rank(params, offset), "database", degraded


def run_search(params):
    ranking, backend, degraded = rank(params)
    counts = counts_from_rows(ranking.facet_rows, params.taxonomy)
    facets = facet_counts(counts, params.filters, params.taxonomy)
    # Published cases only: an engine whose index lags behind (background
    # indexing) never shows a case that is no longer published.
    results = case_cards(ranking.page_ids, params.taxonomy, lessons=True)
    pattern = word_pattern(params.words, params.languages)
    for case in results:
        texts = [case.summary, case.challenge, case.approach, case.results, *case.lesson_texts]
        case.excerpt = excerpt(texts, pattern)
    total = ranking.total
    suggestion = ranking.suggestion
    if not total and params.words and not suggestion:  # the database has no suggester
        suggestion = suggest(params.words, params.languages)
    # Only a spelling that finds something: "the handläggnig" on the Swedish
    # page became "the handläggning", which finds nothing either.
    if suggestion and not count_matches(params, query=suggestion):
        suggestion = ""
    in_other_language = 0
    if not total and params.words and params.lang != "all":
        in_other_language = total_in_other_language(params)
    return SearchOutcome(
        params=params,
        total=total,
        results=results,
        facets=facets,
        language_facet=[
            (code, code, counts["language"][code]) for code in LANGUAGES if counts["language"][code]
        ],
        backend=backend,
        degraded=degraded,
        suggestion=suggestion,
        promoted=promoted_cases(params) if params.page == 1 else [],
        in_other_language=in_other_language,
    )


def total_in_other_language(params):
    """How many cases the same words and filters find in the other language
    (a reader on the Swedish page who searched for an English word)."""
    # The copy drops that language's stop words, not the first one's: "the"
    # is no Swedish stop word, but a case need not contain it in English.
    return count_matches(params, lang=next(code for code in LANGUAGES if code != params.lang))


def count_matches(params, **changes):
    """How many cases the search finds with some parameters changed."""
    other = replace(params, page=1, page_size=1, **changes)
    return rank(other)[0].total


def promotions():
    """{normalised query: [page id]} of every search promotion, in the
    editors' order: read once per content change in this worker (a promotion
    saved or deleted bumps the generation, portal.signals)."""
    from wagtail.contrib.search_promotions.models import SearchPromotion

    def read():
        by_query = {}
        for query, page_id in (
            SearchPromotion.objects.filter(page__isnull=False)
            .order_by("sort_order", "pk")
            .values_list("query__query_string", "page_id")
        ):
            by_query.setdefault(query, []).append(page_id)
        return by_query

    return memo(None, "search-promotions", read)


def promoted_cases(params):
    """Cases an editor promoted for this query (Wagtail search promotions)."""
    from wagtail.search.utils import normalise_query_string

    page_ids = promotions().get(normalise_query_string(params.query)) if params.query else None
    return case_cards(page_ids, params.taxonomy) if page_ids else []


def case_as_json(case, excerpt_html):
    return {
        "id": case.exchange_id,
        "title": case.title,
        "url": case.url,
        "summary": case.summary,
        "excerpt": excerpt_html,
        "agency": case.agency.name,
        "themes": case.theme_slugs,
        "stage": case.stage.slug,
        "status": case.status,
        "language": case.locale.language_code,
        "published": case.first_published_at.date().isoformat()
        if case.first_published_at
        else None,
    }


def outcome_as_json(outcome):
    facets = {
        name: {value: count for value, _l, count, _s in rows if count}
        for name, rows in outcome.facets.items()
    }
    facets["language"] = {code: n for code, _l, n in outcome.language_facet}
    data = {
        "query": outcome.params.query,
        "total": outcome.total,
        "page": outcome.params.page,
        "page_size": outcome.params.page_size,
        "backend": outcome.backend,
        "results": [case_as_json(c, c.excerpt) for c in outcome.results],
        "facets": facets,
    }
    if outcome.degraded:
        data["degraded"] = True
        data["notice"] = _(
            "The search engine is not answering right now. These results "
            "come from the database's simpler search."
        )
    if outcome.suggestion:
        data["suggestion"] = outcome.suggestion
    return data
