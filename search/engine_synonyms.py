"""Synonyms on the engines (OpenSearch, Elasticsearch 7): a search-time
`synonym_graph` filter per language in the index's analysis settings, used by
the `.sv`/`.en` sub-fields' search analysers (search/backends/engines.py).

Indexing is untouched, so a change to the list needs no reindex: the
`update_engine_synonyms` task closes each index, replaces its analysis
settings and opens it again (the engine reads analysers when an index
opens; inline synonyms cannot be reloaded otherwise). It is queued after a
SynonymGroup is saved or deleted; a new index (rebuild) gets the list as it
is then. While an index is closed its searches fail over to the database."""

import logging

from django.db import connection, transaction
from django_tasks import task
from modelsearch.backends import get_search_backend
from modelsearch.index import get_indexed_models

from core.tasks import retry_once, tasks_run_inline
from search.synonyms import forget, solr_rules

logger = logging.getLogger(__name__)
RETRY_KEY = "search-synonyms-retry"

SEARCH_ANALYZERS = {"sv": "portal_sv_search", "en": "portal_en_search"}


def analysis():
    """The `analysis` index settings: per language, the built-in analyser's
    steps (lower case, Snowball stems, stop words) with the synonyms applied
    to the stems, so "chattbotar" meets the "chattbot" group. The engine
    parses each rule through the steps before the filter: the rules are
    stemmed as the query is."""
    filters, analyzers = {}, {}
    steps = {
        "sv": [("stemmer", {"type": "stemmer", "language": "swedish"})],
        "en": [
            ("possessive", {"type": "stemmer", "language": "possessive_english"}),
            ("stemmer", {"type": "stemmer", "language": "english"}),
        ],
    }
    stop_words = {"sv": "_swedish_", "en": "_english_"}
    for language, analyzer in SEARCH_ANALYZERS.items():
        names = []
        for step, definition in steps[language]:
            filters[f"portal_{language}_{step}"] = definition
            names.append(f"portal_{language}_{step}")
        filters[f"portal_{language}_synonyms"] = {
            "type": "synonym_graph",
            # A rule the engine cannot parse is skipped, not a broken index.
            "lenient": True,
            "synonyms": solr_rules(language),
        }
        filters[f"portal_{language}_stop"] = {"type": "stop", "stopwords": stop_words[language]}
        chain = ["lowercase", *names, f"portal_{language}_synonyms", f"portal_{language}_stop"]
        if language == "en":  # the possessive before lower case, as the built-in one
            chain = [names[0], "lowercase", *names[1:], chain[-2], chain[-1]]
        analyzers[analyzer] = {"type": "custom", "tokenizer": "standard", "filter": chain}
    return {"filter": filters, "analyzer": analyzers}


def index_names(backend):
    """The concrete indexes behind the backend's aliases and names."""
    names = set()
    for model in get_indexed_models():
        index = backend.get_index_for_model(model)
        if index is not None and index.exists():
            names.update(backend.es.indices.get(index=index.name).keys())
    return sorted(names)


def apply_synonyms(backend):
    """Replace the synonyms of every index of the backend; the index names."""
    es = backend.es
    names = index_names(backend)
    for name in names:
        es.indices.close(index=name)
        try:
            es.indices.put_settings(index=name, body={"analysis": analysis()})
        finally:
            es.indices.open(index=name)
    if names:
        try:
            # The engine's own wait (30 s; opensearch-py reads `timeout` as
            # its connection's) within the client's.
            es.cluster.health(index=",".join(names), wait_for_status="yellow", request_timeout=40)
        except Exception:  # the change is made: nothing to try again
            logger.warning("the indexes were slow to open again", exc_info=True)
    return names


def engine_alias():
    from django.conf import settings

    for alias, config in settings.WAGTAILSEARCH_BACKENDS.items():
        if "database" not in config["BACKEND"]:
            return alias
    return None


@task()
def update_engine_synonyms():
    """The task: the engine's indexes get the list as it is now."""
    alias = engine_alias()
    if alias is None:
        return []
    forget()
    try:
        return apply_synonyms(get_search_backend(alias))
    except Exception:  # down or refused: try again later
        logger.warning("could not update the engine's synonyms", exc_info=True)
        retry_once(update_engine_synonyms, RETRY_KEY)
        return []


def synonyms_changed(**kwargs):
    """post_save / post_delete of a SynonymGroup: the database backends read
    the list again at the next search, the engines once the change commits."""
    forget()
    if engine_alias() is None:
        return
    # Inline (no worker) at once, as the index updates (search.indexing).
    if not connection.in_atomic_block or tasks_run_inline():
        update_engine_synonyms.enqueue()
    else:
        transaction.on_commit(update_engine_synonyms.enqueue)
