"""Lookups that only an edit in the admin changes (the site for a host name,
the home page's translation and children, which pages carry a view
restriction, the active locale, the taxonomy), kept in this worker process
for the current content generation (portal.page_cache) instead of one query
each per request. Every change to sites, pages and view restrictions bumps the
generation (portal.signals), which every application server reads, so a
worker never answers from a lookup older than the last change; the age limit
bounds what an evicted generation counter could otherwise keep alive."""

import random
import threading
import time
from collections import OrderedDict

from django.db import DatabaseError
from django.http.request import split_domain_port
from django.utils import translation
from wagtail.models import Locale, PageViewRestriction, Site
from wagtail.models.sites import get_site_for_hostname

from portal.fragments import content_generation
from portal.page_cache import current_request

# Each entry is kept for between one and two minutes, drawn when it is
# computed: workers started together would otherwise all compute everything
# again in the same second, every minute (about 100 ms each at 10,000 cases,
# the case facts most of it), and every request meanwhile waited.
MAX_AGE_SECONDS = 60
# Host names are checked against ALLOWED_HOSTS, but bound it anyway; shared
# fragments (portal.fragments) add one entry per page's translations.
MAX_ENTRIES = 2000


class ProcessMemo:
    """Values kept for the current content generation and at most a minute
    or two, the least recently used dropped beyond max_entries."""

    def __init__(self, max_entries):
        self.max_entries = max_entries
        self.entries = OrderedDict()
        self.lock = threading.Lock()  # the development server answers in threads

    def get(self, request, key, compute, keep=None):
        """compute() at most once per content generation, key and minute or
        two; keep(value) false: not kept (worth recomputing)."""
        generation = content_generation(request)
        now = time.monotonic()
        with self.lock:
            found = self.entries.get(key)
            if found is not None and found[0] == generation and now < found[1]:
                self.entries.move_to_end(key)
                return found[2]
        value = compute()
        if keep is None or keep(value):
            with self.lock:
                expires = now + MAX_AGE_SECONDS * (1 + random.random())  # noqa: S311
                self.entries[key] = (generation, expires, value)
                self.entries.move_to_end(key)
                if len(self.entries) > self.max_entries:
                    self.entries.popitem(last=False)
        return value


_shared = ProcessMemo(MAX_ENTRIES)


def memo(request, key, compute):
    """compute() at most once per content generation, key and minute or two
    in this process."""
    return _shared.get(request, key, compute)


def restricted_paths(request=None):
    """Tree paths of the pages with a view restriction (private sections)."""
    return memo(
        request,
        "restricted-paths",
        lambda: tuple(PageViewRestriction.objects.values_list("page__path", flat=True)),
    )


def active_locale(request=None):
    """Wagtail's Locale.get_active(), for the active language."""
    return memo(request, ("locale", translation.get_language()), Locale.get_active)


class ViewRestrictionsFromMemo:
    """For page models. Wagtail checks the view restrictions of every page it
    serves (two queries); while no page anywhere has one, none applies."""

    def get_view_restrictions(self):
        if not restricted_paths():
            return PageViewRestriction.objects.none()
        return super().get_view_restrictions()


def _site_for_host(hostname, port):
    try:
        site = get_site_for_hostname(hostname, port)
    except Site.DoesNotExist:
        return None
    # As its own model (the home page), so that routing starts from its methods.
    site.root_page = site.root_page.specific
    return site


def site_not_needed(view):
    """Marks a view that answers without the site (/livez, /healthz): it stays
    free of the cache call the memo needs."""
    view.site_not_needed = True
    return view


class KnownSiteMiddleware:
    """Gives Wagtail the request's site (request._wagtail_site, where
    Site.find_for_request keeps it) from the memo. After CommonMiddleware, so
    the host name has passed ALLOWED_HOSTS."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        token = current_request.set(request)
        try:
            return self.get_response(request)
        finally:
            current_request.reset(token)

    def process_view(self, request, view_func, view_args, view_kwargs):
        if getattr(view_func, "site_not_needed", False):
            return None
        hostname = split_domain_port(request.get_host())[0]
        port = request.get_port()
        try:
            request._wagtail_site = memo(
                request, ("site", hostname, port), lambda: _site_for_host(hostname, port)
            )
            # Where Page.get_url_parts looks first for every site's root path.
            request._wagtail_cached_site_root_paths = memo(
                request, "site-root-paths", Site.get_site_root_paths
            )
        except DatabaseError:
            pass  # the view meets the outage too, and answers for it
        return None
