"""OpenSearch and Elasticsearch backends whose text fields also carry Swedish
and English analysed sub-fields (`<field>.sv`, `<field>.en`), so that search
stems each language with its own analyser. Through modelsearch's extension
points: the mapping adds the sub-fields, the query compiler matches the
reader's words (search.backends.query.Words) in them, and the results give
every match's pk, best first, for paging and the facet counts."""

import threading
from copy import deepcopy

from modelsearch.utils import deep_update

from core.collector import collector_paused
from core.keys import Keys
from search.compounds import compound_parts, dictionary_words
from search.engine_synonyms import SEARCH_ANALYZERS, analysis

from .query import Words
from .ranked import RankedValues

# Indexed with the built-in analysers; searched with the same steps and the
# editors' synonyms (search/engine_synonyms.py).
LANGUAGE_SUBFIELDS = {
    "sv": {"type": "text", "analyzer": "swedish", "search_analyzer": SEARCH_ANALYZERS["sv"]},
    "en": {"type": "text", "analyzer": "english", "search_analyzer": SEARCH_ANALYZERS["en"]},
}
_settings_lock = threading.Lock()
# The engine returns at most this many hits to one request (index.max_result_window).
MAX_MATCHES = 10_000
# The most values a facet counted by the engine lists (more than any facet has).
MAX_BUCKETS = 1_000
# What a match of every word as written adds to its score, so that it ranks
# above every match found only with typos tolerated (fuzzy) or holding only
# some of the words: more than any score of the words alone.
EXACT_FIRST = 10_000


def _filter_fields(model):
    """{name: FilterField} of the model's search fields."""
    return {field.field_name: field for field in model.get_filterable_search_fields()}


def add_language_subfields(properties):
    for mapping in properties.values():
        if mapping.get("type") == "nested":
            add_language_subfields(mapping.get("properties", {}))
        elif mapping.get("type") == "text" and "analyzer" not in mapping:
            mapping["fields"] = dict(LANGUAGE_SUBFIELDS)


# --- Swedish compounds (decompounding) -------------------------------------
# Swedish text is also indexed split into its compound parts, on a sub-field
# of its own (`sv_parts`) searched with a lower boost than the exact fields:
# "säkerhet" finds "informationssäkerhet", and "ärendehantering" finds cases
# about "ärende" and "hantering", below the cases that say "ärendehantering".
# The parts come from search/analysis/sv-compound-parts.txt (its README says
# where from and under which licence), written into the index settings.
COMPOUND_SUBFIELD = "sv_parts"
# The fields split into parts, and the boosts of their `sv_parts` sub-fields.
COMPOUND_FIELDS = {"title": 0.25, "_all_text": 0.15}


# Letters that join a compound's parts ("ärende-s-hantering"), and how many
# letters an inflected last part may add ("tjänst-erna").
LINKS = ("s", "e", "a", "u", "o")
MAX_ENDING = 4


def split_compound(word, max_ending=MAX_ENDING):
    """The word as two parts ("molntjänsterna" -> "moln tjänsterna"), or the
    word itself: a first part of the list, or two of them
    ("molntjänstupphandling" -> "molntjänst upphandling"), and a last
    part of the list, perhaps inflected."""
    parts = dictionary_words()
    for cut in range(4, len(word) - 3):
        head, tail = word[:cut], word[cut:]
        if head not in parts and head[-1] in LINKS and head[:-1] in parts:
            head = head[:-1]
        if head not in parts and (max_ending == 0 or split_compound(head, 0) == head):
            continue
        if any(tail.startswith(p) and len(tail) - len(p) <= max_ending for p in parts):
            return f"{head} {tail}"
    return word


def compound_analysis():
    """The index settings of the `sv_parts` analyser: Swedish words, their
    compound parts beside them (same position), all stemmed."""
    return {
        "settings": {
            "analysis": {
                "filter": {
                    "sv_compound_stop": {"type": "stop", "stopwords": "_swedish_"},
                    "sv_compound_parts": {
                        "type": "dictionary_decompounder",
                        "word_list": compound_parts(),
                        "min_subword_size": 4,
                        "only_longest_match": True,
                    },
                    "sv_compound_stemmer": {"type": "stemmer", "language": "swedish"},
                },
                "analyzer": {
                    "sv_parts": {
                        "type": "custom",
                        "tokenizer": "standard",
                        "filter": [
                            "lowercase",
                            "sv_compound_stop",
                            "sv_compound_parts",
                            "sv_compound_stemmer",
                        ],
                    },
                    # Queries are not split by the filter (its parts would be
                    # alternatives): compound_query() asks for every part.
                    "sv_parts_query": {
                        "type": "custom",
                        "tokenizer": "standard",
                        "filter": ["lowercase", "sv_compound_stop", "sv_compound_stemmer"],
                    },
                },
            }
        }
    }


