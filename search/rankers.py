"""Rank and paginate matches inside the database or the engine.

Each ranker takes a search's parameters, finds the query words among its
candidate cases (candidate_cases: published, public, in the chosen
languages, filtered), and returns a `Ranking`: the number of matches, one
page of ids in rank order and the facet counts over every match. The engine
gives all three in one request; the database gives the matching ids in rank
order, and the counts come from the facts kept in the worker (cases.facts).
None of them loads or scores whole cases in Python."""

import functools
import re
from array import array
from contextlib import contextmanager
from dataclasses import dataclass

from django.conf import settings
from django.db import connection
from modelsearch.backends import get_search_backend
from modelsearch.conf import get_app_config
from modelsearch.utils import get_descendants_content_types_pks

from cases.facts import CaseFacts
from cases.models import CaseStudyPage
from portal.process_memo import ProcessMemo, restricted_paths
from search.text import query_words, stems

# A hyphenated compound of a query: "e-tjänst", "sjukpenning-ärenden".
COMPOUND = re.compile(r"\w+(?:-\w+)+")

# Facets the engine counts with aggregations: (facet, the case's filter field).
ENGINE_FACETS = [
    ("stage", "stage_id"),
    ("agency", "agency_id"),
    ("status", "status"),
    ("language", "locale_id"),
    ("theme", "theme_ids_for_search"),
]
IndexEntry = get_app_config().get_model("IndexEntry", require_ready=False)
# A word in a large share of the cases (a common one) costs the database a
# scan of every case, and every match is scored and sorted: 12-16 ms for a
# word in 69 % of 10,000 cases, against 1-3 ms for a rare one. Such a
# ranking is kept in the worker until the content changes
# (portal.process_memo); a few dozen of them, at 8 bytes a match each.
LARGE_SHARE = 0.2
_large_rankings = ProcessMemo(32)


class EngineUnavailable(Exception):
    """The search engine did not answer (down, refused or timed out)."""


@dataclass
class Ranking:
    total: int  # how many cases match
    page_ids: list
    # Facet rows (kind, value, n) over every match (cases.listing.counts_from_rows).
    facet_rows: list
    suggestion: str = ""


def candidate_cases(params):
    """What a search may find: the cases (cases.facts) in its languages that
    match its filters. Published and public cases only."""
    facts = CaseFacts.current()
    locale_ids = None if params.lang == "all" else params.taxonomy.locale_pks(params.lang)
    return facts, facts.chosen(params.taxonomy, params.filters, locale_ids)


@contextmanager
def unprepared():
    """psycopg prepares nothing inside; the statements it has prepared stay.
    PostgreSQL's generic plan for a prepared statement knows neither the
    words nor the filters of a search: it cost 10 ms more than the 1 ms of
    planning it saves."""
    if connection.vendor != "postgresql":
        yield
        return
    driver = connection.connection
    threshold, driver.prepare_threshold = driver.prepare_threshold, None
    try:
        yield
    finally:
        driver.prepare_threshold = threshold


