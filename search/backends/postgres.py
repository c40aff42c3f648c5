"""PostgreSQL: modelsearch's backend with each object indexed in its
language's text-search configuration, and the reader's words matched in
each searched language's configuration (database.py)."""

import threading
from collections import defaultdict
from functools import reduce
from operator import or_

from django.contrib.postgres.search import SearchQuery
from modelsearch.backends.database.postgres.postgres import (
    PostgresIndex,
    PostgresSearchBackend,
    PostgresSearchQueryCompiler,
    PostgresSearchResults,
)

from .language import CONFIGS, text_search_config
from .query import Words

_index_lock = threading.Lock()


class LocalisedPostgresIndex(PostgresIndex):
    def add_items(self, model, objs):
        groups = defaultdict(list)
        for obj in objs:
            groups[text_search_config(obj)].append(obj)
        backend = self.backend
        with _index_lock:  # the indexer reads backend.config
            saved = backend.config
            try:
                for config, items in groups.items():
                    backend.config = config
                    super().add_items(model, items)
            finally:
                backend.config = saved


class WordsCompiler(PostgresSearchQueryCompiler):
    def build_tsquery_content(self, query, config=None, invert=False):
        if not isinstance(query, Words):
            return super().build_tsquery_content(query, config, invert)
        # Every word together ("plain"), or any one of them with operator "or".
        texts = query.words if query.operator == "or" else [query.query_string]
        return reduce(
            or_,
            (
                SearchQuery(text, search_type="plain", config=CONFIGS[lang])
                for lang in query.languages
                for text in texts
            ),
        )


class Results(PostgresSearchResults):
    def matching(self):
        """Every match's pk, as a subquery (for facet counts)."""
        return self.get_queryset().order_by().values("pk")


class LocalisedPostgresSearchBackend(PostgresSearchBackend):
    index_class = LocalisedPostgresIndex
    query_compiler_class = WordsCompiler
    results_class = Results
