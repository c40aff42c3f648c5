""" "Did you mean" where the search engine cannot say: the nearest known word
for each query word that no case title, agency, theme or tag contains. The
known words are kept briefly in Django's cache, per language."""

import difflib

from django.core.cache import cache

from cases.models import CaseTag
from cases.queries import published_cases
from cases.snippets import Agency, Theme
from search.text import WORD

MIN_LENGTH = 4  # shorter words have too many neighbours to guess from
CUTOFF = 0.8  # difflib's similarity ratio
# A new title's words are suggested at the latest this many seconds after publishing.
KEEP_SECONDS = 300


def vocabulary(languages):
    """{length: [word]} of the titles and tags of the published cases in the
    languages, and the agencies' and themes' names."""
    key = "search-spelling:" + ",".join(sorted(languages))
    return cache.get_or_set(key, lambda: _load(languages), KEEP_SECONDS)


def _load(languages):
    cases = published_cases().filter(locale__language_code__in=languages)
    texts = [
        *cases.values_list("title", flat=True),
        *CaseTag.objects.filter(content_object__in=cases.values("pk"))
        .values_list("tag__name", flat=True)
        .distinct(),
        *Agency.objects.values_list("name", flat=True),
        *Theme.objects.values_list("name", flat=True),
    ]
    by_length = {}
    for text in texts:
        for word in WORD.findall(text.lower()):
            if len(word) >= MIN_LENGTH and not word.isdigit():
                by_length.setdefault(len(word), set()).add(word)
    return {length: sorted(words) for length, words in by_length.items()}


def suggest(words, languages):
    """The query with each unknown word replaced by its nearest known word,
    or "" when no word changes."""
    by_length = vocabulary(languages)
    out = []
    for word in words:
        near = []
        if len(word) >= MIN_LENGTH and word not in by_length.get(len(word), ()):
            # A typo changes the length by at most two letters.
            candidates = [
                w for n in range(len(word) - 2, len(word) + 3) for w in by_length.get(n, ())
            ]
            near = difflib.get_close_matches(word, candidates, n=1, cutoff=CUTOFF)
        out.append(near[0] if near else word)
    return " ".join(out) if out != list(words) else ""
