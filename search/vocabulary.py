"""The words the published cases hold, per language, with how many cases
hold each (document frequency): read from the pages through the ORM, never
from the search index's tables. The database backends use it to split
Swedish compounds (search.compounds) and to weigh a case's words for its
related cases (search.related).

Read once per page change for every application server (search.page_words),
and bounded to the MAX_WORDS most frequent words."""

import math
from bisect import bisect_left
from collections import Counter
from dataclasses import dataclass
from functools import cached_property

from cases.models import CaseLesson, last_page_change
from cases.queries import published_cases
from core.languages import language_codes
from search import page_words
from search.text import WORD, plain_text

# Read again at the latest after this long without a page change.
VOCABULARY_SECONDS = 24 * 3600
MAX_WORDS = 50_000
MIN_LENGTH = 3
# The texts a case's words are read from.
TEXT_FIELDS = ("title", "summary", "challenge", "approach", "results")


@dataclass(frozen=True)
class Vocabulary:
    cases: int
    frequency: dict  # word -> number of cases holding it

    def idf(self, word):
        """How distinctive a word is: rarer words weigh more; unknown ones most."""
        return math.log((self.cases + 1) / (self.frequency.get(word, 0) + 0.5))

    @cached_property
    def _ordered(self):
        return sorted(self.frequency)

    @cached_property
    def _lines(self):
        return "\n".join(self._ordered)

    def starting_with(self, prefix):
        """The words that begin with the prefix (found by bisection)."""
        ordered = self._ordered
        return ordered[bisect_left(ordered, prefix) : bisect_left(ordered, prefix + "\uffff")]

    def holding(self, text):
        """The words that hold the text (found by searching one string of them all)."""
        lines, found = self._lines, []
        at = lines.find(text)
        while at != -1:
            start = lines.rfind("\n", 0, at) + 1
            end = lines.find("\n", at)
            end = len(lines) if end == -1 else end
            found.append(lines[start:end])
            at = lines.find(text, end)
        return found


def case_words(texts):
    return {
        word
        for text in texts
        for word in WORD.findall(plain_text(text).lower())
        if len(word) >= MIN_LENGTH and not word.isdigit()
    }


def read_vocabulary(language):
    cases = published_cases().filter(locale__language_code=language)
    words = {pk: case_words(texts) for pk, *texts in cases.values_list("pk", *TEXT_FIELDS)}
    lessons = CaseLesson.objects.filter(page__in=cases.values("pk")).values_list("page_id", "text")
    for page_id, text in lessons:
        words.setdefault(page_id, set()).update(case_words([text]))
    frequency = Counter(word for held in words.values() for word in held)
    return Vocabulary(len(words), dict(frequency.most_common(MAX_WORDS)))


def cache_key(language):
    return f"search-vocabulary:{language}"


def forget():
    """Read the words again at the next use (tests)."""
    page_words.forget([cache_key(language) for language in language_codes()])


def vocabularies(languages):
    """The vocabularies of the languages, the page log read once."""
    changed = last_page_change()
    return [vocabulary(language, changed) for language in languages]


def vocabulary(language, changed=None):
    return page_words.per_page_change(
        cache_key(language), lambda: read_vocabulary(language), VOCABULARY_SECONDS, changed
    )
