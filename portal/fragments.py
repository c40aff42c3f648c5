"""Data that many pages share (the menus, a page's translations, its related
cases), kept in the cache under the content generation that every change to
content bumps (portal.page_cache), so one publish refreshes it on every
application server. Unlike the whole-page cache this also serves logged-in
users and pages with forms: what is stored here is the same for everyone."""

from django.conf import settings
from django.core.cache import cache

from portal.page_cache import current_generation, current_request


def content_generation(request):
    """The generation, read once per request (the one being served when
    request is None)."""
    request = request or current_request.get()
    if request is None:
        return current_generation()
    if not hasattr(request, "_content_generation"):
        request._content_generation = current_generation()
    return request._content_generation


def remember(request, key, compute):
    """compute() once per content generation and key (FRAGMENT_CACHE_SECONDS,
    0 to compute every time): kept in the shared cache for every application
    server, and in this worker (portal.process_memo), which then reads the
    shared cache once per key and generation instead of once per request.
    key must name everything the value depends on besides content: language,
    host, page. Requests share the value: never change it."""
    if not settings.FRAGMENT_CACHE_SECONDS:
        return compute()
    from portal.process_memo import memo  # which imports this module

    full_key = f"fragment:{content_generation(request)}:{key}"

    def shared():
        value = cache.get(full_key)
        if value is None:
            value = compute()
            cache.set(full_key, value, settings.FRAGMENT_CACHE_SECONDS)
        return value

    return memo(request, ("fragment", key), shared)
