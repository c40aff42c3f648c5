"""The search service behind the search page and /api/search/.

parse_params() validates a request's parameters (raising ParameterError that
names the bad one). run_search() builds the published cases in the chosen
languages, filters them (cases.filters.CaseFilter), matches the words with
the search backend through modelsearch (`.search()`), and pages, counts
facets and marks excerpts. When the engine does not answer, the database's
own index answers instead, marked "degraded"."""

import logging
import re
from dataclasses import dataclass, field, replace
from functools import cached_property, lru_cache

from django.conf import settings
from django.utils.translation import gettext as _
from modelsearch.backends import get_search_backend
from modelsearch.query import MATCH_ALL
from wagtail.contrib.search_promotions.models import SearchPromotion
from wagtail.models import Locale
from wagtail.search.utils import normalise_query_string

from cases.facets import (
    INDEXED,
    counts,
    facet_counts,
    from_keys,
    indexed_filters,
    language_counts,
    ranked_counts,
)
from cases.filters import FACETS, CaseFilter
from cases.models import CaseStudyPage
from cases.queries import published_cases
from core.keys import Keys
from core.languages import current_language, language_codes
from search.backends.query import Words
from search.compounds import compounds
from search.engine import engine_available, mark_unavailable
from search.health import backend_name
from search.spelling import suggest
from search.synonyms import expand, related_terms
from search.text import (
    MAX_QUERY_LENGTH,
    clean_query,
    excerpt,
    query_words,
    searched_words,
    word_pattern,
)

logger = logging.getLogger(__name__)

SORTS = ("relevance", "newest")
DEFAULT_PAGE_SIZE = 20
MAX_PAGE_SIZE = 100
# No reader pages this far; a bound keeps offsets within what databases count.
MAX_PAGE = 10_000
DIGITS = re.compile(r"[0-9]{1,9}")
# Newest first, the id breaking ties (Page's `id` is a filter field in every index).
NEWEST = ("-first_published_at", "-id")
# The engine tolerates typos only when the words as written find fewer cases;
# the database backends correct the spelling then.
FUZZY_BELOW = 3
# When fewer cases than this (half a page) hold every word, several words
# also find the cases that hold some of them, ranked below.
SOME_WORDS_BELOW = 10
# The zero-hit page counts at most this many searches without one filter.
MAX_FILTER_COUNTS = 6
# ... and offers at most this many related words that find something.
MAX_RELATED = 4


class ParameterError(ValueError):
    def __init__(self, parameter, message):
        super().__init__(message)
        self.parameter = parameter
        self.message = message


@dataclass
class SearchParams:
    query: str = ""
    lang: str = "sv"
    sort: str = "newest"
    page: int = 1
    page_size: int = DEFAULT_PAGE_SIZE
    # The filter parameters as given ({name: [values]}) and the valid chosen ones.
    filter_data: dict = field(default_factory=dict)
    chosen: dict = field(default_factory=dict)
    # False: search the words exactly as typed, never a corrected spelling.
    correct: bool = True
    # True: also the cases that hold some of the words (when few hold all).
    some_words: bool = False
    # Engines: typos tolerated, since the words as written found too few
    # (tolerant()); the cases holding some of the words are found so too.
    typos: bool = False

    @property
    def languages(self):
        return list(language_codes()) if self.lang == "all" else [self.lang]

    @cached_property
    def words(self):
        """The query's words that a search matches (searched_words()): derived, so a
        copy with another language or query (dataclasses.replace) has its own."""
        return searched_words(self.query, self.languages)

    @cached_property
    def groups(self):
        """The words with their synonyms, for the database backends (search.synonyms)."""
        return expand(self.words, self.languages)


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
        if raw.isascii() and raw.isdigit() and raw.strip("0"):  # more digits than any page needs
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
    if query and not query_words(query):
        raise ParameterError("q", _("Search for at least one word or number."))
    lang = params.get("lang", "").strip() or current_language()
    if lang not in (*language_codes(), "all"):
        raise ParameterError("lang", _("The language must be sv, en or all."))
    sort = params.get("sort", "").strip() or ("relevance" if query else "newest")
    if sort not in SORTS:
        raise ParameterError("sort", _("The order must be relevance or newest."))
    page = _positive_int(params, "page", 1, MAX_PAGE)
    page_size = _positive_int(params, "page_size", default_page_size, MAX_PAGE_SIZE)
    correct = params.get("correct", "").strip()
    if correct not in ("", "0", "1"):
        raise ParameterError("correct", _("Spelling correction must be 0 (off) or 1 (on)."))
    filter_data = {name: params.getlist(name) for name in CaseFilter.base_filters}
    # Validated here, applied in searchable_cases().
    case_filter = CaseFilter(filter_data, queryset=CaseStudyPage.objects.none())
    if not case_filter.is_valid():
        name, messages = next(iter(case_filter.errors.items()))
        raise ParameterError(name, messages[0])
    return SearchParams(
        query, lang, sort, page, page_size, filter_data, case_filter.chosen, correct != "0"
    )