def add_compound_subfields(properties):
    for name in COMPOUND_FIELDS:
        mapping = properties.get(name)
        if mapping and mapping.get("type") == "text":
            mapping.setdefault("fields", {})[COMPOUND_SUBFIELD] = {
                "type": "text",
                "analyzer": "sv_parts",
                "search_analyzer": "sv_parts_query",
            }


def split_words(query):
    """The query's words, Swedish compounds among them split (split_compound)."""
    if "sv" not in query.languages:
        return " ".join(query.words)
    return " ".join(split_compound(word) for word in query.words)


def compound_fields(languages):
    if "sv" not in languages:
        return []
    return [f"{name}.{COMPOUND_SUBFIELD}^{boost}" for name, boost in COMPOUND_FIELDS.items()]


def compound_query(query, match):
    """The words' match, or also every part of the compounds among them in
    the `sv_parts` sub-fields ("ärendehantering": "ärende" and "hantering")."""
    if "sv" not in query.languages or query.any_word:
        return {"multi_match": match}
    split = split_words(query)
    if split == " ".join(query.words):
        return {"multi_match": match}
    parts = {**match, "query": split, "fields": compound_fields(query.languages)}
    return {
        "bool": {
            "should": [{"multi_match": match}, {"multi_match": parts}],
            "minimum_should_match": 1,
        }
    }


# --- end of Swedish compounds ----------------------------------------------


def exact_first(exact, others):
    """The matches of `exact` (ranked by it and `others`) above those of
    `others` alone: a multiplied boost would not do, since a title holding
    one word can outscore a body holding them all."""
    return {
        "bool": {
            "should": [
                {"constant_score": {"filter": exact, "boost": EXACT_FIRST}},
                exact,
                *others,
            ],
            "minimum_should_match": 1,
        }
    }


def words_fields(languages):
    """The stemmed sub-fields of the languages first, title above the text;
    the plain fields let a typo in an inflected word still match (stemming
    "handläggnig" cuts it short)."""
    fields = []
    for lang in languages:
        fields += [
            f"title.{lang}^6",
            f"_all_text_boost_3_0.{lang}^3",
            f"_all_text_boost_2_0.{lang}^2",
            f"_all_text.{lang}",
        ]
    plain = ["title^3", "_all_text_boost_3_0^1.5", "_all_text_boost_2_0", "_all_text^0.5"]
    return [*fields, *plain, *compound_fields(languages)]