class DatabaseRanker:
    """modelsearch's database index (SQLite FTS5 or PostgreSQL tsvector): one
    SQL statement gives the matching cases' ids in rank order; the facet
    counts and the page come from the facts in this worker (cases.facts)."""

    name = "database"

    def rank(self, params, offset):
        facts, candidates = candidate_cases(params)
        # No words: every candidate, newest first. No candidates (filters that
        # no case passes): nothing to match the words against.
        if not params.words or not candidates:
            matches = candidates
            page_ids = facts.newest(matches, offset, params.page_size)
        else:
            ordered = self._matching_ids(params, keep_from=LARGE_SHARE * len(facts.pks))
            matches = facts.of(ordered) & candidates
            if params.sort == "newest":
                page_ids = facts.newest(matches, offset, params.page_size)
            else:
                page_ids = facts.in_order(ordered, matches, offset, params.page_size)
        return Ranking(matches.bit_count(), page_ids, facts.rows(matches))

    def _matching_ids(self, params, keep_from):
        """The ids of every case in the index that holds the words, best
        first; kept in the worker when there are keep_from or more."""
        types = list(get_descendants_content_types_pks(CaseStudyPage))
        table = IndexEntry._meta.db_table
        type_marks = ", ".join(["%s"] * len(types))
        pk_sql = "CAST(ie.object_id AS INTEGER)"
        by_score = params.sort != "newest"
        # Only fixed SQL fragments are interpolated; the query text is a parameter.
        if connection.vendor == "postgresql":
            tsquery, q_params = self._tsquery(params.words, params.languages)
            # Several words may be split between title and text, so then the
            # match is on both vectors together (search/0004: a GIN index on
            # that expression). Joining them costs more than matching either,
            # so that is tried first, and only when the query has more than
            # one required word (the planner folds `q.split` away). For a word
            # in 70 % of 10,000 cases the match took 28 ms with the joined test
            # last and 14 ms without it.
            where = (
                "(ie.title @@ q.query OR ie.body @@ q.query "
                "OR (q.split AND (ie.title || ie.body) @@ q.query))"
            )
            score = "ts_rank(ie.title, q.query) * 4 + ts_rank(ie.body, q.query)"
            order = " ORDER BY score DESC, pk DESC" if by_score else ""
            # One array: a row per match cost the client twice the time.
            sql = (
                f"SELECT array_agg(pk{order}) FROM (SELECT {pk_sql} AS pk, "  # noqa: S608
                f"{score if by_score else 0} AS score FROM {table} ie, ({tsquery}) "
                f"AS q(query, split) WHERE {where} AND ie.content_type_id IN ({type_marks})) h"
            )
        else:
            fts = f"{table}_fts"
            q_params = [self._fts_query(params.words, params.languages, params.query)]
            # Columns: autocomplete, body, title.
            order = f" ORDER BY bm25({fts}, 0.0, 1.0, 4.0), 1 DESC" if by_score else ""
            # CROSS JOIN fixes the order in SQLite: the full-text match runs
            # once, not once per index entry.
            sql = (
                f"SELECT {pk_sql} FROM {fts} CROSS JOIN {table} ie "  # noqa: S608
                f"ON ie.id = {fts}.rowid WHERE {fts} MATCH %s "
                f"AND ie.content_type_id IN ({type_marks}){order}"
            )
        statement_params = [*q_params, *types]

        def run():
            with connection.cursor() as cursor, unprepared():
                cursor.execute(sql, statement_params)
                if connection.vendor == "postgresql":
                    return array("q", cursor.fetchone()[0] or ())
                return array("q", (pk for (pk,) in cursor.fetchall()))

        return _large_rankings.get(
            None, (sql, *statement_params), run, keep=lambda ids: len(ids) >= keep_from
        )

    @staticmethod
    def _tsquery(words, languages):
        configs = {"sv": "swedish", "en": "english"}
        parts = [f"plainto_tsquery('{configs[lang]}', %s)" for lang in languages]
        # `split`: the query requires two or more words (an AND in it).
        tsquery = " || ".join(parts)  # fixed SQL; the words are parameters
        return (
            f"SELECT tsq, strpos(CAST(tsq AS TEXT), '&') > 0 FROM (SELECT {tsquery}) "  # noqa: S608
            "AS t(tsq)"
        ), [" ".join(words)] * len(languages)

    @staticmethod
    def _fts_query(words, languages, query=""):
        """FTS5 has no Swedish stemmer: match the stem as a prefix instead, so an
        inflected form ("myndigheterna") still finds the base form ("myndighet").

        A hyphenated compound of the query ("e-tjänst") may also match as a
        phrase of its parts. That finds the same cases (the phrase needs every
        part too), but bm25 then ranks a case with the compound above one with
        only its parts somewhere ("e-arkiv" in the title, "tjänster" in the
        text). PostgreSQL's and OpenSearch's ranking already puts the title that
        holds every word first."""

        def options(word):
            return list(
                dict.fromkeys(
                    f'"{stem}"*' if len(stem) >= 3 else f'"{word}"'
                    for stem in stems(word, languages)
                )
            )

        def group(word):
            return "(" + " OR ".join(options(word)) + ")"

        remaining = list(dict.fromkeys(words))
        clauses = []
        for compound in COMPOUND.findall(query.lower()):
            parts = query_words(compound)
            if len(set(parts)) < len(parts) or not all(p in remaining for p in parts):
                continue
            for part in parts:
                remaining.remove(part)
            head = " + ".join(f'"{part}"' for part in parts[:-1])
            phrases = " OR ".join(f"{head} + {option}" for option in options(parts[-1]))
            clauses.append(f"({phrases} OR ({' AND '.join(group(p) for p in parts)}))")
        return " AND ".join([*clauses, *(group(word) for word in remaining)])


