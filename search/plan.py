"""Plan your project: a description of a planned project in, and what other
agencies learnt out: the lessons to heed, the cases that stopped and why,
and the most similar cases.

The description's most distinctive words (stop words dropped, weighed by how
few cases hold them) are searched as one "any of these words" query through
the configured backend, with the database answering when the engine does not
(search.service.answered). The matched cases' lessons are ranked by how many
of the words they hold. Nothing of the description is stored or logged."""

import math
import re
from collections import Counter
from dataclasses import dataclass, field

from django.core.cache import cache

from cases.choices import CaseStatus, LessonKind
from cases.models import CaseLesson
from search.backends.query import Words
from search.service import SearchParams, answered, database_backend, searchable_cases
from search.text import clean_query, common_prefix, query_words, stems, without_stop_words

MAX_TEXT_LENGTH = 5000
MAX_TERMS = 12
# Words weighed per description: the most frequent of its distinct words.
MAX_CANDIDATES = 20
MAX_ITEMS = 10
# Matched cases whose lessons are read.
LESSON_CASES = 20
# Document frequencies change slowly: kept a few minutes, per language.
COUNTS_SECONDS = 300
FIRST_KINDS = (LessonKind.AVOID, LessonKind.ADVICE)


@dataclass
class Plan:
    terms: list = field(default_factory=list)
    lessons: list = field(default_factory=list)  # (lesson, its case)
    stopped: list = field(default_factory=list)
    cases: list = field(default_factory=list)
    backend: str = "database"
    degraded: bool = False


def has_words(text):
    return bool(query_words(clean_query(text)))


def _candidates(text, languages):
    """{stem prefix: (a word as written, times the text uses it)} for the
    text's distinct words of three letters or more, stop words left out."""
    words = [
        w
        for w in without_stop_words(query_words(text), languages)
        if len(w) >= 3 and not w.isdigit()
    ]
    keyed = Counter()
    written = {}
    for word in words:
        key = common_prefix(word, languages)
        key = key if len(key) >= 3 else word
        keyed[key] += 1
        written.setdefault(key, word)
    return {key: (written[key], n) for key, n in keyed.most_common(MAX_CANDIDATES)}


def _document_counts(keys, words, languages, queryset):
    """How many searchable cases hold each word (the database's own index),
    and how many there are; cached a few minutes."""
    prefix = "plan-df:" + ",".join(languages) + ":"
    names = {key: prefix + key for key in keys}
    known = cache.get_many([*names.values(), prefix + "*"])
    counts = {key: known[name] for key, name in names.items() if name in known}
    fresh = {}
    backend = database_backend()
    for key in keys:
        if key not in counts:
            found = backend.search(Words([words[key]], languages), queryset, operator="and")
            counts[key] = fresh[names[key]] = found.count()
    total = known.get(prefix + "*")
    if total is None:
        total = fresh[prefix + "*"] = queryset.count()
    if fresh:
        cache.set_many(fresh, COUNTS_SECONDS)
    return counts, total


def distinctive_terms(text, languages):
    """At most MAX_TERMS words of the text, the most distinctive first: used
    often in the text, held by few cases (tf-idf)."""
    candidates = _candidates(text, languages)
    if not candidates:
        return []
    words = {key: word for key, (word, _n) in candidates.items()}
    counts, total = _document_counts(
        list(candidates), words, languages, searchable_cases(SearchParams(lang=_lang(languages)))
    )
    # A word no case holds finds nothing; one held by more than half of them
    # (and by more than two) says nothing about this project ("ska").
    most = max(total / 2, 2)
    weights = {
        key: n * math.log((total + 1) / (counts[key] + 0.5))
        for key, (_word, n) in candidates.items()
        if 0 < counts[key] <= most
    }
    chosen = sorted(weights, key=lambda key: (-weights[key], key))[:MAX_TERMS]
    return [words[key] for key in chosen]


def _lang(languages):
    return languages[0] if len(languages) == 1 else "all"


def _term_pattern(term, language):
    """A lesson holds the term when a word starts with the term's stem in
    the lesson's language (the whole word when the stem is short)."""
    stem = stems(term, [language])[0]
    if len(stem) < 3:
        return re.compile(r"\b" + re.escape(term) + r"\b", re.IGNORECASE)
    return re.compile(r"\b" + re.escape(stem), re.IGNORECASE)


def rank_lessons(cases, terms):
    """The matched cases' lessons, the ones holding the most terms first,
    "avoid" and "advice" before "worked" at equal relevance, then in the
    order of their cases. A lesson holding none of the terms is kept only
    for the three most similar cases."""
    rank = {case.pk: i for i, case in enumerate(cases)}
    by_pk = {case.pk: case for case in cases}
    patterns = {}
    scored = []
    lessons = CaseLesson.objects.filter(page_id__in=list(rank)).only(
        "pk", "page_id", "kind", "text", "sort_order"
    )
    for lesson in lessons:
        case = by_pk[lesson.page_id]
        language = case.locale.language_code
        if language not in patterns:
            patterns[language] = [_term_pattern(term, language) for term in terms]
        score = sum(1 for pattern in patterns[language] if pattern.search(lesson.text))
        if not score and rank[case.pk] >= 3:
            continue
        order = (-score, lesson.kind not in FIRST_KINDS, rank[case.pk], lesson.sort_order or 0)
        scored.append((order, lesson, case))
    scored.sort(key=lambda item: item[0])
    return [(lesson, case) for _order, lesson, case in scored[:MAX_ITEMS]]


def find_plan(text, lang, languages):
    """The plan for a description (already validated) in the languages."""
    terms = distinctive_terms(clean_query(text), languages)
    if not terms:
        return Plan()
    params = SearchParams(query=" ".join(terms), lang=lang)
    queryset = searchable_cases(params).select_related("agency", "locale")

    def search(backend, engine):
        query = Words(terms, languages, any_word=True)
        similar = list(backend.search(query, queryset, operator="or")[:LESSON_CASES])
        stopped = list(
            backend.search(query, queryset.filter(status=CaseStatus.STOPPED), operator="or")[
                :MAX_ITEMS
            ]
        )
        return similar, stopped

    (similar, stopped), backend, degraded = answered(params, search)
    return Plan(
        terms=terms,
        lessons=rank_lessons(similar, terms),
        stopped=stopped,
        cases=similar[:MAX_ITEMS],
        backend=backend,
        degraded=degraded,
    )


def plan_as_json(plan, request):
    return {
        "lessons": [
            {
                "case": case.exchange_id,
                "title": case.title,
                "url": case.get_url(request),
                "kind": lesson.kind,
                "text": lesson.text,
            }
            for lesson, case in plan.lessons
        ],
        "stopped": [
            {
                "id": case.exchange_id,
                "title": case.title,
                "url": case.get_url(request),
                "agency": case.agency.name,
                "stopped_reason": {
                    "kind": case.stopped_reason_kind,
                    "text": case.stopped_reason_text,
                },
            }
            for case in plan.stopped
        ],
        "cases": [
            {
                "id": case.exchange_id,
                "title": case.title,
                "url": case.get_url(request),
                "agency": case.agency.name,
                "status": case.status,
            }
            for case in plan.cases
        ],
    }
