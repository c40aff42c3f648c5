"""Swedish compounds on the database backends, split against the published
cases' own words (search.vocabulary): a query word is also matched in the
compounds that hold it ("säkerhet" -> "informationssäkerhet", "moln" ->
"molntjänster"), and a compound query word also by its parts
("ärendehantering" -> "ärende" and "hantering"); a word is also matched in
its definite and neuter forms that the stemmer does not reduce to its own
stem ("kontor" -> "kontoret", "ansvaret" -> "ansvar", "digitalt" ->
"digital"). The backends rank the words' own matches above these
(sqlite.py, postgres.py). The engines split compounds in their analysers
instead (engines.py)."""

from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path

from search.text import VOWELS, common_prefix, stem_forms, stems
from search.vocabulary import vocabulary

# The language whose compounds are split.
LANGUAGE = "sv"
# A part shorter than this would split unrelated words ("ring" in "hantering").
MIN_PART = 4
# What comes before a part inside a compound: "osäker" is not a compound of "säker".
MIN_HEAD = 3
# The most compounds one query word is expanded into (the most frequent).
MAX_COMPOUNDS = 20
# Letters that join a compound's parts ("ärende-s-hantering").
LINKS = ("s", "e", "a", "u", "o")
# The definite endings (with the genitive's) that Snowball leaves on some
# words: "projektet" and "projekt" stem to "projektet" and "projek", "frågan"
# and "fråga" to "frågan" and "fråg". "-t" and "-n" only after a vowel
# ("ärende-t", "fråga-n"): "svar-t" is another word.
DEFINITE = ("et", "ets")
DEFINITE_AFTER_VOWEL = ("t", "ts", "n", "ns")
# The adjectives whose neuter "-t" Snowball also leaves on ("digitalt",
# "effektivt", "hållbart"): those with these endings.
ADJECTIVE_ENDINGS = ("al", "ell", "iv", "bar", "är")
_MEMO_SIZE = 2_000
# Swedish dictionary words that may be compound parts (its README says where
# from and under which licence): the engines' decompounding word list.
COMPOUND_PARTS_FILE = Path(__file__).resolve().parent / "analysis" / "sv-compound-parts.txt"


@lru_cache(maxsize=1)
def compound_parts():
    lines = COMPOUND_PARTS_FILE.read_text(encoding="utf-8").splitlines()
    return tuple(line.strip() for line in lines if line.strip() and not line.startswith("#"))


@lru_cache(maxsize=1)
def dictionary_words():
    """compound_parts() as a set, to look words up in."""
    return frozenset(compound_parts())


@dataclass(frozen=True)
class Compound:
    word: str
    # Whole words of the cases that hold the word as a part (one per stem).
    containing: tuple = ()
    # The word's own two parts, when it is a compound of words the cases hold.
    parts: tuple = ()
    # The word's definite forms the cases hold, or its base word, when the
    # stemmer gives that form a stem of its own.
    forms: tuple = ()

    def __bool__(self):
        return bool(self.containing or self.parts or self.forms)


# The compounds found per word, for the vocabulary they were found in (held,
# so that a new vocabulary starts afresh).
_memo = {"vocabulary": None, "words": {}}


def compounds(words, languages):
    """A Compound per word (empty ones when Swedish is not searched)."""
    if LANGUAGE not in languages:
        return [Compound(word) for word in words]
    known = vocabulary(LANGUAGE)
    if _memo["vocabulary"] is not known or len(_memo["words"]) > _MEMO_SIZE:
        _memo.update(vocabulary=known, words={})
    return [_compound(word, known) for word in words]


def _compound(word, known):
    found = _memo["words"]
    if word not in found:
        forms = _forms(word, known)
        # A definite form ("molnet") is also found in what its base finds.
        bases = [form for form in forms if not form.startswith(word)]
        containing = [w for held in (word, *bases) for w in _containing(held, known)]
        found[word] = Compound(word, tuple(dict.fromkeys(containing)), _parts(word, known), forms)
    return found[word]


