"""SQLite: modelsearch's FTS5 backend, matching the reader's words by the
prefix their stems share and ranking title matches first (database.py)."""

from operator import and_, or_

from django.db.models import Case, CharField, FloatField, IntegerField, Value, When
from django.db.models.functions import Cast
from modelsearch.backends.database.sqlite.query import (
    BM25,
    CombinedLexeme,
    Lexeme,
    LexemeCombinable,
    MatchExpression,
    SearchQueryExpression,
    SearchQueryField,
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
from .ranked import RankedValues


class TitleWeightedBM25(BM25):
    """bm25 with the FTS table's columns (autocomplete, body, title) weighted 0, 1 and 4."""

    def as_sql(self, compiler, connection, function=None, template=None):
        sql, params = super().as_sql(compiler, connection)
        return sql[:-1] + ", 0.0, 1.0, 4.0)", params


class Joined(LexemeCombinable):
    """FTS5 lexemes joined by `joiner` (" + " for a phrase, " OR " for a
    choice), in parentheses: modelsearch's own OR leaves them out, and FTS5
    binds AND tighter than OR."""

    _output_field = SearchQueryField()

    def __init__(self, parts, joiner):
        super().__init__(output_field=SearchQueryField())
        self.parts = parts
        self.joiner = joiner

    def as_sql(self, compiler, connection):
        compiled = []
        for part in self.parts:
            sql, params = compiler.compile(part)
            compiled.append(sql % tuple(params))
        return "%s", ["(" + self.joiner.join(compiled) + ")"]


class Grouped(CombinedLexeme):
    """Lexemes combined in parentheses: FTS5 binds AND before OR."""

    def as_sql(self, compiler, connection):
        sql, params = super().as_sql(compiler, connection)
        return sql, [f"({params[0]})"]


def combined(lexemes, operator):
    first, *rest = lexemes
    for lexeme in rest:
        first = Grouped(first, "AND" if operator is and_ else "OR", lexeme)
    return first


def word_lexeme(word, languages):
    prefix = common_prefix(word, languages)
    # A short stem would match too much ("e" of "e-tjänst"): the word itself.
    return Lexeme(prefix, prefix=True) if len(prefix) >= 3 else Lexeme(word)


def alternative_lexeme(words, languages):
    """One word, or a phrase of words (a synonym of several words)."""
    lexemes = [word_lexeme(word, languages) for word in words]
    return lexemes[0] if len(lexemes) == 1 else Joined(lexemes, " + ")


def widening(compound, languages, any_part=False):
    """The lexemes a compound adds to its word: its forms and the compounds
    that hold it, those that do not begin with its prefix (which the word's
    own lexeme finds), and both of its own parts (or either, `any_part`)."""
    prefix = common_prefix(compound.word, languages)
    found = [word_lexeme(form, languages) for form in compound.forms if not form.startswith(prefix)]
    found += [Lexeme(word) for word in compound.containing if not word.startswith(prefix)]
    parts = [word_lexeme(part, languages) for part in compound.parts]
    if any_part:
        found += parts
    elif parts:
        found.append(combined(parts, and_))
    return found


class WordsCompiler(SQLiteSearchQueryCompiler):
    def build_search_query_content(self, query, config=None):
        if not isinstance(query, Words):
            return super().build_search_query_content(query, config)
        if query.any_word:
            lexemes = [word_lexeme(word, query.languages) for word in query.words]
            return SearchQueryExpression(combined(lexemes, or_))
        # Every group required (or any one, `some`; a single compound's part too).
        groups = self.groups(query, any_part=query.parts_each)
        return SearchQueryExpression(combined(groups, or_ if query.some else and_))

    @staticmethod
    def groups(query, any_part=False, widen=True):
        """One expression per group of words: the word as typed, or a
        compound that holds it or both of its parts (or either, `any_part`),
        or any one of its synonyms (several words as a phrase); without
        `widen`, neither forms nor compounds."""
        widened = {
            compound.word: extra
            for compound in query.compounds
            if widen and (extra := widening(compound, query.languages, any_part))
        }
        found = []
        for typed, *synonyms in query.groups:
            if len(typed) == 1 and typed[0] in widened:
                word = typed[0]
                first = combined([word_lexeme(word, query.languages), *widened[word]], or_)
            else:
                first = alternative_lexeme(typed, query.languages)
            choices = [first, *(alternative_lexeme(words, query.languages) for words in synonyms)]
            found.append(choices[0] if len(choices) == 1 else Joined(choices, " OR "))
        return found

    def exact_query(self):
        """What ranks first: with `some` and several groups, the cases that
        hold every group; the words alone or their synonyms, when compounds
        widened the query (a single compound's own word above its parts);
        else None."""
        query = self.query
        if query.any_word:
            return None
        if query.some and not query.parts_each:
            return SearchQueryExpression(combined(self.groups(query), and_))
        if not any(widening(c, query.languages) for c in query.compounds):
            return None
        return SearchQueryExpression(combined(self.groups(query, widen=False), and_))

    def _build_rank_expression(self, vectors, config):
        if isinstance(self.query, Words):
            return TitleWeightedBM25()
        return super()._build_rank_expression(vectors, config)

    def matches(self, config, query=None):
        """The full-text entries of the queryset's objects that match the words."""
        match = MatchExpression(
            self.fields or self.FTS_TABLE_FIELDS,
            query or self.build_search_query(self.query, config),
        )
        allowed = self.queryset.order_by().annotate(key=Cast("pk", CharField())).values("key")
        return SQLiteFTSIndexEntry.objects.filter(
            match,
            index_entry__content_type__in=get_descendants_content_types_pks(self.queryset.model),
            index_entry__object_id__in=allowed,
        )

    def ranked_entries(self, config):
        """The matching full-text entries, best first, each with its `score`."""
        ranked = self.matches(config).annotate(score=TitleWeightedBM25())
        order = ["score", "-index_entry__object_id"]
        exact = self.exact_query()
        if exact is not None:
            # The words themselves above the compounds that hold them.
            exact_ids = self.matches(config, exact).values("index_entry_id")
            ranked = ranked.annotate(
                part_only=Case(When(index_entry_id__in=exact_ids, then=0), default=1)
            )
            order.insert(0, "part_only")
        return ranked.order_by(*order)

    def search(self, config, start, stop, score_field=None):
        """Ranked by one full-text match that returns only the page's keys:
        modelsearch's own ranking annotates each match with a subquery that
        runs the match again for that row, which a word found in thousands of
        cases cannot afford."""
        if not isinstance(self.query, Words) or not self.order_by_relevance:
            return super().search(config, start, stop, score_field)
        entries = self.ranked_entries(config)
        rows = entries.values_list("index_entry__object_id", "score")[start:stop]
        page = [int(pk) for pk, _score in rows]
        position = Case(
            *(When(pk=pk, then=i) for i, pk in enumerate(page)),
            default=len(page),
            output_field=IntegerField(),
        )
        queryset = self.queryset.filter(pk__in=page).order_by(position)
        if score_field:  # bm25: the lower, the better
            score = Case(
                *(When(pk=int(pk), then=Value(value)) for pk, value in rows),
                output_field=FloatField(),
            )
            queryset = queryset.annotate(**{score_field: score})
        return queryset


class Results(RankedValues, SQLiteSearchResults):
    def _matches(self):
        compiler = self.query_compiler
        return compiler.matches(compiler.get_config(self.backend))

    def _do_count(self):
        if not isinstance(self.query_compiler.query, Words):
            return super()._do_count()
        return self._matches().count()

    def matching(self):
        """Every match's pk, as a subquery (for `pk__in=`)."""
        if not isinstance(self.query_compiler.query, Words):
            return self.get_queryset().values("pk")
        return self._matches().values("index_entry__object_id")

    def ranked(self):
        """Every match's pk, best first or in the queryset's order."""
        compiler = self.query_compiler
        if not isinstance(compiler.query, Words) or not compiler.order_by_relevance:
            return list(self.get_queryset().values_list("pk", flat=True))
        entries = compiler.ranked_entries(compiler.get_config(self.backend))
        return [int(pk) for pk in entries.values_list("index_entry__object_id", flat=True)]


class StemmedSQLiteSearchBackend(SQLiteSearchBackend):
    query_compiler_class = WordsCompiler
    results_class = Results
