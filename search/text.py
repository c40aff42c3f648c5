"""Query text: cleaning, words, stems (Snowball) and highlighted excerpts."""

import html
import re
import threading
import unicodedata

import snowballstemmer

MAX_QUERY_LENGTH = 200
WORD = re.compile(r"\w+", re.UNICODE)
_CONTROL = {"Cc", "Cf", "Cs", "Co", "Cn"}


def clean_query(raw):
    """Whitespace folded to single spaces; other control characters dropped."""
    text = "".join(
        " " if ch.isspace() else ch
        for ch in raw or ""
        if ch.isspace() or unicodedata.category(ch) not in _CONTROL
    )
    return " ".join(text.split())


def query_words(text):
    return [w.lower() for w in WORD.findall(text) if w.strip("_")]


# Snowball's stop words, the lists PostgreSQL's swedish and english
# configurations and OpenSearch's analysers drop too. Dropped from queries
# on every backend, so SQLite (which cannot) and the lessons view do not
# require "för" or "the" in every hit, nor highlight every word starting
# with "i".
STOP_WORDS = {
    "sv": frozenset(
        """
    och det att i en jag hon som han på den med var sig för så till är men ett om hade de
    av icke mig du henne då sin nu har inte hans honom skulle hennes där min man ej vid
    kunde något från ut när efter upp vi dem vara vad över än dig kan sina här ha mot
    alla under någon eller allt mycket sedan ju denna själv detta åt utan varit hur ingen
    mitt ni bli blev oss din dessa några deras blir mina samma vilken er sådan vår blivit
    dess inom mellan sådant varför varje vilka ditt vem vilket sitta sådana vart dina
    vars vårt våra ert era vilkas
""".split()
    ),
    "en": frozenset(
        """
    i me my myself we our ours ourselves you your yours yourself yourselves he him his
    himself she her hers herself it its itself they them their theirs themselves what
    which who whom this that these those am is are was were be been being have has had
    having do does did doing a an the and but if or because as until while of at by for
    with about against between into through during before after above below to from up
    down in out on off over under again further then once here there when where why how
    all any both each few more most other some such no nor not only own same so than too
    very s t can will just don should now
""".split()
    ),
}


# The portal's words for what every case is and holds, a project, its
# lessons and the mistakes they warn of: a query's other words say which
# ("lärdomar om chattbot", "misslyckade projekt", "mistakes in procurement");
# alone they ask for every case.
EVERY_CASE_WORDS = {
    "sv": frozenset(
        """lärdom lärdomar lärdomarna erfarenheter erfarenheterna misstag misstagen
        fallgropar fallgroparna projekt projektet projekten projektets""".split()
    ),
    "en": frozenset(
        "lesson lessons learned learnt mistake mistakes pitfalls project projects".split()
    ),
}


def without_stop_words(words, languages):
    """The words that are not stop words in any of the languages; all of
    them when nothing else is left ("vad är det")."""
    return _unless_all(words, STOP_WORDS, languages)


def _unless_all(words, lists, languages):
    """The words in none of the languages' lists, or all of them when every
    one is."""
    kept = [w for w in words if not any(w in lists[lang] for lang in languages)]
    return kept or words


# The verbs a reader's question is built with, which say nothing of what it
# is about ("hur fick ni med facket", "how could we get buy-in"): searched
# only when the question has no other words.
QUESTION_VERBS = {
    "sv": frozenset(
        """fick får få gjorde gör göra kunna kunnat ska skall bör borde
        finns fanns""".split()
    ),
    "en": frozenset("could would might must shall get gets got getting".split()),
}


def searched_words(text, languages):
    """The words a search matches: the text's words without stop words, the
    verbs of a question, and the words for what every case holds (none when
    it has only those)."""
    words = [
        w for w in query_words(text) if not any(w in EVERY_CASE_WORDS[lang] for lang in languages)
    ]
    if not words:
        return []
    return _unless_all(without_stop_words(words, languages), QUESTION_VERBS, languages)


ALGORITHMS = {"sv": "swedish", "en": "english"}
# A stemmer keeps state while it works: one per thread.
_local = threading.local()


def stems(word, languages):
    """The word's Snowball stems in the languages, without repeats."""
    if not hasattr(_local, "stemmers"):
        _local.stemmers = {code: snowballstemmer.stemmer(name) for code, name in ALGORITHMS.items()}
    return list(dict.fromkeys(_local.stemmers[lang].stemWord(word) for lang in languages))


