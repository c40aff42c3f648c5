"""The words the published cases hold, per language, with how many cases
hold each (document frequency): read from the pages through the ORM, never
from the search index's tables. The database backends use it to split
Swedish compounds (search.compounds) and to weigh a case's words for its
related cases (search.related).

Kept per process for VOCABULARY_SECONDS and for as long as no page was
published, unpublished or moved since (the newest entry of Wagtail's page
log), and bounded to the MAX_WORDS most frequent words."""

import math
import threading
import time
from collections import Counter
from dataclasses import dataclass

from cases.models import CaseLesson, last_page_change
from cases.queries import published_cases
from search.text import WORD, plain_text

VOCABULARY_SECONDS = 300
MAX_WORDS = 50_000
MIN_LENGTH = 3
# The texts a case's words are read from.
TEXT_FIELDS = ("title", "summary", "challenge", "approach", "results")

_lock = threading.Lock()
_kept = {}  # language -> (read at, page log entry, Vocabulary)


@dataclass(frozen=True)
class Vocabulary:
    cases: int
    frequency: dict  # word -> number of cases holding it

    def idf(self, word):
        """How distinctive a word is: rarer words weigh more; unknown ones most."""
        return math.log((self.cases + 1) / (self.frequency.get(word, 0) + 0.5))


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


def forget():
    """Read the words again at the next use (tests)."""
    with _lock:
        _kept.clear()


def vocabularies(languages, now=None):
    """The vocabularies of the languages, the page log read once."""
    entry = last_page_change()
    return [vocabulary(language, now, entry) for language in languages]


def vocabulary(language, now=None, entry=None):
    now = time.monotonic() if now is None else now
    entry = last_page_change() if entry is None else entry
    kept = _kept.get(language)
    if kept and kept[1] == entry and now - kept[0] < VOCABULARY_SECONDS:
        return kept[2]
    with _lock:
        value = read_vocabulary(language)
        _kept[language] = (now, entry, value)
    return value
