"""PostgreSQL: modelsearch's backend with each object indexed in its
language's text-search configuration, and the reader's words matched in
each searched language's configuration (database.py)."""

import threading
from collections import defaultdict
from functools import reduce
from operator import add, and_, or_

from django.contrib.postgres.search import SearchQuery, SearchRank, SearchVectorExact
from django.db.models import Case, F, FloatField, Q, Value, When
from modelsearch.backends.database.postgres.postgres import (
    PostgresIndex,
    PostgresSearchBackend,
    PostgresSearchQueryCompiler,
    PostgresSearchResults,
)

from search.compounds import LANGUAGE as COMPOUND_LANGUAGE

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


# The words themselves rank above the compounds that hold them or their parts.
EXACT_FIRST = 1000.0
# A phrase synonym weighs half a one-word synonym: matched by its stems, it
# also meets other forms ("lades ned" meets "lade ned", of closed offices).
PHRASE_WEIGHT = 0.5


def in_languages(text, languages):
    return reduce(
        or_,
        (SearchQuery(text, search_type="plain", config=CONFIGS[lang]) for lang in languages),
    )


def alternative(words, language):
    """One word, or a phrase of words (a synonym of several words)."""
    search_type = "phrase" if len(words) > 1 else "plain"
    return SearchQuery(" ".join(words), search_type=search_type, config=CONFIGS[language])


def compound_query(compound, languages, any_part=False):
    """The word, or one of its forms, or a compound that holds it, or both of
    its own parts (or either, `any_part`)."""
    swedish = CONFIGS[COMPOUND_LANGUAGE]
    alternatives = [in_languages(compound.word, languages)]
    alternatives += [
        SearchQuery(w, search_type="plain", config=swedish)
        for w in (*compound.forms, *compound.containing)
    ]
    if compound.parts:
        parts = compound.parts if any_part else [" ".join(compound.parts)]
        alternatives += [SearchQuery(part, search_type="plain", config=swedish) for part in parts]
    return reduce(or_, alternatives)


