"""Whole-page cache for anonymous readers.

A response is stored when the request is an anonymous GET (no session cookie)
and the response is a plain 200 that sets no cookie and does not forbid
caching; pages with forms set the CSRF cookie and so are never stored. Entries
carry the generation number that every content change bumps (see
portal.signals) and count only under the current one, so one increment
purges every page on every application server that shares the cache. They
also expire after PAGE_CACHE_SECONDS, since some pages change with the clock
(an activity that has started)."""

import time
from contextvars import ContextVar

from django.conf import settings
from django.core.cache import cache
from django.utils.cache import cc_delim_re

GENERATION_KEY = "page-cache:generation"
# The request being served (portal.process_memo.KnownSiteMiddleware), so that
# code without it reads the generation it already holds (portal.fragments).
current_request = ContextVar("current_request", default=None)
STORED_HEADERS = (
    "Content-Type",
    "Content-Language",
    "Vary",
    "Cache-Control",
    "Link",
    "Last-Modified",
    "ETag",
)


def _fresh_generation():
    """A start for the counter that no earlier one reached (microseconds since
    the epoch), so after a flushed or evicted counter nothing stored under an
    old number counts again, process memos included (portal.process_memo)."""
    return time.time_ns() // 1000


def current_generation():
    generation = cache.get(GENERATION_KEY)
    if generation is None:
        start = _fresh_generation()
        cache.add(GENERATION_KEY, start, timeout=None)
        generation = cache.get(GENERATION_KEY, start)
    return generation


def purge():
    """Invalidate every cached page (cheap: one counter)."""
    try:
        cache.incr(GENERATION_KEY)
    except ValueError:  # not set yet, or evicted
        cache.add(GENERATION_KEY, _fresh_generation(), timeout=None)
    # The rest of this request sees its own change too.
    request = current_request.get()
    if request is not None:
        request.__dict__.pop("_content_generation", None)


def _cacheable_request(request):
    if request.method not in ("GET", "HEAD"):
        return False
    if settings.SESSION_COOKIE_NAME in request.COOKIES or "messages" in request.COOKIES:
        return False
    return not request.path.startswith(settings.PAGE_CACHE_SKIP_PATHS)


def _cacheable_response(request, response):
    if response.status_code != 200 or response.streaming or response.cookies:
        return False
    if request.META.get("CSRF_COOKIE_NEEDS_UPDATE"):
        return False
    control = {d.strip().lower() for d in cc_delim_re.split(response.get("Cache-Control", ""))}
    return not control & {"private", "no-cache", "no-store"}


class AnonymousPageCacheMiddleware:
    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        if not settings.PAGE_CACHE_SECONDS or not _cacheable_request(request):
            return self.get_response(request)
        # One round trip for the generation and the page: an entry stored
        # under an older generation is stale. The scheme is part of the key
        # (links and redirects differ): X-Forwarded-Proto only counts from a
        # trusted proxy (core.client_address).
        key = f"page-cache:{request.scheme}:{request.get_host()}:{request.get_full_path()}"
        found = cache.get_many([GENERATION_KEY, key])
        generation = found.get(GENERATION_KEY) or current_generation()
        request._content_generation = generation  # portal.fragments reads it
        stored = found.get(key)
        if stored is not None and stored[0] == generation:
            from django.http import HttpResponse

            _generation, content, headers = stored
            response = HttpResponse(content)
            for name, value in headers:
                response[name] = value
            response["X-Page-Cache"] = "hit"
            return response
        response = self.get_response(request)
        if _cacheable_response(request, response):
            headers = [(h, response[h]) for h in STORED_HEADERS if response.has_header(h)]
            cache.set(key, (generation, response.content, headers), settings.PAGE_CACHE_SECONDS)
            response["X-Page-Cache"] = "miss"
        return response
