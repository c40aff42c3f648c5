"""Reachability of a remote search engine, remembered briefly so a dead engine
costs one short time-out every few seconds rather than one per request."""

import functools
import time

from django.conf import settings
from django.dispatch import Signal
from modelsearch.backends import get_search_backend

_CHECK_EVERY = 5.0
_state = {"checked": 0.0, "up": None}  # None: not asked yet in this process
# Sent when the engine answers again (search.indexing sends what changed meanwhile).
engine_back = Signal()


@functools.lru_cache(maxsize=4)
def _client(config):
    """One client (and connection pool) per process and configuration: a fresh
    one per check costs a new connection, which under load can miss the time-out."""
    return get_search_backend().es


def engine_available(force=False):
    now = time.monotonic()
    if force or now - _state["checked"] > _CHECK_EVERY:
        was_up = _state["up"]
        try:
            timeout = getattr(settings, "SEARCH_ENGINE_QUERY_TIMEOUT", 2)
            client = _client(repr(settings.WAGTAILSEARCH_BACKENDS["default"]))
            _state["up"] = bool(client.ping(request_timeout=timeout))
        except Exception:  # any transport error: the engine is not usable now
            _state["up"] = False
        _state["checked"] = now
        if _state["up"] and not was_up:
            engine_back.send(sender=None)
    return _state["up"]


def mark_unavailable():
    _state.update(checked=time.monotonic(), up=False)
