"""OpenSearch and Elasticsearch backends whose text fields also carry Swedish
and English analysed sub-fields (`<field>.sv`, `<field>.en`), so that search
stems each language with its own analyser. Through modelsearch's extension
points: the mapping adds the sub-fields, the query compiler matches the
reader's words (search.backends.query.Words) in them, and the results give
every match's pk for the facet counts."""

from .query import Words

LANGUAGE_SUBFIELDS = {
    "sv": {"type": "text", "analyzer": "swedish"},
    "en": {"type": "text", "analyzer": "english"},
}
# The engine returns at most this many hits to one request (index.max_result_window).
MAX_MATCHES = 10_000


def add_language_subfields(properties):
    for mapping in properties.values():
        if mapping.get("type") == "nested":
            add_language_subfields(mapping.get("properties", {}))
        elif mapping.get("type") == "text" and "analyzer" not in mapping:
            mapping["fields"] = dict(LANGUAGE_SUBFIELDS)


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
    return [*fields, "title^3", "_all_text_boost_3_0^1.5", "_all_text_boost_2_0", "_all_text^0.5"]


def bilingual(backend_class):
    mapping_base = backend_class.mapping_class
    compiler_base = backend_class.query_compiler_class
    results_base = backend_class.results_class

    class BilingualMapping(mapping_base):
        def get_mapping(self):
            mapping = super().get_mapping()
            add_language_subfields(mapping["properties"])
            return mapping

    class WordsCompiler(compiler_base):
        mapping_class = BilingualMapping

        def get_inner_query(self):
            if not isinstance(self.query, Words):
                return super().get_inner_query()
            match = {
                "query": self.query.query_string,
                "fields": words_fields(self.query.languages),
                "operator": self.query.operator,
            }
            if self.query.fuzzy:
                match.update(fuzziness="AUTO", prefix_length=1)
            return {"multi_match": match}

    class Results(results_base):
        def matching(self):
            """The pks of every match (at most MAX_MATCHES), in one request."""
            body = self._get_es_body(for_count=True)
            index = self.backend.get_index_for_model(self.query_compiler.queryset.model)
            response = self._backend_do_search(
                body, index=index.name, _source=False, size=MAX_MATCHES
            )
            return [int(hit["_id"]) for hit in response["hits"]["hits"]]

    return type(
        "Bilingual" + backend_class.__name__,
        (backend_class,),
        {
            "mapping_class": BilingualMapping,
            "query_compiler_class": WordsCompiler,
            "results_class": Results,
        },
    )
