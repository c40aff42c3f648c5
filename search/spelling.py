"""Spelling correction against the cases' own words: the nearest known word
for each query word that no published case holds (search.vocabulary), from
the words of the cases' titles, summaries and tags and the agencies' and
themes' names. The known words are read once per page change and at most
every few minutes (search.page_words), and looked up by first letter and
length, so a correction compares a word with a few hundred others even at
10,000 cases."""

import difflib

from rapidfuzz.distance import OSA

from cases.models import CaseTag
from cases.queries import published_cases
from cases.snippets import Agency, Theme
from core.languages import language_codes
from search import page_words
from search.text import WORD
from search.vocabulary import vocabularies

MIN_LENGTH = 4  # shorter words have too many neighbours to guess from
CUTOFF = 0.8  # difflib's similarity ratio
# How many letters a typo may get wrong, leave out, add or swap, by the
# word's length: one up to 5 letters and two up to 11 (as the engines'
# `fuzziness: AUTO`), three beyond. "archive" is not read as "achieved".
EDITS = ((5, 1), (11, 2))
MOST_EDITS = 3
# A renamed agency or theme is known at the latest this many seconds later.
KEEP_SECONDS = 300
# A typo changes the length by at most this many letters.
LENGTH_SLACK = 2


def vocabulary(languages):
    """{(first letter, length): [word]} of the published cases in the
    languages (titles, summaries, tags) and the agencies' and themes' names,
    read once per page change (search.page_words)."""
    key = cache_key(languages)
    return page_words.per_page_change(key, lambda: _load(languages), KEEP_SECONDS)


def cache_key(languages):
    return "search-spelling:" + ",".join(sorted(languages))


def forget():
    """Read the words again at the next correction (tests, imports)."""
    codes = language_codes()
    page_words.forget([cache_key(codes), *(cache_key([code]) for code in codes)])


def _load(languages):
    cases = published_cases().filter(locale__language_code__in=languages)
    texts = [
        *(text for pair in cases.values_list("title", "summary") for text in pair),
        *CaseTag.objects.filter(content_object__in=cases.values("pk"))
        .values_list("tag__name", flat=True)
        .distinct(),
        *Agency.objects.values_list("name", flat=True),
        *Theme.objects.values_list("name", flat=True),
    ]
    found = set()
    for text in texts:
        found.update(
            word
            for word in WORD.findall((text or "").lower())
            if len(word) >= MIN_LENGTH and not word.isdigit()
        )
    by_shape = {}
    for word in sorted(found):
        by_shape.setdefault((word[0], len(word)), []).append(word)
        # A typo in the first letter keeps the second ("vygglov").
        by_shape.setdefault(("*" + word[1], len(word)), []).append(word)
    return by_shape


def nearest(word, by_shape):
    """The known word nearest to `word` (the same first or second letter,
    length within LENGTH_SLACK, a typo's edits away, difflib's ratio at least
    CUTOFF), or None."""
    edits = next((n for longest, n in EDITS if len(word) <= longest), MOST_EDITS)
    shaped = dict.fromkeys(
        known
        for n in range(len(word) - LENGTH_SLACK, len(word) + LENGTH_SLACK + 1)
        for first in (word[0], "*" + word[1])
        for known in by_shape.get((first, n), ())
    )
    candidates = [k for k in shaped if OSA.distance(word, k, score_cutoff=edits) <= edits]
    near = difflib.get_close_matches(word, candidates, n=1, cutoff=CUTOFF)
    return near[0] if near else None


def suggest(words, languages):
    """The query with each word no case holds replaced by its nearest known
    word, or "" when no word changes: "kortare" is no typo of "korta"."""
    by_shape = vocabulary(languages)
    held = vocabularies(languages)
    out = []
    for word in words:
        known = word in by_shape.get((word[0], len(word)), ()) or any(
            word in words_of.frequency for words_of in held
        )
        replacement = None
        if len(word) >= MIN_LENGTH and not word.isdigit() and not known:
            replacement = nearest(word, by_shape)
        out.append(replacement or word)
    return " ".join(out) if out != list(words) else ""
