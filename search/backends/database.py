"""The database backend: modelsearch's own, except that on PostgreSQL each
object is indexed with the text-search configuration of its language
(Swedish pages with `swedish`, English with `english`), so stemming follows
the page's language. SQLite and other databases use modelsearch unchanged."""

import threading
from collections import defaultdict

from django.db import connection
from modelsearch.backends.database import SearchBackend as default_backend

from .language import text_search_config

_index_lock = threading.Lock()


def SearchBackend(params):  # noqa: N802 (modelsearch looks this name up)
    if connection.vendor != "postgresql":
        return default_backend(params)

    from modelsearch.backends.database.postgres.postgres import (
        PostgresIndex,
        PostgresSearchBackend,
    )

    class LocalisedPostgresIndex(PostgresIndex):
        def add_items(self, model, objs):
            groups = defaultdict(list)
            for obj in objs:
                groups[text_search_config(obj)].append(obj)
            backend = self.backend
            with _index_lock:  # the indexer reads backend.config
                saved = backend.config
                try:
                    for config, items in groups.items():
                        backend.config = config
                        super().add_items(model, items)
                finally:
                    backend.config = saved

    class LocalisedPostgresSearchBackend(PostgresSearchBackend):
        index_class = LocalisedPostgresIndex

    return LocalisedPostgresSearchBackend(params)