def _endings(base):
    """The endings a base word takes that its stem lacks: the definite ones
    ("-t" and "-n" only after a vowel) and an adjective's neuter "-t"."""
    endings = DEFINITE + DEFINITE_AFTER_VOWEL if base[-1:] in VOWELS else DEFINITE
    return endings + ("t",) if base.endswith(ADJECTIVE_ENDINGS) else endings


def _bases(word):
    """The words `word` may be a form of, with an ending of _endings()."""
    return [
        word[: -len(ending)]
        for ending in DEFINITE + DEFINITE_AFTER_VOWEL
        if word.endswith(ending) and ending in _endings(word[: -len(ending)])
    ]


def _forms(word, known):
    """The word's forms with an ending of _endings() that the cases hold
    ("telefonköer" -> "telefonkön"), and, for such a form, its base word
    (one of the dictionary's or the cases', or the cases' word of its stem),
    when the stemmer gives that form a stem of its own. A word of the
    dictionary is no such form ("internet", "planet")."""
    words = dictionary_words()
    own, *participle = stem_forms(word, LANGUAGE)
    # Its plural, when the word may be a participle ("avbrutet": "avbrutna").
    plural = own not in words
    forms = [
        held
        for held in known.starting_with(own)
        if held not in words
        and (
            any(stems(base, [LANGUAGE])[0] == own for base in _bases(held))
            or (plural and stem_forms(held, LANGUAGE)[1:] == (own,))
        )
    ]
    if word not in words:
        for base in _bases(word):
            if base in words or base in known.frequency:
                forms.append(base)
            elif kin := _inflected(base, known):
                forms.append(kin)
        # A participle's plural: its other forms ("avbrutna": "avbrutet").
        forms += [
            kin for base in participle if base not in words if (kin := _inflected(base, known))
        ]
    return tuple(
        form for form in forms if len(form) >= MIN_PART and stems(form, [LANGUAGE])[0] != own
    )


def _inflected(base, known):
    """The cases' most frequent word whose stem is the base, for a base they
    hold only inflected: "facket" is found where the cases say "fackliga"."""
    if len(base) < MIN_PART:
        return ""
    found = [w for w in known.starting_with(base) if stems(w, [LANGUAGE])[0] == base]
    return min(found, key=lambda w: (-known.frequency[w], w), default="")


def _containing(word, known):
    stem = common_prefix(word, [LANGUAGE])
    if len(stem) < MIN_PART:
        return ()
    found = [w for w in known.holding(stem) if _holds(w, stem)]
    found.sort(key=lambda w: (-known.frequency[w], w))
    # The backends match by stem: one form of each is enough, and none of the
    # word's own (its inflections, which the word finds by itself).
    own = stems(word, [LANGUAGE])[0]
    by_stem = {}
    for w in found:
        stem_of_w = stems(w, [LANGUAGE])[0]
        if stem_of_w != own:
            by_stem.setdefault(stem_of_w, w)
        if len(by_stem) == MAX_COMPOUNDS:
            break
    return tuple(by_stem.values())


def _holds(word, stem):
    """Whether the stem is a part of the word: its tail, or its head followed
    by a whole part (not an inflected ending, which the stemmer finds)."""
    if word.find(stem, MIN_HEAD) > 0:
        return True
    return word.startswith(stem) and len(word) - len(stem) >= MIN_PART


def _parts(word, known):
    """The split of the word into two known words whose rarer part is most
    frequent, a joining letter allowed after the first. A word of the
    dictionary counts as held once: the cases may hold it only inflected
    ("upphandlingen"), which the backends match by its stem."""
    words = dictionary_words()

    def frequency(part):
        return known.frequency.get(part, 0) or int(part in words)

    best, best_count = (), 0
    for cut in range(MIN_PART, len(word) - MIN_PART + 1):
        head, tail = word[:cut], word[cut:]
        tail_count = frequency(tail)
        if not tail_count:
            continue
        heads = [head] + [head[:-1] for link in LINKS if head.endswith(link)]
        for first in heads:
            count = min(frequency(first), tail_count)
            if len(first) >= MIN_PART and count > best_count:
                best, best_count = (first, tail), count
    return best
