"""The database backend: modelsearch's own, extended for the reader's words
(search.backends.query.Words) through its query compiler: sqlite.py and
postgres.py. Other databases use modelsearch unchanged."""

from django.db import connection
from modelsearch.backends.database import SearchBackend as default_backend


def SearchBackend(params):  # noqa: N802 (modelsearch looks this name up)
    # The vendor's module is imported only for its vendor: the PostgreSQL one
    # needs psycopg, the SQLite one the FTS5 table.
    if connection.vendor == "postgresql":
        from .postgres import LocalisedPostgresSearchBackend

        return LocalisedPostgresSearchBackend(params)
    if connection.vendor == "sqlite":
        from .sqlite import StemmedSQLiteSearchBackend

        return StemmedSQLiteSearchBackend(params)
    return default_backend(params)
