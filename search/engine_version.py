"""At start-up, an Elasticsearch backend is checked against the installed
client and, when the node answers, against the node's version: a version the
portal was never run with stops it with a message that says what to do,
rather than a stack trace at the first search."""

import logging

from django.conf import settings
from django.core.exceptions import ImproperlyConfigured
from django.utils.module_loading import import_string

logger = logging.getLogger(__name__)

# Backend module -> the node (and client) major version it speaks.
ELASTICSEARCH_MAJORS = {
    "search.backends.elasticsearch7": 7,
    "search.backends.elasticsearch8": 8,
    "search.backends.elasticsearch9": 9,
}


def installed_client_major():
    try:
        return import_string("elasticsearch.VERSION")[0]
    except ImportError:
        return None


def check_elasticsearch(config=None, timeout=2):
    """Raise ImproperlyConfigured when SEARCH_URL's Elasticsearch backend
    cannot work: the wrong client installed, or a node of another major."""
    config = config or settings.WAGTAILSEARCH_BACKENDS["default"]
    wanted = ELASTICSEARCH_MAJORS.get(config["BACKEND"])
    if wanted is None:
        return
    client = installed_client_major()
    if client != wanted:
        raise ImproperlyConfigured(
            f"SEARCH_URL asks for Elasticsearch {wanted}.x, but the installed Python "
            f"client is {'missing' if client is None else f'{client}.x'}. This portal "
            "installs the 7.x client (requirements.lock) and is tested against "
            f"Elasticsearch 7.10; for {wanted}.x install elasticsearch~={wanted}.0 "
            "instead (docs/search.md)."
        )
    node = _node_version(config, timeout)
    if node is None:
        return  # not answering now: search falls back to the database meanwhile
    if int(node.split(".")[0]) != wanted:
        raise ImproperlyConfigured(
            f"SEARCH_URL names an Elasticsearch {node} node, but the portal is set up "
            f"for {wanted}.x (its Python client and backend). Use "
            f"elasticsearch{node.split('.')[0]}:// with that major's client, or a "
            f"{wanted}.x node (docs/search.md)."
        )


def _node_version(config, timeout):
    import elasticsearch

    options = {k: v for k, v in config.get("OPTIONS", {}).items() if k != "max_retries"}
    try:
        # The 7.x client names its time-out `timeout`; 8.x and 9.x `request_timeout`.
        named = "timeout" if elasticsearch.VERSION[0] < 8 else "request_timeout"
        client = elasticsearch.Elasticsearch(
            config["URLS"], max_retries=0, **{named: timeout}, **options
        )
        return client.info()["version"]["number"]
    except elasticsearch.UnsupportedProductError as error:
        raise ImproperlyConfigured(
            "SEARCH_URL names a node that is not Elasticsearch (for OpenSearch, "
            f"use opensearch://): {error}"
        ) from error
    except Exception:  # down or refusing: not a reason to refuse to start
        logger.warning("Elasticsearch did not answer at start-up", exc_info=True)
        return None