_engines = {}


def engine_backend():
    """The configured engine backend, one per configuration (keeps its connection pool)."""
    key = repr(settings.WAGTAILSEARCH_BACKENDS["default"])
    if key not in _engines:
        _engines.clear()
        _engines[key] = get_search_backend()
    return _engines[key]


class EngineRanker:
    """OpenSearch or Elasticsearch: Swedish and English analysed sub-fields,
    field boosts and typo tolerance. What a case must be to be found
    (published, public, in the language, matching the filters) is a filter
    in the engine too, so no candidate ids travel."""

    # Typo tolerance costs more than the search itself (each word is expanded
    # over every field's terms), so it runs only when the words as written
    # find fewer cases than this.
    FUZZY_BELOW = 3

    def __init__(self, name):
        self.name = name

    def rank(self, params, offset):
        backend = engine_backend()
        index = backend.get_index_for_model(CaseStudyPage)
        column = self._filter_columns(backend)
        scope = self._scope(backend, column, params)
        # language: its locales' pks
        locales = {
            lang: pks for lang in params.languages if (pks := params.taxonomy.locale_pks(lang))
        }
        text = " ".join(params.words)
        # Two searches in one request, which the engine runs side by side: one
        # page of hits, scored without counting every match (so the engine
        # skips what cannot reach the page), and the total with the facets
        # (aggregations) over every match, unscored. For a word in 70 % of
        # 10,000 cases they took 1.1 and 3.4 ms, against 8.5 ms in one search.
        hits = {
            "_source": False,  # the document id is the page's pk
            "from": offset,
            "size": params.page_size,
            "track_total_hits": False,
        }
        if params.sort == "newest" or not text:
            hits["sort"] = [{column["first_published_at"]: "desc"}, {column["id"]: "desc"}]
        counts = {"size": 0, "track_total_hits": True, "aggs": self._aggregations(column)}
        query = self._query(scope, column, locales, text, fuzzy=False)
        found, counted = self._search(
            backend, index, [{**hits, "query": query}, {**counts, "query": query}]
        )
        if text and counted["hits"]["total"]["value"] < self.FUZZY_BELOW:
            query = self._query(scope, column, locales, text, fuzzy=True)
            # Fuzzy matching keeps the first letter; the suggester may change it.
            counts["suggest"] = {
                "words": {"text": text, "term": {"field": "_all_text", "prefix_length": 0}}
            }
            found, counted = self._search(
                backend, index, [{**hits, "query": query}, {**counts, "query": query}]
            )
        total = counted["hits"]["total"]["value"]
        page_ids = [int(hit["_id"]) for hit in found["hits"]["hits"]]
        rows = [
            (facet, str(bucket.get("key_as_string", bucket["key"])), bucket["doc_count"])
            for facet, result in counted.get("aggregations", {}).items()
            for bucket in result["buckets"]
        ]
        suggestion = self._suggestion(counted, params.words) if not total else ""
        return Ranking(total, page_ids, rows, suggestion)

    @staticmethod
    def _search(backend, index, bodies):
        """The engine's responses to several searches, sent in one request."""
        lines = []
        for body in bodies:
            lines += [{"index": index.name}, body]
        try:
            responses = backend.es.msearch(
                body=lines, request_timeout=settings.SEARCH_ENGINE_QUERY_TIMEOUT
            )["responses"]
        except Exception as exc:  # transport error or time-out: fall back
            raise EngineUnavailable(str(exc)) from exc
        failed = [response["error"] for response in responses if "error" in response]
        if failed:  # a shard that failed or timed out inside the engine
            raise EngineUnavailable(str(failed[0]))
        return responses

    @staticmethod
    def _query(scope, column, locales, text, fuzzy):
        """Each language's cases matched on that language's analysed fields."""

        # The stemmed fields first; the plain ones let a typo in an inflected
        # word still match (stemming "handläggnig" cuts it short).
        def fields(lang):
            return [
                f"title.{lang}^6",
                f"_all_text_boost_3_0.{lang}^3",
                f"_all_text_boost_2_0.{lang}^2",
                f"_all_text.{lang}",
                "title^3",
                "_all_text_boost_3_0^1.5",
                "_all_text_boost_2_0",
                "_all_text^0.5",
            ]

        tolerance = {"fuzziness": "AUTO", "prefix_length": 1} if fuzzy else {}
        should = [
            {
                "bool": {
                    "filter": [{"terms": {column["locale_id"]: pks}}],
                    # No words: every case in the language.
                    "must": [
                        {
                            "multi_match": {
                                "query": text,
                                "fields": fields(lang),
                                "operator": "and",
                                **tolerance,
                            }
                        }
                    ]
                    if text
                    else [],
                }
            }
            for lang, pks in locales.items()
        ]
        return {"bool": {**scope, "should": should, "minimum_should_match": 1}}

    @staticmethod
    def _scope(backend, column, params):
        """The engine's filter for what candidate_cases() selects in the
        database: live, public cases matching the facet filters."""
        mapping = backend.mapping_class(CaseStudyPage)
        taxonomy = params.taxonomy
        must = [
            {"match": {"_django_content_type": mapping.get_content_type()}},
            {"term": {column["live"]: True}},
        ]
        for name, values in params.filters.items():
            if name in ("theme", "stage"):
                field = "theme_ids_for_search" if name == "theme" else "stage_id"
                ids = [str(pk) for pk in taxonomy.pks_of(name, values)]
                must.append({"terms": {column[field]: ids}})
            elif name == "agency":
                must.append({"terms": {column["agency_id"]: taxonomy.pks_of(name, values)}})
            elif name == "status":
                must.append({"terms": {column["status"]: values}})
            elif name == "year":
                must.append(
                    {
                        "bool": {
                            "should": [
                                {
                                    "range": {
                                        column["started"]: {
                                            "gte": f"{year}-01-01",
                                            "lte": f"{year}-12-31",
                                        }
                                    }
                                }
                                for year in values
                            ]
                        }
                    }
                )
        # Page.public(): nothing under a page with a view restriction.
        must_not = [{"prefix": {column["path"]: path}} for path in restricted_paths()]
        return {"filter": must, "must_not": must_not}

    @staticmethod
    def _aggregations(column):
        aggregations = {
            facet: {"terms": {"field": column[field], "size": 10000}}
            for facet, field in ENGINE_FACETS
        }
        aggregations["year"] = {
            "date_histogram": {
                "field": column["started"],
                "calendar_interval": "year",
                "format": "yyyy",
                "min_doc_count": 1,
            }
        }
        return aggregations

    @staticmethod
    @functools.lru_cache(maxsize=4)
    def _filter_columns(backend):
        """The engine's field name of each filter field of a case, by field
        name: fixed for a backend (engine_backend() keeps one)."""
        mapping = backend.mapping_class(CaseStudyPage)
        return {
            field.field_name: mapping.get_field_column_name(field)
            for field in CaseStudyPage.get_filterable_search_fields()
        }

    @staticmethod
    def _suggestion(response, words):
        changed, out = False, []
        for entry in response.get("suggest", {}).get("words", []):
            options = entry.get("options") or []
            if options:
                out.append(options[0]["text"])
                changed = True
            else:
                out.append(entry["text"])
        return " ".join(out) if changed else ""
