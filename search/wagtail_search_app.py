"""Wagtail's search app, with the database index written in the saving
transaction (installed in place of "wagtail.search").

modelsearch hands each save to the task queue, and a worker writes the
database index entry later: behind a backlog (an import of many cases) a
case published a minute ago was not found, and while the remote engine is
down the database index is all a search has. The entry is a row in the same
database, so it is written with the save instead; the remote engine still
goes through the queue (search/indexing.py)."""

from wagtail.search.apps import WagtailSearchAppConfig


class WagtailSearchConfig(WagtailSearchAppConfig):
    def ready(self):
        super().ready()
        from search.indexing import connect_signals

        connect_signals()
