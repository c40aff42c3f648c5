"""OpenSearch and Elasticsearch backends whose text fields also carry Swedish
and English analysed sub-fields (`<field>.sv`, `<field>.en`) so that search
stems each language with its own analyser."""

LANGUAGE_SUBFIELDS = {
    "sv": {"type": "text", "analyzer": "swedish"},
    "en": {"type": "text", "analyzer": "english"},
}


def add_language_subfields(properties):
    for mapping in properties.values():
        if mapping.get("type") == "nested":
            add_language_subfields(mapping.get("properties", {}))
        elif mapping.get("type") == "text" and "analyzer" not in mapping:
            mapping["fields"] = dict(LANGUAGE_SUBFIELDS)


def bilingual(backend_class):
    mapping_base = backend_class.mapping_class

    class BilingualMapping(mapping_base):
        def get_mapping(self):
            mapping = super().get_mapping()
            add_language_subfields(mapping["properties"])
            return mapping

    return type(
        "Bilingual" + backend_class.__name__, (backend_class,), {"mapping_class": BilingualMapping}
    )