# A strong verb's participle ends "-en", "-et" or, plural, "-na" after a
# consonant ("avbruten", "avbrutet", "avbrutna"): Snowball cuts the plural
# to a stem of its own ("avbrutn"; the others "avbrut").
VOWELS = "aeiouyåäö"
_CONSONANT_NA = re.compile(f"[^{VOWELS}]na$")


def stem_forms(word, language):
    """The word's stem and, for what may be a Swedish participle's plural,
    the stem of its other forms ("avbrutna": "avbrutn", "avbrut")."""
    stem = stems(word, [language])[0]
    if language == "sv" and stem == word[:-1] and _CONSONANT_NA.search(word):
        return (stem, stem[:-1])
    return (stem,)


def participle_plural(word):
    """The plural of what may be a Swedish participle ("avbrutet",
    "avbruten": "avbrutna"), by stem_forms()'s rule, or ""."""
    plural = word[:-2] + "na"
    if word.endswith(("et", "en")) and stem_forms(plural, "sv")[1:] == tuple(stems(word, ["sv"])):
        return plural
    return ""


def definite_form(word):
    """The Swedish definite singular when Snowball stems it apart from the
    word ("sjukfrånvaro": "sjukfrånvaron", "projekt": "projektet"), or ""."""
    form = word + ("n" if word[-1:] in VOWELS else "et")
    return form if stems(form, ["sv"]) != stems(word, ["sv"]) else ""


def common_prefix(word, languages):
    """What the word and every stem of it start with: one prefix that finds
    each language's inflected forms ("myndigheterna" -> "mynd" finds
    "myndighet"; "sharing", stemmed "share", -> "shar" finds "shared")."""
    prefix = word
    for form in stems(word, languages):
        while not form.startswith(prefix):
            prefix = prefix[:-1]
    return prefix


_TAG = re.compile(r"<[^>]*>")


def plain_text(value):
    """Rich text as plain words (the output is escaped again)."""
    return " ".join(html.unescape(_TAG.sub(" ", value or "")).split())


def word_pattern(words, languages):
    """A pattern for the query words and their stems as word beginnings, or
    None without words. Built once per search, used for every excerpt. A
    word or stem under three letters is marked only as a whole word, as the
    database matches it: "e" of "e-tjänst" is not the start of "ett"."""
    prefixes, whole = set(), set()
    for word in words:
        prefixes.update(form for form in {*stems(word, languages), word} if len(form) >= 3)
        if len(word) < 3:
            whole.add(word)
    alternatives = []
    if prefixes:
        alternatives.append("(?:" + _alternation(prefixes) + r")\w*")
    if whole:
        alternatives.append("(?:" + _alternation(whole) + r")\b")
    if not alternatives:
        return None
    return re.compile(r"\b(?:" + "|".join(alternatives) + ")", re.IGNORECASE)


def _alternation(forms):
    # The longest first, so that a longer form wins over its own prefix.
    return "|".join(re.escape(form) for form in sorted(forms, key=len, reverse=True))


def excerpt(texts, pattern, width=220):
    """The first passage that contains a match of `pattern` (word_pattern),
    escaped, with the matched words in <mark>. Plain escaped text otherwise.
    Texts are read in order and only until one matches."""
    text, first = "", None
    for value in texts:
        candidate = plain_text(value)
        if not candidate:
            continue
        text = text or candidate
        first = pattern.search(candidate) if pattern else None
        if first:
            text = candidate
            break
    if not text:
        return ""
    if pattern is None:
        return html.escape(_cut(text, 0, width))
    start = max(0, first.start() - width // 3) if first else 0
    passage = _cut(text, start, width)
    parts, last = [], 0
    for match in pattern.finditer(passage):
        parts.append(html.escape(passage[last : match.start()]))
        parts.append("<mark>" + html.escape(match.group(0)) + "</mark>")
        last = match.end()
    parts.append(html.escape(passage[last:]))
    return "".join(parts)


def _cut(text, start, width):
    if start > 0:
        space = text.find(" ", start)
        start = space + 1 if 0 <= space < start + 30 else start
    end = start + width
    passage = text[start:end]
    if end < len(text):
        space = passage.rfind(" ")
        passage = (passage[:space] if space > width // 2 else passage) + " …"
    return ("… " if start > 0 else "") + passage
