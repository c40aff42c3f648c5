"""Responses made for one person carry `Cache-Control: private, no-store`, so
that no shared cache, proxy or browser history keeps them, and neither
Django's cache middleware nor nginx stores them (portal.http_cache).

A response is for one person when the request comes with a session that holds
something (a signed-in user, a registration just made, a kept form), when the
request changed its session (logging in), or when it is a draft preview. The
session is only read when the browser sent its cookie, so anonymous pages stay
cacheable and do not vary on the cookie."""

from django.conf import settings
from django.utils.cache import patch_cache_control


def is_private(request):
    if getattr(request, "is_preview", False):
        return True
    session = getattr(request, "session", None)
    if session is None:
        return False
    if session.modified:
        return True
    return settings.SESSION_COOKIE_NAME in request.COOKIES and not session.is_empty()


class PrivateResponseMiddleware:
    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        response = self.get_response(request)
        if is_private(request):
            patch_cache_control(response, private=True, no_store=True)
        return response
