"""SQLite: modelsearch's FTS5 backend, matching the reader's words by the
prefix their stems share and ranking title matches first (database.py)."""

from functools import reduce
from operator import and_, or_

from django.db.models import Case, CharField, IntegerField, When
from django.db.models.functions import Cast
from modelsearch.backends.database.sqlite.query import (
    BM25,
    Lexeme,
    MatchExpression,
    SearchQueryExpression,
)
from modelsearch.backends.database.sqlite.sqlite import (
    SQLiteFTSIndexEntry,
    SQLiteSearchBackend,
    SQLiteSearchQueryCompiler,
    SQLiteSearchResults,
)
from modelsearch.utils import get_descendants_content_types_pks

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
        return SearchQueryExpression(reduce(or_ if query.operator == "or" else and_, lexemes))

    def _build_rank_expression(self, vectors, config):
        if isinstance(self.query, Words):
            return TitleWeightedBM25()
        return super()._build_rank_expression(vectors, config)

    def matches(self, config):
        """The full-text entries of the queryset's objects that match the words."""
        match = MatchExpression(
            self.fields or self.FTS_TABLE_FIELDS, self.build_search_query(self.query, config)
        )
        allowed = self.queryset.order_by().annotate(key=Cast("pk", CharField())).values("key")
        return SQLiteFTSIndexEntry.objects.filter(
            match,
            index_entry__content_type__in=get_descendants_content_types_pks(self.queryset.model),
            index_entry__object_id__in=allowed,
        )

    def search(self, config, start, stop, score_field=None):
        """Ranked by one full-text match that returns only the page's keys:
        modelsearch's own ranking annotates each match with a subquery that
        runs the match again for that row, which a word found in thousands of
        cases cannot afford."""
        if not isinstance(self.query, Words) or not self.order_by_relevance:
            return super().search(config, start, stop, score_field)
        ranked = (
            self.matches(config)
            .annotate(score=TitleWeightedBM25())
            .order_by("score", "-index_entry__object_id")
            .values_list("index_entry__object_id", flat=True)
        )
        page = [int(pk) for pk in ranked[start:stop]]
        position = Case(
            *(When(pk=pk, then=i) for i, pk in enumerate(page)),
            default=len(page),
            output_field=IntegerField(),
        )
        return self.queryset.filter(pk__in=page).order_by(position)


class Results(SQLiteSearchResults):
    def _matches(self):
        compiler = self.query_compiler
        return compiler.matches(compiler.get_config(self.backend))

    def _do_count(self):
        if not isinstance(self.query_compiler.query, Words):
            return super()._do_count()
        return self._matches().count()

    def matching(self):
        """Every match's pk, as a subquery (for facet counts)."""
        if not isinstance(self.query_compiler.query, Words):
            return self.get_queryset().values("pk")
        return self._matches().values("index_entry__object_id")


class StemmedSQLiteSearchBackend(SQLiteSearchBackend):
    query_compiler_class = WordsCompiler
    results_class = Results
