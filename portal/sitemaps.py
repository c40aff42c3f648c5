"""The sitemap of every live public page with its translations, and robots.txt."""

from django.contrib.sitemaps import Sitemap
from django.http import HttpResponse
from django.urls import reverse
from django.utils import translation
from django.views.decorators.cache import cache_control
from wagtail.models import Page

from core.languages import language_codes
from core.seo import absolute
from portal.models import HomePage


class PageSitemap(Sitemap):
    """Every live public page in every language, each with its translations
    as <xhtml:link rel="alternate" hreflang="…">."""

    limit = 5000

    def __init__(self, request=None):
        self.request = request

    def items(self):
        home_paths = list(HomePage.objects.live().values_list("path", flat=True))
        query = Page.objects.none()
        for path in home_paths:
            query = query | Page.objects.filter(path__startswith=path)
        return query.live().public().select_related("locale").order_by("path")

    def _urls(self, page, protocol, domain):
        groups = {}
        items = list(self.paginator.page(page).object_list)
        for item in items:
            url = item.get_url(self.request)
            if url:
                groups.setdefault(item.translation_key, []).append(
                    (item, item.locale.language_code, absolute(self.request, url))
                )
        urls = []
        for item in items:
            members = groups.get(item.translation_key, [])
            own = next((m for m in members if m[0].pk == item.pk), None)
            if own is None:
                continue
            alternates = []
            if len(members) > 1:
                alternates = [{"lang_code": lang, "location": loc} for _p, lang, loc in members]
                default = next((loc for _p, lang, loc in members if lang == "sv"), None)
                if default:
                    alternates.append({"lang_code": "x-default", "location": default})
            urls.append(
                {
                    "item": item,
                    "location": own[2],
                    "lastmod": item.last_published_at,
                    "changefreq": None,
                    "priority": None,
                    "alternates": alternates,
                }
            )
        self.latest_lastmod = max((u["lastmod"] for u in urls if u["lastmod"]), default=None)
        return urls


def sitemap(request):
    from django.contrib.sitemaps.views import sitemap as django_sitemap

    return django_sitemap(request, sitemaps={"pages": PageSitemap(request)})


def search_paths():
    """The search page in every language (/sok/, /en/search/): its results are
    for people, not for a search engine's index."""
    paths = []
    for language in language_codes():
        with translation.override(language):
            paths.append(reverse("search"))
    return paths


@cache_control(max_age=86400, public=True)
def robots_txt(request):
    lines = [
        "User-agent: *",
        "Disallow: /admin/",
        "Disallow: /api/",
        "Allow: /api/v2/",
        *(f"Disallow: {path}" for path in search_paths()),
        f"Sitemap: {request.build_absolute_uri(reverse('sitemap'))}",
        "",
    ]
    return HttpResponse("\n".join(lines), content_type="text/plain; charset=utf-8")
