"""Rank and paginate matches inside the database or the engine.

Each ranker takes a search's parameters, finds the query words among its
candidate cases (candidate_cases: published, public, in the chosen
languages, filtered), and returns a `Ranking`: one page of ids in rank order
and the facet counts over every match (from which the total follows), both
from one SQL statement or one engine request. None of them loads or scores
all hits in Python."""

import re
from dataclasses import dataclass

from django.conf import settings
from django.core.exceptions import EmptyResultSet
from django.db import connection
from modelsearch.backends import get_search_backend
from modelsearch.conf import get_app_config
from modelsearch.utils import get_descendants_content_types_pks

from cases.listing import (
    NEWEST,
    apply_filters,
    candidate_facet_rows,
    facet_statement,
    facts_sql,
    published_cases,
    run_facet_statement,
)
from cases.models import CaseStudyPage
from portal.process_memo import memo, restricted_paths
from search.text import query_words, stems

# A hyphenated compound of a query: "e-tjänst", "sjukpenning-ärenden".
COMPOUND = re.compile(r"\w+(?:-\w+)+")

# Facets the engine counts with aggregations: (facet, the case's filter field).
ENGINE_FACETS = [("stage", "stage_id"), ("agency", "agency_id"), ("status", "status"),
                 ("language", "locale_id"), ("theme", "theme_ids_for_search")]
IndexEntry = get_app_config().get_model("IndexEntry", require_ready=False)


class EngineUnavailable(Exception):
    """The search engine did not answer (down, refused or timed out)."""


@dataclass
class Ranking:
    total: int | None  # None: the sum of the facet counts
    page_ids: list
    # Facet rows (kind, value, n) over every match (cases.listing.counts_from_rows).
    facet_rows: list
    suggestion: str = ""

    @property
    def matches(self):
        """How many cases match: the engine's total, or the language counts' sum."""
        if self.total is not None:
            return self.total
        return sum(n for kind, _value, n in self.facet_rows if kind == "language")


def candidate_cases(params):
    """What a search may find: published, public cases in its languages that
    match its filters."""
    queryset = published_cases()
    if params.lang != "all":
        queryset = queryset.filter(locale__language_code=params.lang)
    return apply_filters(queryset, params.filters)


def candidate_facts(params):
    """facts_sql() of candidate_cases(), built once per content generation in
    this worker for each language and set of filters (the ORM took 0.8 ms a
    search to build it). Raises EmptyResultSet when no case can match."""
    filters = tuple(sorted((name, tuple(values)) for name, values in params.filters.items()))
    return memo(None, ("candidate-facts", params.lang, filters),
                lambda: facts_sql(candidate_cases(params)))


NEWEST_FIRST = "m.published DESC, m.pk DESC"  # cases.listing.NEWEST, in the statement


def page_and_facets(facts, match_sql, params, order, offset, limit):
    """One statement (cases.listing.facet_statement): the matches are
    materialised once (`m`), one page of them is taken in `order` and
    numbered, and every facet is counted over the same matches. Returns the
    page's ids and the facet rows (cases.listing.counts_from_rows)."""
    # ORDER BY with LIMIT keeps only the page's rows while sorting; numbering
    # every match first (ROW_NUMBER over all of them) sorted them all: 6.6 ms
    # against 0.7 ms for a common word's 6,900 matches on SQLite.
    hits = (
        f"SELECT 'hit', CAST(pk AS TEXT), ROW_NUMBER() OVER (ORDER BY {order}) FROM "  # noqa: S608
        f"(SELECT * FROM m ORDER BY {order} LIMIT %s OFFSET %s) m UNION ALL "
    )
    rows = run_facet_statement(facet_statement(facts, match_sql, hits), [*params, limit, offset])
    hit_rows = sorted((row for row in rows if row[0] == "hit"), key=lambda row: row[2])
    return [int(value) for _kind, value, _n in hit_rows], [row for row in rows if row[0] != "hit"]


