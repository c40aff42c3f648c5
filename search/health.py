"""Is the configured search engine reachable? Used by /healthz and the search page."""

from django.conf import settings

from search.engine import engine_available


def backend_name():
    path = settings.WAGTAILSEARCH_BACKENDS["default"]["BACKEND"]
    if "opensearch" in path:
        return "opensearch"
    if "elasticsearch" in path:
        return "elasticsearch"
    return "database"


def search_health():
    """(status, backend): the database backend is always "ok" while the database is."""
    name = backend_name()
    if name == "database":
        return "ok", name
    return ("ok" if engine_available() else "degraded"), name