@dataclass
class SearchOutcome:
    params: SearchParams
    total: int
    results: list  # pages (cases.queries.for_cards), each with its `excerpt`
    facets: dict
    language_facet: dict
    backend: str
    degraded: bool = False
    suggestion: str = ""
    promoted: list = field(default_factory=list)
    # With no case holding every word in one language: how many the other has.
    in_other_language: int = 0
    # The spelling searched instead of the words as typed ("" if none).
    corrected_query: str = ""
    # Few cases or none hold every word: these (first) and those holding some.
    some_words: bool = False
    # How many hold every word, when some_words.
    every_word_total: int = 0
    # With no hits: [(filter, value, how many the search finds without it)].
    without_filter: list = field(default_factory=list)
    # With no hits, or few cases holding every word: [(a query word alone or
    # a synonym of one, how many it finds)].
    related: list = field(default_factory=list)


def searchable_cases(params):
    """What a search may find: published, public cases in its languages that
    pass its filters. Written with the fields every index filters by (live,
    path, locale, id), so an engine applies the same filter."""
    queryset = published_cases()
    if params.lang != "all":
        locales = Locale.objects.filter(language_code__in=params.languages)
        queryset = queryset.filter(locale_id__in=list(locales.values_list("pk", flat=True)))
    if params.chosen:
        chosen = CaseFilter(params.filter_data, queryset=queryset).qs
        queryset = queryset.filter(id__in=chosen.values("id"))
    return queryset


@lru_cache(maxsize=4)
def _backend(config, alias):
    """One backend (and engine client with its connection pool) per configuration."""
    return get_search_backend(alias)


def search_backend(alias="default"):
    return _backend(repr(settings.WAGTAILSEARCH_BACKENDS.get(alias)), alias)


def database_backend():
    """The database's own index: the configured fallback, or the default."""
    if "fallback" in settings.WAGTAILSEARCH_BACKENDS:
        return search_backend("fallback")
    return search_backend()


def match(backend, params, queryset, engine):
    """modelsearch's results for the words (every one required, or any one
    with `some_words`) in the queryset; without words, all of it, newest
    first. An engine that counts the matches itself is handed the chosen
    facets as filters."""
    by_relevance = params.sort != "newest" and bool(params.words)
    if not by_relevance:
        queryset = queryset.order_by(*NEWEST)
    if not params.words:
        return backend.search(MATCH_ALL, queryset, order_by_relevance=False)
    filters = indexed_filters(params.chosen) if counted_by_engine(params, engine) else None
    return backend.search(
        Words(
            params.words,
            params.languages,
            fuzzy=params.typos,
            groups=params.groups,
            some=params.some_words,
            engine_filters=filters,
        ),
        queryset,
        operator="and",
        order_by_relevance=by_relevance,
    )


def counted_by_engine(params, engine):
    """Whether the engine filters and counts the matches itself: modelsearch
    hands it the published, public and language filters, and match() the
    chosen facets (cases.facets.indexed_filters). A filter the index does
    not hold (`reused`) is applied by the database, which then keeps those
    of the engine's matches that pass it (modelsearch hands an engine no
    `id__in` filter)."""
    return engine and all(name in INDEXED for name in params.chosen)


