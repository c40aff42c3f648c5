"""Reachability of a remote search engine, remembered briefly so a dead engine
costs one short time-out every few seconds rather than one per request."""

import time

from modelsearch.backends import get_search_backend

_CHECK_EVERY = 5.0
_state = {"checked": 0.0, "up": True}


def engine_available(force=False):
    now = time.monotonic()
    if force or now - _state["checked"] > _CHECK_EVERY:
        try:
            _state["up"] = bool(get_search_backend().es.ping(request_timeout=1))
        except Exception:  # any transport error: the engine is not usable now
            _state["up"] = False
        _state["checked"] = now
    return _state["up"]


def mark_unavailable():
    _state.update(checked=time.monotonic(), up=False)
