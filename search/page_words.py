"""Words read from the published pages (search.vocabulary, search.spelling),
read once for every application server: kept in Django's cache (CACHES) and
in each process for as long as Wagtail's page log has no newer entry (a
publish, unpublish or move), and at most a given number of seconds."""

import threading
import time

from django.core.cache import cache

from cases.models import last_page_change

_kept = {}  # cache key -> (read at, page change, value)
_lock = threading.Lock()


def per_page_change(key, read, seconds, changed=None):
    """read()'s value, read again after a page change or `seconds`.
    changed: last_page_change(), when the caller has it."""
    changed = last_page_change() if changed is None else changed
    now = time.monotonic()
    kept = _kept.get(key)
    if kept and kept[1] == changed and now - kept[0] < seconds:
        return kept[2]
    shared = cache.get(key)
    if shared is None or shared[0] != changed:
        with _lock:
            shared = (changed, read())
        cache.set(key, shared, seconds)
    _kept[key] = (now, *shared)
    return shared[1]


def forget(keys):
    """Read the values again at their next use (tests)."""
    with _lock:
        cache.delete_many(keys)
        for key in keys:
            _kept.pop(key, None)