def how_many(results, params, engine):
    """How many cases the results hold (in the searched queryset)."""
    if counted_by_engine(params, engine):
        return results.aggregated({}, 0, 0)[1]
    return len(results.ranked_values())


def tolerant(backend, params, queryset, engine, read):
    """(read(results) of the words' results: (what it reads, how many cases
    they hold); the params searched). On an engine, read again with typos
    tolerated (`typos`) when the words as written (every one, or some with
    `some_words`) find fewer than FUZZY_BELOW, unless the words are to be
    searched as typed (`correct`)."""
    found = read(match(backend, params, queryset, engine))
    retry = engine and params.words and params.correct and not params.typos
    if retry and found[1] < FUZZY_BELOW:
        params = replace(params, typos=True)
        found = read(match(backend, params, queryset, engine))
    return found, params


def count_found(backend, params, queryset, engine):
    """How many cases the search finds (typos tolerated as in tolerant())."""
    return tolerant(
        backend, params, queryset, engine, lambda results: (None, how_many(results, params, engine))
    )[0][1]


def ranked_keys(results):
    """(every match's key in the searched queryset, best first; how many)."""
    keys = [row[0] for row in results.ranked_values()]
    return keys, len(keys)


def page_and_counts(results, params, engine, start, end):
    """(the keys of the matches from start to end, best first; the facet
    counts of every match). Counted by the engine (counted_by_engine), else
    by the database over the matches in the searched queryset (which also
    keeps an engine's matches to the filters it could not apply)."""
    if counted_by_engine(params, engine):
        page, _total, buckets = results.aggregated(INDEXED, start, end)
        return page, from_keys(buckets)
    keys, found = ranked_counts(results.ranked_values, [*FACETS, "language"])
    return keys[start:end], found


def counted(backend, params, queryset, engine, start, end):
    """(page_and_counts() of the search, the params searched): typos
    tolerated as in tolerant()."""

    def read(results):
        page, found = page_and_counts(results, params, engine, start, end)
        return (page, found), total(found)

    (found, _total), searched = tolerant(backend, params, queryset, engine, read)
    return found, searched


def total(found):
    """How many cases the facet counts count: the sum of the languages'."""
    return sum(found["language"].values())


def correction(backend, params, keys, engine, found):
    """(the params with the corrected spelling, how many cases it finds)
    when the words as typed find fewer than FUZZY_BELOW (nothing, on an
    engine, whose fuzzy search already tried) and the correction finds
    more; None otherwise. Costs the known words (cached) and one more
    search."""
    if not params.words or not params.correct or found >= FUZZY_BELOW or (engine and found):
        return None
    spelling = suggest(params.words, params.languages)
    if not spelling:
        return None
    corrected = replace(params, query=spelling)
    n = count_found(backend, corrected, keys, engine)
    return (corrected, n) if n > found else None


def split_word(params):
    """Whether a single word is a Swedish compound of parts the cases hold."""
    words = params.words
    return len(words) == 1 and bool(compounds(words, params.languages)[0].parts)


def searched_instead(backend, params, keys, engine, found):
    """(what is searched instead of the words as typed, how many cases hold
    every word of it): their corrected spelling (correction()), and, when
    fewer than SOME_WORDS_BELOW cases hold every word of what is searched, also
    the cases that hold some of them, or some of a compound's parts (ranked
    below); None when the words stand."""
    corrected, found = correction(backend, params, keys, engine, found) or (None, found)
    searched = corrected or params
    if found < SOME_WORDS_BELOW and (len(searched.groups) > 1 or split_word(searched)):
        return replace(searched, some_words=True), found
    return (corrected, found) if corrected else None


