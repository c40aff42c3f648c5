"""The query the portal's backends understand: a reader's words, matched in
the languages searched. Each backend here extends modelsearch's query
compiler for it (database.py, engines.py); it is a PlainText to modelsearch
itself: every word required, or any of them with operator "or" (the plan
page's distinctive terms)."""

from modelsearch.query import PlainText


class Words(PlainText):
    def __init__(self, words, languages, fuzzy=False, operator="and"):
        super().__init__(" ".join(words), operator=operator)
        self.words = list(words)
        self.languages = list(languages)
        # Engines only: tolerate a typo or two in each word.
        self.fuzzy = fuzzy

    def __repr__(self):
        return f"<Words {self.words!r} in {self.languages!r} fuzzy={self.fuzzy} {self.operator}>"