class WordsCompiler(PostgresSearchQueryCompiler):
    def build_tsquery_content(self, query, config=None, invert=False):
        if not isinstance(query, Words):
            return super().build_tsquery_content(query, config, invert)
        if query.any_word:
            return reduce(or_, (in_languages(word, query.languages) for word in query.words))
        plain = query.groups == [[(word,)] for word in query.words]
        if plain and not query.some and not any(query.compounds):
            return in_languages(query.query_string, query.languages)
        # Every group required (or any one, `some`; a single compound's part too).
        groups = self.group_queries(query, any_part=query.parts_each)
        return reduce(or_ if query.some else and_, groups)

    def group_queries(self, query, any_part=False):
        """One tsquery per group of words: the word as typed, widened by its
        forms and compounds, or any one of its synonyms, in any language
        (several words as a phrase)."""
        widened = dict(zip(query.words, query.compounds, strict=True))
        return [self._group_query(group, widened, query, any_part) for group in query.groups]

    @staticmethod
    def _group_query(group, widened, query, any_part):
        typed, *synonyms = group
        if len(typed) == 1 and widened.get(typed[0]):
            alternatives = [compound_query(widened[typed[0]], query.languages, any_part)]
        else:
            alternatives = [alternative(typed, lang) for lang in query.languages]
        alternatives += [alternative(words, lang) for words in synonyms for lang in query.languages]
        swedish = CONFIGS[COMPOUND_LANGUAGE]
        alternatives += [
            SearchQuery(form, search_type="plain", config=swedish)
            for words in synonyms
            for form in query.synonym_forms.get(" ".join(words), ())
        ]
        return reduce(or_, alternatives)

    def match_parts(self):
        """The tsqueries a match satisfies each, in its title or its body:
        one per group of words, or one for any of the words."""
        query = self.query
        if query.any_word or query.some:
            return [self.build_tsquery_content(query)]
        return self.group_queries(query)

    def search(self, config, start, stop, score_field=None, backend=None):
        """modelsearch's search, with the words matched in the title or the
        body, each indexed on its own: modelsearch matches `title || body`,
        which is built for every row and can use neither index."""
        if not isinstance(self.query, Words) or self.fields is not None:
            return super().search(config, start, stop, score_field, backend)
        title, body = F("index_entries__title"), F("index_entries__body")
        match = reduce(
            and_,
            (
                Q(SearchVectorExact(title, part)) | Q(SearchVectorExact(body, part))
                for part in self.match_parts()
            ),
        )
        rank = self._build_rank_expression(self.get_index_vectors(None), config)
        return self._apply_ordering_and_scoring(
            self.queryset.filter(match), rank, start, stop, score_field
        )

    def exact_query(self):
        """What ranks first: with `some` and several groups, the cases that
        hold every group; the words alone or their synonyms, when compounds
        widened the query (a single compound's own word above its parts);
        else None."""
        query = self.query
        if not isinstance(query, Words) or query.any_word:
            return None
        if query.some and not query.parts_each:
            return reduce(and_, self.group_queries(query))
        if not any(query.compounds):
            return None
        return reduce(and_, (self._group_query(group, {}, query, False) for group in query.groups))

    def _build_rank_expression(self, vectors, config):
        rank = super()._build_rank_expression(vectors, config)
        exact = self.exact_query()
        if exact is None:
            return rank
        # The words' own matches first, ranked by the words alone (the
        # compounds' many forms would outweigh a title holding the word);
        # with `some`, the cases holding every group first.
        vector = vectors[0][0]
        for other, _boost in vectors[1:]:
            vector = vector._combine(other, "||", False)
        exact_rank = reduce(
            add, (SearchRank(v, exact, weights=self.sql_weights) * boost for v, boost in vectors)
        )
        return Case(
            When(SearchVectorExact(vector, exact), then=exact_rank + Value(EXACT_FIRST)),
            default=rank,
            output_field=FloatField(),
        )

    def build_tsrank(self, vector, query, config=None, boost=1.0):
        """With synonyms, ranked by the words as typed (twice), the one-word
        synonyms, and each phrase synonym where the text holds the phrase:
        ts_rank alone would count each word of a phrase ("digital" of
        "digital assistent") wherever it stands."""
        if not isinstance(query, Words) or query.groups == [[(w,)] for w in query.words]:
            return super().build_tsrank(vector, query, config, boost)
        typed = Words(query.words, query.languages, some=query.some)
        typed.compounds = query.compounds  # the same words: read once
        rank = super().build_tsrank(vector, typed, config, boost * 2)
        synonyms = [words for group in query.groups for words in group[1:]]
        single = [words for words in synonyms if len(words) == 1]
        if single:
            any_one = Words([words[0] for words in single], query.languages)
            any_one.groups = [single]
            rank = rank + super().build_tsrank(vector, any_one, config, boost)
        phrases = [words for words in synonyms if len(words) > 1]
        if phrases:
            rank = rank + self._phrases_rank(vector, phrases, query.languages, boost)
        return rank

    def _phrases_rank(self, vector, phrases, languages, boost):
        """The rank of the phrases' words (any one of them) where the text
        holds one of the phrases."""
        held = reduce(
            or_,
            (
                SearchQuery(" ".join(words), search_type="phrase", config=CONFIGS[lang])
                for words in phrases
                for lang in languages
            ),
        )
        words = reduce(or_, (in_languages(" ".join(words), languages) for words in phrases))
        return Case(
            When(
                SearchVectorExact(vector, held),
                then=SearchRank(vector, words, weights=self.sql_weights) * boost * PHRASE_WEIGHT,
            ),
            default=Value(0.0),
            output_field=FloatField(),
        )


class Results(PostgresSearchResults):
    def matching(self):
        """Every match's pk, as a subquery (for `pk__in=`)."""
        return self.get_queryset().order_by().values("pk")

    def ranked_values(self, **expressions):
        """[(pk, *values of the expressions)] of every match, best first (or
        in the queryset's order), read with the ranking itself."""
        return list(self.get_queryset().annotate(**expressions).values_list("pk", *expressions))


class LocalisedPostgresSearchBackend(PostgresSearchBackend):
    index_class = LocalisedPostgresIndex
    query_compiler_class = WordsCompiler
    results_class = Results
