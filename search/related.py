"""Cases like a case by their content ("more like this"), for the case
page's related cases (cases.models.CaseStudyPage.related_cases asks through
the `case_content_neighbours` hook, search/wagtail_hooks.py).

On an engine: its `more_like_this` query on the case's text, in the case's
language's analysed sub-fields. On the database (or when the engine does not
answer): the case's most distinctive words (title, summary and lessons,
weighed by how few cases hold them, search.vocabulary) as a query of any of
them through the database backend. Either way one request, at most
CANDIDATES cases, the case itself left out."""

import logging
import math
from collections import Counter

from django.conf import settings

from cases.models import CaseStudyPage
from core.languages import language_codes
from search.backends.query import Words
from search.engine import engine_available, mark_unavailable
from search.health import backend_name
from search.service import database_backend, search_backend
from search.text import STOP_WORDS, WORD, plain_text
from search.vocabulary import MIN_LENGTH, vocabularies

logger = logging.getLogger(__name__)

CANDIDATES = 20
# The most distinctive words of a case asked for on the database.
DISTINCTIVE_WORDS = 20
# A word more than this share of the cases hold says nothing about a case.
COMMON_SHARE = 0.5
# How much of a case's text the engine is given to find cases like it.
MAX_TEXT = 5_000


def case_text(page):
    """The case's words that say what it is about, strongest first."""
    lessons = [lesson.text for lesson in page.lessons.all()]
    texts = [page.title, page.summary, *lessons, page.challenge, page.approach, page.results]
    return " ".join(plain_text(text) for text in texts if text)


def content_neighbours(page):
    """[(pk, score)] of the cases most like the page, best first. Scores
    compare only within one list (their sign and scale are the backend's)."""
    language = page.locale.language_code
    if backend_name() != "database" and engine_available():
        try:
            return engine_neighbours(page, language)
        except Exception:  # down, refused or timed out: the database answers
            logger.warning("search engine did not answer; related by the database", exc_info=True)
            mark_unavailable()
    return database_neighbours(page, language)


def engine_neighbours(page, language):
    backend = search_backend()
    index = backend.get_index_for_model(page.specific_class)
    body = {
        "query": {
            "bool": {
                "must": {
                    "more_like_this": {
                        "fields": [f"title.{language}", f"_all_text.{language}"],
                        "like": case_text(page)[:MAX_TEXT],
                        "min_term_freq": 1,
                        "min_doc_freq": 1,
                        "max_query_terms": 25,
                        "minimum_should_match": 1,
                    }
                },
                "must_not": {"ids": {"values": [str(page.pk)]}},
            }
        },
        "size": CANDIDATES,
        "_source": False,
    }
    timeout = getattr(settings, "SEARCH_ENGINE_QUERY_TIMEOUT", 2)
    if backend.use_new_elasticsearch_api:
        response = backend.es.search(index=index.name, request_timeout=timeout, **body)
    else:
        response = backend.es.search(index=index.name, body=body, request_timeout=timeout)
    return [(int(hit["_id"]), hit["_score"]) for hit in response["hits"]["hits"]]


def distinctive_words(page, language):
    """The words of the case's title (counted three times), summary (twice),
    lessons and texts with the most weight: how often the case says them times how few cases
    (in every language) hold them. Words most cases hold are left out."""
    known = vocabularies(language_codes())
    cases = sum(each.cases for each in known)
    lessons = [lesson.text for lesson in page.lessons.all()]
    # The title counts three times, the summary twice.
    texts = [page.title] * 3 + [page.summary] * 2 + lessons
    texts += [page.challenge, page.approach, page.results]
    counts = Counter(
        word
        for text in texts
        for word in WORD.findall(plain_text(text).lower())
        if len(word) >= MIN_LENGTH and not word.isdigit() and word not in STOP_WORDS[language]
    )
    held = {word: sum(each.frequency.get(word, 0) for each in known) for word in counts}
    common = max(3, cases * COMMON_SHARE)
    weighed = {
        word: count * math.log((cases + 1) / (held[word] + 0.5))
        for word, count in counts.items()
        if held[word] <= common
    }
    return sorted(weighed, key=lambda word: (-weighed[word], word))[:DISTINCTIVE_WORDS]


def database_neighbours(page, language):
    words = distinctive_words(page, language)
    if not words:
        return []
    # The index holds only published, public cases; the caller reads them again.
    candidates = CaseStudyPage.objects.exclude(pk=page.pk).only("pk")
    results = database_backend().search(
        Words(words, [language], any_word=True), candidates, operator="or"
    )
    return [(case.pk, case._score) for case in results.annotate_score("_score")[:CANDIDATES]]
