"""Synonyms editors keep as snippets (search.models.SynonymGroup), per language.

A rule is either a group of equivalent words ("chattbot, chatbot, digital
assistent": each finds the others) or a one-way expansion ("AI =>
artificiell intelligens, maskininlärning": the left finds the right too).

The database backends expand the query with them (expand(): each query word,
or run of words that is a rule's term, becomes a choice of alternatives; a
word of a term matches by its Snowball stem, so "chattbotar" finds the
"chattbot" group). The engines use a search-time `synonym_graph` filter fed
with solr_rules() (search/backends/engines.py), replaced on the live index
when the list changes (search/engine_synonyms.py)."""

from django.core.cache import cache

from search.synonym_rules import parse_rule
from search.text import (
    definite_form,
    participle_plural,
    stem_forms,
    stems,
    without_stop_words,
)

CACHE_KEY = "search-synonym-rules"
# Another process with its own (local memory) cache sees a change at the latest after this.
KEEP_SECONDS = 60


def rules():
    """{language: [(sources, targets)]}, from the cache (cleared on every change)."""
    return _cached()["rules"]


def _cached():
    """The rules and their lookup table (`_load`), read once per change."""
    found = cache.get(CACHE_KEY)
    if found is None:
        found = _load()
        cache.set(CACHE_KEY, found, KEEP_SECONDS)
    return found


def _load():
    """The rules by language, and the table expand() looks terms up in:
    {(language, first stem): [(stems of the term, targets)]}, stemmed here
    rather than on every search."""
    from search.models import SynonymGroup

    found, table = {}, {}
    for language, terms in SynonymGroup.objects.values_list("language", "terms"):
        sources, targets = parse_rule(terms)
        if sources and len(targets) > 1:
            found.setdefault(language, []).append((sources, targets))
            for source in sources:
                # Keyed without stop words, as a reader's words are searched:
                # "working from home" is found as "working home".
                key = _key(without_stop_words(source.split(), [language]), language)
                table.setdefault((language, key[0]), []).append((key, targets))
    return {"rules": found, "table": table}


def forget(**kwargs):
    """post_save / post_delete of a SynonymGroup: the next search reads the list again."""
    cache.delete(CACHE_KEY)


def _key(words, language):
    return tuple(stems(word, [language])[0] for word in words)


def expand(words, languages):
    """The query as groups, one per word or per run of words that is a
    synonym term: [[alternative, ...], ...], each alternative a tuple of
    words, the words as typed first. Longest terms win; a word takes part in
    one term only."""
    table = _cached()["table"] if words else {}
    groups, i = [], 0
    while i < len(words):
        best_length, alternatives = 0, []
        for language, stem in _first_stems(words[i], languages):
            for key, targets in table.get((language, stem), ()):
                span = words[i : i + len(key)]
                if len(key) >= best_length and _holds(span, key, language):
                    if len(key) > best_length:
                        best_length, alternatives = len(key), []
                    alternatives += [tuple(t.split()) for t in targets]
        if not best_length:
            groups.append([(words[i],)])
            i += 1
            continue
        typed = tuple(words[i : i + best_length])
        others = [alt for alt in dict.fromkeys(alternatives) if alt != typed]
        groups.append([typed, *others])
        i += best_length
    return groups


def _first_stems(word, languages):
    """(language, stem) of each stem a term may start with to meet the word."""
    return [(language, stem) for language in languages for stem in stem_forms(word, language)]


def _holds(span, key, language):
    """Whether the words are the term's stems, each by one of its stems."""
    return len(span) == len(key) and all(
        stem in stem_forms(word, language) for word, stem in zip(span, key, strict=True)
    )


def related_terms(words, languages):
    """Searches related to a query that found nothing, for the zero-hit
    page: with several words, each word (or synonym term) alone, then each
    one's synonyms. A single word's synonyms were already searched with it."""
    groups = expand(words, languages)
    terms = []
    if len(groups) > 1:
        terms += [" ".join(group[0]) for group in groups]
    terms += [" ".join(alternative) for group in groups for alternative in group[1:]]
    return list(dict.fromkeys(terms))


def solr_rules(language):
    """The language's rules in the engines' (Solr) synonym format. A term
    with a stop word is also given as a search has it, without ("working
    home" beside "working from home"): the engines are sent the reader's
    words without their stop words."""
    lines = []
    for sources, targets in rules().get(language, ()):
        if sources == targets:
            lines.append(", ".join(_as_searched(targets, language)))
        else:
            lines.append(", ".join(_as_searched(sources, language)) + " => " + ", ".join(targets))
    return lines


def _as_searched(terms, language):
    """The terms, each followed by its form without stop words when that
    differs, and a Swedish word by its forms that the engine's stemmer keeps
    apart: a participle's plural ("avbrutet", "avbrutna"; see stem_forms())
    and the definite singular ("sjukfrånvaro", "sjukfrånvaron")."""
    found = []
    for term in terms:
        words = term.split()
        found += [term, " ".join(without_stop_words(words, [language]))]
        if language == "sv" and len(words) == 1:
            found += [participle_plural(term), definite_form(term)]
    return [term for term in dict.fromkeys(found) if term]