def find(backend, params, engine):
    """(the page's cases, their facet counts, the params searched: the
    corrected spelling's when it was searched instead, how many cases hold
    every word searched)."""
    queryset = searchable_cases(params)
    # Matched and ordered on the keys alone; the page's cards read after.
    keys = queryset.only("pk")
    start = (params.page - 1) * params.page_size
    end = start + params.page_size
    if not params.words and not engine:
        found = counts(queryset, [*FACETS, "language"])
        page = keys.order_by(*NEWEST).values_list("pk", flat=True)[start:end]
        return queryset.cards(list(page), "lessons"), found, params, total(found)
    (page, found), searched = counted(backend, params, keys, engine, start, end)
    every_word = total(found)
    instead = searched_instead(backend, searched, keys, engine, every_word)
    if instead:
        searched, every_word = instead
        (page, found), searched = counted(backend, searched, keys, engine, start, end)
    return queryset.cards(page, "lessons"), found, searched, every_word


def answered(params, action):
    """(action(backend, engine?), backend name, degraded): on the engine when
    it answers, else on the database's own index. Without words and with
    chosen facets the database answers (match() hands an engine no filter
    for a search without words)."""
    name = backend_name()
    engine_answers = params.words or not params.chosen
    if name != "database" and engine_answers and engine_available():
        try:
            return action(search_backend(), True), name, False
        except Exception:  # down, refused, timed out, or a failed shard
            logger.warning("search engine did not answer; using the database", exc_info=True)
            mark_unavailable()
    # Degraded only in place of an engine, and only with words: without
    # them the database lists exactly what the engine would.
    return action(database_backend(), False), "database", name != "database" and bool(params.words)


def count_matches(params, **changes):
    """How many cases the search finds with some parameters changed, every
    word required."""
    other = replace(params, some_words=False, typos=False, **changes)

    def count(backend, engine):
        keys = searchable_cases(other).only("pk")
        return count_found(backend, other, keys, engine)

    return answered(other, count)[0]


def without_filter_counts(params):
    """[(filter, value, count)]: for each chosen filter value (at most
    MAX_FILTER_COUNTS), how many cases the search finds without it."""
    found = []
    for name in params.chosen:
        for value in dict.fromkeys(v.strip() for v in params.filter_data.get(name, [])):
            if not value or len(found) == MAX_FILTER_COUNTS:
                continue
            data = dict(params.filter_data)
            data[name] = [v for v in data[name] if v.strip() != value]
            chosen = CaseFilter(data, queryset=CaseStudyPage.objects.none()).chosen
            found.append((name, value, count_matches(params, filter_data=data, chosen=chosen)))
    return found


def related_counts(params):
    """[(term, count)]: the related searches (search.synonyms.related_terms)
    that find something with the same filters, at most MAX_RELATED of them.
    When the cases holding some of the words are shown, each word alone
    (its synonyms were searched with it), a single compound's parts each."""
    if params.some_words:
        terms = [" ".join(group[0]) for group in params.groups]
        if len(terms) == 1:
            terms = list(compounds(terms, params.languages)[0].parts) or terms
    else:
        terms = related_terms(params.words, params.languages)
    found = []
    for term in terms[:MAX_RELATED]:
        n = count_matches(params, query=term)
        if n:
            found.append((term, n))
    return found


