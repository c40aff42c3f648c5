"""Keeps a remote search engine (OpenSearch, Elasticsearch) in step with the
database, in the background.

modelsearch updates each backend as a change is saved and only logs a
failure, so what was published while the engine was down would never reach
it. The remote backend is therefore configured with AUTO_UPDATE off, and
instead every change to an indexed object writes a PendingIndexUpdate row in
the change's own transaction. The `sync_search_engine` task sends the pending
rows to the engine and deletes them only once the engine has taken them;
while it is down they wait and the task tries again later. It is enqueued
after each committed change and when the engine comes back (search/engine.py).
"""

import logging
from collections import defaultdict
from functools import partial

from django.apps import apps
from django.conf import settings
from django.db import connection, transaction
from django.db.models import F
from django.db.models.signals import post_delete, post_save
from django_tasks import task
from modelsearch import index
from modelsearch.backends import get_search_backend
from modelsearch.signal_handlers import post_save_signal_handler
from wagtail.models import Page, PageViewRestriction
from wagtail.signals import page_published, post_page_move

from core.tasks import retry_once, tasks_run_inline
from search.engine import engine_available, engine_back, mark_unavailable
from search.models import PendingIndexUpdate

logger = logging.getLogger(__name__)
BATCH = 200
RETRY_KEY = "search-sync-retry"


def queued_backend_alias():
    """The remote backend kept up to date through the queue, if there is one."""
    for alias, config in settings.WAGTAILSEARCH_BACKENDS.items():
        if config.get("AUTO_UPDATE", True) is False and "database" not in config["BACKEND"]:
            return alias
    return None


def note_change(instance, **kwargs):
    """post_save / post_delete handler for every indexed model."""
    if kwargs.get("raw") or queued_backend_alias() is None:
        return
    label, pk = instance._meta.label_lower, str(instance.pk)
    rows = PendingIndexUpdate.objects.filter(model=label, object_id=pk)
    if not rows.update(version=F("version") + 1):
        PendingIndexUpdate.objects.bulk_create(
            [PendingIndexUpdate(model=label, object_id=pk)], ignore_conflicts=True
        )
    schedule_sync()


def _enqueue_sync():
    sync_search_engine.enqueue()


def after_commit(enqueue):
    """Once the transaction commits; at once when tasks run inline, so that a
    change is searchable as soon as it is saved. Once per transaction."""
    if not connection.in_atomic_block or tasks_run_inline():
        enqueue()
    elif not any(callback is enqueue for _sids, callback, _robust in connection.run_on_commit):
        transaction.on_commit(enqueue)


def schedule_sync():
    after_commit(_enqueue_sync)


def _send(backend, rows):
    by_model = defaultdict(list)
    for row in rows:
        by_model[row.model].append(row.object_id)
    for label, ids in by_model.items():
        model = apps.get_model(label)
        found = {str(obj.pk): obj for obj in model._default_manager.filter(pk__in=ids)}
        to_add = defaultdict(list)
        for object_id in ids:
            indexed = index.get_indexed_instance(found[object_id]) if object_id in found else None
            if indexed is None:
                backend.delete(model(pk=object_id))
            else:
                to_add[type(indexed)].append(indexed)
        for indexed_model, objects in to_add.items():
            _ensure_index(backend, indexed_model)
            backend.add_bulk(indexed_model, objects)


def _ensure_index(backend, model):
    """Adding to a missing index would make the engine guess its mapping; make
    it with ours instead (rebuild_modelsearch_index normally has)."""
    index = backend.get_index_for_model(model)
    if hasattr(index, "exists") and not index.exists():
        index.put()
        index.add_model(model)


def sync_when_back(**kwargs):
    """engine_back handler: the engine answers again; send what waited."""
    schedule_sync()


def _refused(error):
    """Whether the change can never be sent: its model is gone, or the engine
    rejects the document (a 4xx); not an overload (429) or the engine's own
    failure (5xx), which a later try may get past."""
    if isinstance(error, LookupError):
        return True
    # A bulk request's error lists each document's status; another error has one.
    statuses = [
        result.get("status") for item in getattr(error, "errors", ()) for result in item.values()
    ] or [getattr(error, "status_code", None)]
    return all(isinstance(s, int) and 400 <= s < 500 and s != 429 for s in statuses)


def _send_each(backend, rows):
    """The rows one by one, once sending them together failed. A row the
    engine refuses (_refused()) is left out with an error logged: kept, it
    would hold up every row after it for ever. Raises on any other failure."""
    if not engine_available(force=True):
        raise ConnectionError("the search engine does not answer")
    for row in rows:
        try:
            _send(backend, [row])
        except Exception as error:
            if not _refused(error):
                raise
            logger.error(
                "the search engine refused %s %s; left out", row.model, row.object_id, exc_info=True
            )


def _send_batch(backend, rows):
    """The rows together, else one by one (_send_each())."""
    try:
        _send(backend, rows)
    except Exception:
        _send_each(backend, rows)


