"""The query the portal's backends understand: a reader's words, matched in
the languages searched. Each backend here extends modelsearch's query
compiler for it (database.py, engines.py); it is a PlainText to modelsearch
itself: every word required, or any of them with operator "or" (the plan
page's distinctive terms, or a reader's words that together find nothing)."""

from functools import cached_property

from modelsearch.query import PlainText

from search.compounds import compounds


class Words(PlainText):
    def __init__(
        self,
        words,
        languages,
        fuzzy=False,
        groups=None,
        any_word=False,
        some=False,
        engine_filters=None,
    ):
        super().__init__(" ".join(words), operator="or" if any_word or some else "and")
        self.words = list(words)
        self.languages = list(languages)
        # Engines only: tolerate a typo or two in each word.
        self.fuzzy = fuzzy
        # The database backends: every group required, any one alternative of
        # it (a tuple of words, matched as a phrase) enough. Synonyms add
        # alternatives (search.synonyms.expand); without them each word is
        # its own group.
        self.groups = groups or [[(word,)] for word in self.words]
        # Any one word is enough (a case's distinctive words, for its related
        # cases); compounds are not split then.
        self.any_word = any_word
        # Any one group is enough, synonyms and compounds as when every one
        # is required: for a search whose words together find nothing.
        self.some = some
        # Engines only: {filter field: [values]}, every field required, any
        # one of its values enough; filters modelsearch cannot hand an engine
        # (the database applies them through the queryset).
        self.engine_filters = engine_filters or {}

    @property
    def parts_each(self):
        """Whether a compound's parts count one by one: `some` with a single word."""
        return self.some and len(self.groups) == 1

    @cached_property
    def compounds(self):
        """search.compounds.compounds() of the words, read once per query: the
        database backends ask for them when building the match and its rank."""
        return compounds(self.words, self.languages)

    @cached_property
    def synonym_forms(self):
        """{one-word synonym: its forms the stemmer keeps apart (Compound.forms),
        which PostgreSQL matches beside it ("sjukfrånvaro": "sjukfrånvaron")}."""
        single = [words[0] for group in self.groups for words in group[1:] if len(words) == 1]
        found = compounds(list(dict.fromkeys(single)), self.languages)
        return {compound.word: compound.forms for compound in found if compound.forms}

    def __repr__(self):
        flags = f"fuzzy={self.fuzzy} any={self.any_word} some={self.some}"
        return f"<Words {self.words!r} in {self.languages!r} {flags}>"