def run_search(params):
    (results, found, searched, every_word), backend, degraded = answered(
        params, lambda backend, engine: find(backend, params, engine)
    )
    found_total = total(found)
    # The words searched and their one-word synonyms (a word of a phrase
    # alone is no match); a single compound's parts, when they were searched.
    marked = [words[0] for group in searched.groups for words in group if len(words) == 1]
    marked += [word for group in searched.groups for word in group[0]]
    if searched.some_words and split_word(searched):
        marked += compounds(searched.words, searched.languages)[0].parts
    pattern = word_pattern(list(dict.fromkeys(marked)), params.languages)
    for case in results:
        texts = [case.summary, case.challenge, case.approach, case.results]
        case.excerpt = excerpt([*texts, *(lesson.text for lesson in case.lessons.all())], pattern)
    suggestion = ""
    # With correction on, the spelling was already tried (find()).
    if not found_total and params.words and not params.correct:
        suggestion = suggest(params.words, params.languages)
        # Only a spelling that finds something: "the handläggnig" on the
        # Swedish page became "the handläggning", which finds nothing either.
        if suggestion and not count_matches(params, query=suggestion):
            suggestion = ""
    in_other_language = 0
    nothing_together = not found_total or (searched.some_words and not every_word)
    if nothing_together and params.words and params.lang != "all":
        # What the link offered ("search both languages") finds: every word
        # matched in both languages' forms and without either's stop words.
        # The reader's language found none holding every word, so these are
        # the other's.
        in_other_language = count_matches(searched, lang="all")
    without_filter = without_filter_counts(searched) if not found_total and params.words else []
    # Nothing found, or few cases holding every word: each word alone, or synonyms.
    few_together = not found_total or searched.some_words
    related = related_counts(searched) if few_together and params.words else []
    return SearchOutcome(
        params=params,
        total=found_total,
        results=results,
        facets=facet_counts(None, params.chosen, Locale.get_active(), found=found),
        language_facet=language_counts(found=found),
        backend=backend,
        degraded=degraded,
        suggestion=suggestion,
        promoted=promoted_cases(params) if params.page == 1 else [],
        in_other_language=in_other_language,
        corrected_query=searched.query if searched.query != params.query else "",
        some_words=searched.some_words,
        every_word_total=every_word if searched.some_words else 0,
        without_filter=without_filter,
        related=related,
    )


def promoted_cases(params):
    """Cases an editor promoted for this query (Wagtail search promotions)."""
    if not params.query:
        return []
    page_ids = list(
        SearchPromotion.objects.filter(
            query__query_string=normalise_query_string(params.query), page__isnull=False
        )
        .order_by("sort_order", "pk")
        .values_list("page_id", flat=True)
    )
    if not page_ids:
        return []
    return published_cases().cards(page_ids)


def case_as_json(case, request):
    return {
        "id": case.exchange_id,
        "title": case.title,
        "url": case.get_url(request),
        "summary": case.summary,
        "excerpt": case.excerpt,
        "agency": case.agency.name,
        "themes": [theme.slug for theme in case.themes.all()],
        "stage": case.stage.slug,
        "status": case.status,
        "language": case.locale.language_code,
        "published": case.first_published_at.date().isoformat()
        if case.first_published_at
        else None,
    }


def outcome_as_json(outcome, request):
    facets = {
        name: {value: count for value, _l, count, _s in rows if count}
        for name, rows in outcome.facets.items()
    }
    facets["language"] = {code: n for code, n in outcome.language_facet.items() if n}
    data = {
        "query": outcome.params.query,
        "total": outcome.total,
        "page": outcome.params.page,
        "page_size": outcome.params.page_size,
        "backend": outcome.backend,
        "results": [case_as_json(case, request) for case in outcome.results],
        "facets": facets,
    }
    if outcome.degraded:
        data["degraded"] = True
        data["notice"] = _(
            "The search engine is not answering right now. These results "
            "come from the database's simpler search."
        )
    if outcome.corrected_query:
        data["corrected_query"] = outcome.corrected_query
    if outcome.some_words:
        data["some_words"] = True
        data["every_word_total"] = outcome.every_word_total
    if outcome.suggestion:
        data["suggestion"] = outcome.suggestion
    return data


def all_matches(params):
    """Every case the search finds for these parameters, not paged, newest
    first: the same cases that run_search() counts in its total (those of
    what was searched instead, searched_instead()). For the open-data exports."""

    def action(backend, engine):
        queryset = searchable_cases(params)
        if not params.words:
            return queryset
        # On an engine, the ids are fetched here, where a failure still falls back.
        (found_keys, _n), searched = tolerant(backend, params, queryset, engine, ranked_keys)
        instead = searched_instead(backend, searched, queryset, engine, len(found_keys))
        if instead:
            found_keys = tolerant(backend, instead[0], queryset, engine, ranked_keys)[0][0]
        return queryset.filter(pk__in=Keys(found_keys))

    return answered(params, action)[0].order_by(*NEWEST)
