"""Cache-Control for Wagtail pages served to anonymous readers.

A page is public when it is a plain 200 from Wagtail's page view, asked for
with GET or HEAD by a reader without a session (core.private_responses), and
sets no cookie (a form's CSRF token, a message shown once): it then carries
`public, max-age=PAGE_CACHE_SECONDS, s-maxage=PAGE_CACHE_SHARED_SECONDS`.
Browsers, Django's cache middleware and nginx's proxy_cache keep it by those
numbers; nothing else is marked, so searches (each one is logged), previews,
forms, the admin and the health checks are never kept. A view that sets its
own Cache-Control keeps it."""

from django.conf import settings
from django.utils.cache import cc_delim_re, patch_cache_control, patch_vary_headers

from core.private_responses import is_private


def is_public(request, response):
    match = request.resolver_match
    return bool(
        (settings.PAGE_CACHE_SECONDS or settings.PAGE_CACHE_SHARED_SECONDS)
        and request.method in ("GET", "HEAD")
        and response.status_code == 200
        and not response.streaming
        and match is not None
        and match.url_name == "wagtail_serve"
        and not response.has_header("Cache-Control")
        and not response.cookies
        and not request.META.get("CSRF_COOKIE_NEEDS_UPDATE")
        and not is_private(request)
    )


class PublicPageCacheMiddleware:
    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        response = self.get_response(request)
        if is_public(request, response):
            patch_cache_control(
                response,
                public=True,
                max_age=settings.PAGE_CACHE_SECONDS,
                s_maxage=settings.PAGE_CACHE_SHARED_SECONDS,
            )
            # A signed-in person's request (it has a cookie) never gets this copy.
            patch_vary_headers(response, ("Cookie",))
            # Pages take their language from the path (/en/…), never from
            # Accept-Language: one copy per page, not one per browser language.
            vary = cc_delim_re.split(response["Vary"])
            response["Vary"] = ", ".join(v for v in vary if v.lower() != "accept-language")
        return response
