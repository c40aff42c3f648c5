"""SQLite: modelsearch's FTS5 backend, matching the reader's words by the
prefix their stems share and ranking title matches first (database.py)."""

from functools import reduce
from operator import and_

from modelsearch.backends.database.sqlite.query import BM25, Lexeme, SearchQueryExpression
from modelsearch.backends.database.sqlite.sqlite import (
    SQLiteSearchBackend,
    SQLiteSearchQueryCompiler,
    SQLiteSearchResults,
)

from search.text import common_prefix

from .query import Words


class TitleWeightedBM25(BM25):
    """bm25 with the FTS table's columns (autocomplete, body, title) weighted 0, 1 and 4."""

    def as_sql(self, compiler, connection, function=None, template=None):
        sql, params = super().as_sql(compiler, connection)
        return sql[:-1] + ", 0.0, 1.0, 4.0)", params


class WordsCompiler(SQLiteSearchQueryCompiler):
    def build_search_query_content(self, query, config=None):
        if not isinstance(query, Words):
            return super().build_search_query_content(query, config)
        lexemes = []
        for word in query.words:
            prefix = common_prefix(word, query.languages)
            # A short stem would match too much ("e" of "e-tjänst"): the word itself.
            lexemes.append(Lexeme(prefix, prefix=True) if len(prefix) >= 3 else Lexeme(word))
        return SearchQueryExpression(reduce(and_, lexemes))

    def _build_rank_expression(self, vectors, config):
        if isinstance(self.query, Words):
            return TitleWeightedBM25()
        return super()._build_rank_expression(vectors, config)


class Results(SQLiteSearchResults):
    def matching_pks(self):
        """The pks of every match (for facet counts)."""
        return self.get_queryset().values_list("pk", flat=True)


class StemmedSQLiteSearchBackend(SQLiteSearchBackend):
    query_compiler_class = WordsCompiler
    results_class = Results