@task()
def sync_search_engine():
    """Send pending changes to the engine; returns how many were sent."""
    alias = queued_backend_alias()
    if alias is None:
        return 0
    if not engine_available():
        retry_once(sync_search_engine, RETRY_KEY)
        return 0
    backend = get_search_backend(alias)
    sent = 0
    while rows := list(PendingIndexUpdate.objects.order_by("pk")[:BATCH]):
        try:
            _send_batch(backend, rows)
        except Exception:  # the engine does not answer, or not now: keep the rows, try later
            logger.warning("search engine unreachable; %d changes wait", len(rows), exc_info=True)
            mark_unavailable()
            retry_once(sync_search_engine, RETRY_KEY)
            return sent
        for row in rows:
            # A change saved while this row was being sent raised its version: keep it.
            PendingIndexUpdate.objects.filter(pk=row.pk, version=row.version).delete()
        sent += len(rows)
    return sent


def index_in_database(instance, **kwargs):
    """post_save handler: the database index (every backend with AUTO_UPDATE)
    takes the change in the saving transaction, not later from the queue.

    What is indexed is read back from the database, never the saved instance:
    "Save draft" saves a live page with the draft's text on it (in its fields,
    lessons and tags) while its row keeps the live revision. An object that
    is no longer indexable (unpublished, private) leaves the index."""
    if kwargs.get("raw"):
        return
    stored = type(instance)._default_manager.filter(pk=instance.pk).first()
    indexed = index.get_indexed_instance(stored) if stored is not None else None
    if indexed is None:
        index.remove_object(instance)
    else:
        index.insert_or_update_object(indexed)


def index_section(page_id):
    """A page and the pages under it, again: a view restriction added or
    removed, or a move, changes which of them readers can see."""
    root = Page.objects.filter(pk=page_id).first()
    if root is None:
        return
    index_again(Page.objects.descendant_of(root, inclusive=True).specific(defer=True))


def index_again(pages):
    """The pages indexed again: in the database and in the engine's queue."""
    for page in pages:
        index_in_database(page)
        note_change(page)


def index_restricted_section(instance, **kwargs):
    """post_save / post_delete handler for PageViewRestriction."""
    if not kwargs.get("raw"):
        index_section(instance.page_id)


def index_moved_section(instance, parent_page_before=None, parent_page_after=None, **kwargs):
    """post_page_move handler: under another parent, perhaps a private one."""
    if parent_page_before != parent_page_after:
        index_section(instance.pk)


@task()
def reindex_named_cases(model_label, translation_key):
    """The cases that name an agency or a theme (in any language), indexed
    again after it changed: a case is found by their names."""
    field = {"cases.agency": "agency", "cases.theme": "themes"}[model_label]
    cases = apps.get_model("cases", "CaseStudyPage").objects.filter(
        **{f"{field}__translation_key": translation_key}
    )
    with transaction.atomic():
        # Each is read again as stored (index_in_database()): its key is enough.
        index_again(cases.distinct().only("pk").iterator())


def name_changed(instance, created=False, **kwargs):
    """post_save handler for Agency and Theme: a new one names no case yet."""
    if kwargs.get("raw") or created:
        return
    after_commit(
        partial(
            reindex_named_cases.enqueue, instance._meta.label_lower, str(instance.translation_key)
        )
    )


def connect_signals():
    """Called once modelsearch has connected its handlers (search.wagtail_search_app)."""
    for model in index.get_indexed_models():
        if getattr(model, "search_auto_update", True):
            post_save.disconnect(post_save_signal_handler, sender=model)
            post_save.connect(
                index_in_database, sender=model, dispatch_uid=f"index_in_database_{model}"
            )
            post_save.connect(note_change, sender=model, dispatch_uid=f"note_change_{model}")
            post_delete.connect(note_change, sender=model, dispatch_uid=f"note_delete_{model}")
    page_published.connect(index_published_page, dispatch_uid="note_change_published")
    post_save.connect(
        index_restricted_section,
        sender=PageViewRestriction,
        dispatch_uid="index_restricted_section",
    )
    post_delete.connect(
        index_restricted_section,
        sender=PageViewRestriction,
        dispatch_uid="index_unrestricted_section",
    )
    post_page_move.connect(index_moved_section, dispatch_uid="index_moved_section")
    for label in ("cases.agency", "cases.theme"):
        post_save.connect(name_changed, sender=label, dispatch_uid=f"name_changed_{label}")
    # Back again: send what changed while it was away.
    engine_back.connect(sync_when_back, dispatch_uid="sync_when_back")


def index_published_page(instance, **kwargs):
    """A page's many-to-many fields (a case's themes) are saved after
    post_save, where the page went into the database index and the engine's
    queue: it goes again once published, with them."""
    note_change(instance, **kwargs)
    index_in_database(instance, **kwargs)