def bilingual(backend_class):
    mapping_base = backend_class.mapping_class
    index_base = backend_class.index_class
    compiler_base = backend_class.query_compiler_class
    results_base = backend_class.results_class

    class BilingualMapping(mapping_base):
        def get_mapping(self):
            mapping = super().get_mapping()
            add_language_subfields(mapping["properties"])
            add_compound_subfields(mapping["properties"])
            return mapping

    class SynonymIndex(index_base):
        def put(self):
            """A new index (a rebuild, a missing one) with the synonyms as they are now."""
            backend = self.backend
            with _settings_lock:  # put() reads backend.settings
                saved = backend.settings
                backend.settings = deep_update(
                    deepcopy(saved), {"settings": {"analysis": analysis()}}
                )
                try:
                    super().put()
                finally:
                    backend.settings = saved

    class WordsCompiler(compiler_base):
        mapping_class = BilingualMapping

        def get_filters(self):
            """modelsearch's filters and the query's engine filters (a `terms`
            clause per field)."""
            filters = super().get_filters()
            if isinstance(self.query, Words):
                filterable = _filter_fields(self.queryset.model)
                for field_name, values in self.query.engine_filters.items():
                    column = self.mapping.get_field_column_name(filterable[field_name])
                    filters.append({"terms": {column: list(values)}})
            return filters

        def get_inner_query(self):
            if not isinstance(self.query, Words):
                return super().get_inner_query()
            match = {
                "query": self.query.query_string,
                "fields": words_fields(self.query.languages),
                "operator": self.query.operator,
            }
            tolerance = {"fuzziness": "AUTO", "prefix_length": 1}
            if self.query.some:
                # The cases holding every word (a compound's parts together)
                # above those holding every word with typos tolerated, above
                # those holding some; a single compound's part (as written:
                # a short part's typo would meet other words).
                each = self.query.parts_each
                split = split_words(self.query) if each else self.query.query_string
                some = [{"multi_match": {**match, "query": split}}]
                every = compound_query(self.query, {**match, "operator": "and"})
                if self.query.fuzzy:
                    match = {**match, **tolerance}
                    some.append({"multi_match": match})
                    tolerated = compound_query(self.query, {**match, "operator": "and"})
                    some = [exact_first(tolerated, some)]
                return exact_first(every, some)
            exact = compound_query(self.query, match)
            if not self.query.fuzzy:
                return exact
            # The words as written above what only a typo's tolerance finds.
            return exact_first(exact, [compound_query(self.query, {**match, **tolerance})])

    class Results(RankedValues, results_base):
        _ranked = None  # ranked(), once read

        def _keys(self, body):
            """The pks of the hits (at most MAX_MATCHES), in one request."""
            # Nothing but the pks in the answer, read from the `pk` field's doc
            # values: loading each hit's stored fields (`_id` too) costs more
            # than the search itself.
            index = self.backend.get_index_for_model(self.query_compiler.queryset.model)
            with collector_paused():
                response = self._backend_do_search(
                    body,
                    index=index.name,
                    _source=False,
                    stored_fields="_none_",
                    docvalue_fields=["pk"],
                    size=MAX_MATCHES,
                    filter_path="hits.hits.fields.pk",
                )
                hits = response.get("hits", {}).get("hits", [])
                keys = [int(hit["fields"]["pk"][0]) for hit in hits]
                del response, hits
            return keys

        def aggregated(self, fields, start, stop):
            """(the pks of the matches from start to stop, best first; how many
            match; {name: {indexed value: number of matches}} for each
            FilterField named in fields ({name: field name})), in one request:
            the engine counts every match, beyond its result window too."""
            compiler = self.query_compiler
            model = compiler.queryset.model
            filterable = _filter_fields(model)
            aggregations = {
                name: {
                    "terms": {
                        "field": compiler.mapping.get_field_column_name(filterable[field_name]),
                        "size": MAX_BUCKETS,
                    }
                }
                for name, field_name in fields.items()
            }
            body = {**self._get_es_body(), "track_total_hits": True}
            if aggregations:
                body["aggregations"] = aggregations
            response = self._backend_do_search(
                body,
                index=self.backend.get_index_for_model(model).name,
                _source=False,
                stored_fields="_none_",
                docvalue_fields=["pk"],
                from_=start,
                size=stop - start,
                filter_path=[
                    "hits.total.value",
                    "hits.hits.fields.pk",
                    "aggregations.*.buckets.key",
                    "aggregations.*.buckets.doc_count",
                ],
            )
            hits = response["hits"]
            keys = [int(hit["fields"]["pk"][0]) for hit in hits.get("hits", [])]
            answered = response.get("aggregations", {})
            buckets = {
                name: {
                    bucket["key"]: bucket["doc_count"]
                    for bucket in answered.get(name, {}).get("buckets", [])
                }
                for name in fields
            }
            return keys, hits["total"]["value"], buckets

        def matching(self):
            """Every match's pk, unscored, in index order (for `pk__in=`)."""
            return Keys(self._keys({**self._get_es_body(for_count=True), "sort": ["_doc"]}))

        def ranked(self):
            """Every match's pk, best first or in the queryset's order (read
            once: the fuzzy retry asks how many before the values are read)."""
            if self._ranked is None:
                self._ranked = self._keys(self._get_es_body())
            return self._ranked

    return type(
        "Bilingual" + backend_class.__name__,
        (backend_class,),
        {
            "settings": deep_update(deepcopy(backend_class.settings), compound_analysis()),
            "mapping_class": BilingualMapping,
            "index_class": SynonymIndex,
            "query_compiler_class": WordsCompiler,
            "results_class": Results,
        },
    )