class DatabaseRanker:
    """modelsearch's database index (SQLite FTS5 or PostgreSQL tsvector), queried
    with ranking, LIMIT and OFFSET in one SQL statement."""

    name = "database"

    def rank(self, params, offset):
        try:
            facts, facts_params = candidate_facts(params)
        except EmptyResultSet:  # a filter that nothing can match
            return Ranking(0, [], [])
        if not params.words:  # every candidate, newest first
            newest = candidate_cases(params).order_by(*NEWEST).values_list("pk", flat=True)
            return Ranking(None, list(newest[offset:offset + params.page_size]),
                           candidate_facet_rows(facts, facts_params))
        types = list(get_descendants_content_types_pks(CaseStudyPage))
        table = IndexEntry._meta.db_table
        type_marks = ", ".join(["%s"] * len(types))
        pk_sql = "CAST(ie.object_id AS INTEGER)"
        if connection.vendor == "postgresql":
            tsquery, q_params = self._tsquery(params.words, params.languages)
            source = f"{table} ie JOIN c ON c.pk = {pk_sql}, ({tsquery}) AS q(query, split)"
            # Several words may be split between title and text, so then the
            # match is on both vectors together (search/0004: a GIN index on
            # that expression). Joining them costs more than matching either,
            # so that is tried first, and only when the query has more than
            # one required word (the planner folds `q.split` away). For a word
            # in 70 % of 10,000 cases the match took 28 ms with the joined test
            # last and 14 ms without it; with the join alone the whole
            # statement took 67 ms, against 50 ms with it last.
            where = ("(ie.title @@ q.query OR ie.body @@ q.query "
                     "OR (q.split AND (ie.title || ie.body) @@ q.query))")
            score = "ts_rank(ie.title, q.query) * 4 + ts_rank(ie.body, q.query)"
            direction = "DESC"
        else:
            fts = f"{table}_fts"
            q_params = [self._fts_query(params.words, params.languages, params.query)]
            # CROSS JOIN fixes the order in SQLite: the full-text match runs
            # once, not once per index entry (which made counts take seconds).
            source = (f"{fts} CROSS JOIN {table} ie ON ie.id = {fts}.rowid "
                      f"CROSS JOIN c ON c.pk = {pk_sql}")
            where = f"{fts} MATCH %s"
            # Columns: autocomplete, body, title.
            score = f"bm25({fts}, 0.0, 1.0, 4.0)"
            direction = "ASC"
        # Only fixed SQL fragments are interpolated; the query text is a parameter.
        # The match runs once: the page of hits and every facet count come from
        # one statement; the total is the facet counts' sum.
        if params.sort == "newest":
            score, order = "0", NEWEST_FIRST
        else:
            order = f"m.score {direction}, m.pk DESC"
        match_sql = (f"SELECT c.*, {score} FROM {source} "  # noqa: S608
                     f"WHERE {where} AND ie.content_type_id IN ({type_marks})")
        page_ids, rows = page_and_facets(facts, match_sql, [*facts_params, *q_params, *types],
                                         order, offset, params.page_size)
        return Ranking(None, page_ids, rows)

    @staticmethod
    def _tsquery(words, languages):
        configs = {"sv": "swedish", "en": "english"}
        parts = [f"plainto_tsquery('{configs[lang]}', %s)" for lang in languages]
        # `split`: the query requires two or more words (an AND in it).
        tsquery = " || ".join(parts)  # fixed SQL; the words are parameters
        return (f"SELECT tsq, strpos(CAST(tsq AS TEXT), '&') > 0 FROM (SELECT {tsquery}) "  # noqa: S608
                "AS t(tsq)"), [" ".join(words)] * len(languages)

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
            return list(dict.fromkeys(f'"{stem}"*' if len(stem) >= 3 else f'"{word}"'
                                      for stem in stems(word, languages)))

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
        locales = {}  # language: its locales' pks
        for pk, code in params.taxonomy.language_codes.items():
            if code in params.languages:
                locales.setdefault(code, []).append(pk)
        text = " ".join(params.words)
        # Two searches in one request, which the engine runs side by side: one
        # page of hits, scored without counting every match (so the engine
        # skips what cannot reach the page), and the total with the facets
        # (aggregations) over every match, unscored. For a word in 70 % of
        # 10,000 cases they took 1.1 and 3.4 ms, against 8.5 ms in one search.
        hits = {"_source": False,  # the document id is the page's pk
                "from": offset, "size": params.page_size, "track_total_hits": False}
        if params.sort == "newest" or not text:
            hits["sort"] = [{column["first_published_at"]: "desc"}, {column["id"]: "desc"}]
        counts = {"size": 0, "track_total_hits": True, "aggs": self._aggregations(column)}
        query = self._query(scope, column, locales, text, fuzzy=False)
        found, counted = self._search(backend, index, [{**hits, "query": query},
                                                       {**counts, "query": query}])
        if text and counted["hits"]["total"]["value"] < self.FUZZY_BELOW:
            query = self._query(scope, column, locales, text, fuzzy=True)
            # Fuzzy matching keeps the first letter; the suggester may change it.
            counts["suggest"] = {"words": {"text": text, "term": {"field": "_all_text",
                                                                  "prefix_length": 0}}}
            found, counted = self._search(backend, index, [{**hits, "query": query},
                                                           {**counts, "query": query}])
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
                body=lines, request_timeout=settings.SEARCH_ENGINE_QUERY_TIMEOUT)["responses"]
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
            return [f"title.{lang}^6", f"_all_text_boost_3_0.{lang}^3",
                    f"_all_text_boost_2_0.{lang}^2", f"_all_text.{lang}",
                    "title^3", "_all_text_boost_3_0^1.5", "_all_text_boost_2_0",
                    "_all_text^0.5"]

        tolerance = {"fuzziness": "AUTO", "prefix_length": 1} if fuzzy else {}
        should = [
            {"bool": {
                "filter": [{"terms": {column["locale_id"]: pks}}],
                # No words: every case in the language.
                "must": [{"multi_match": {"query": text, "fields": fields(lang),
                                          "operator": "and", **tolerance}}] if text else [],
            }}
            for lang, pks in locales.items()
        ]
        return {"bool": {**scope, "should": should, "minimum_should_match": 1}}

    @staticmethod
    def _scope(backend, column, params):
        """The engine's filter for what candidate_cases() selects in the
        database: live, public cases matching the facet filters."""
        mapping = backend.mapping_class(CaseStudyPage)
        taxonomy = params.taxonomy
        must = [{"match": {"_django_content_type": mapping.get_content_type()}},
                {"term": {column["live"]: True}}]
        for name, values in params.filters.items():
            if name in ("theme", "stage"):
                field = "theme_ids_for_search" if name == "theme" else "stage_id"
                ids = [str(pk) for pk, slug in taxonomy.slug_by_pk[name].items()
                       if slug in values]
                must.append({"terms": {column[field]: ids}})
            elif name == "agency":
                ids = [pk for pk, agency in taxonomy.agency_names.items() if agency in values]
                must.append({"terms": {column["agency_id"]: ids}})
            elif name == "status":
                must.append({"terms": {column["status"]: values}})
            elif name == "year":
                must.append({"bool": {"should": [
                    {"range": {column["started"]: {"gte": f"{year}-01-01",
                                                   "lte": f"{year}-12-31"}}}
                    for year in values]}})
        # Page.public(): nothing under a page with a view restriction.
        must_not = [{"prefix": {column["path"]: path}} for path in restricted_paths()]
        return {"filter": must, "must_not": must_not}

    @staticmethod
    def _aggregations(column):
        aggregations = {
            facet: {"terms": {"field": column[field], "size": 10000}}
            for facet, field in ENGINE_FACETS
        }
        aggregations["year"] = {"date_histogram": {
            "field": column["started"], "calendar_interval": "year", "format": "yyyy",
            "min_doc_count": 1}}
        return aggregations

    @staticmethod
    def _filter_columns(backend):
        """The engine's field name of each filter field of a case, by field name."""
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
