"""PostgreSQL: modelsearch's backend with each object indexed in its
language's text-search configuration, and the reader's words matched in
each searched language's configuration (database.py)."""

import threading
from collections import defaultdict
from functools import reduce
from operator import and_, or_

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
        if query.groups == [[(word,)] for word in query.words]:  # no synonyms
            return reduce(
                or_,
                (
                    SearchQuery(query.query_string, search_type="plain", config=CONFIGS[lang])
                    for lang in query.languages
                ),
            )
        # Every group required, any alternative of it in any language; a
        # synonym of several words as a phrase.
        return reduce(
            and_,
            (
                reduce(
                    or_,
                    (
                        SearchQuery(
                            " ".join(words),
                            search_type="phrase" if len(words) > 1 else "plain",
                            config=CONFIGS[lang],
                        )
                        for words in group
                        for lang in query.languages
                    ),
                )
                for group in query.groups
            ),
        )

    def build_tsrank(self, vector, query, config=None, boost=1.0):
        """With synonyms, ranked by the words as typed (twice) and the
        one-word synonyms: ts_rank would count each word of a phrase synonym
        ("digital" of "digital assistent") wherever it stands."""
        if not isinstance(query, Words) or query.groups == [[(w,)] for w in query.words]:
            return super().build_tsrank(vector, query, config, boost)
        typed = Words(query.words, query.languages)
        rank = super().build_tsrank(vector, typed, config, boost * 2)
        single = [words for group in query.groups for words in group[1:] if len(words) == 1]
        if single:
            synonyms = Words([words[0] for words in single], query.languages)
            synonyms.groups = [single]  # any one of them
            rank = rank + super().build_tsrank(vector, synonyms, config, boost)
        return rank


class Results(PostgresSearchResults):
    def matching(self):
        """Every match's pk, as a subquery (for facet counts)."""
        return self.get_queryset().order_by().values("pk")


class LocalisedPostgresSearchBackend(PostgresSearchBackend):
    index_class = LocalisedPostgresIndex
    query_compiler_class = WordsCompiler
    results_class = Results
