"""What search engines and other sites read: sitemap.xml with hreflang
alternates for both languages, robots.txt, Open Graph data and JSON-LD."""

import json

from django.contrib.sitemaps import Sitemap
from django.http import HttpResponse
from django.urls import reverse
from django.utils.safestring import mark_safe
from django.views.decorators.cache import cache_control
from wagtail.models import Page

OG_LOCALES = {"sv": "sv_SE", "en": "en_GB"}
SPEECH_LANGUAGES = {"sv": "sv-SE", "en": "en-GB"}


def absolute(request, url):
    """An absolute URL for a root-relative one, from the request's own host."""
    if not url or url.startswith(("http://", "https://")):
        return url
    return request.build_absolute_uri(url) if request is not None else url


def translations_of(page, request):
    """[(language, url)] of the live public translations of a page, itself
    included (root-relative URLs unless the page is on another site)."""
    pages = Page.objects.live().public().filter(translation_key=page.translation_key)
    result = []
    for other in pages.select_related("locale").order_by("locale__language_code"):
        url = other.get_url(request)
        if url:
            result.append((other.locale.language_code, url))
    return result


class PageSitemap(Sitemap):
    """Every live public page in every language, each with its translations
    as <xhtml:link rel="alternate" hreflang="…">."""

    limit = 5000

    def __init__(self, request=None):
        self.request = request

    def items(self):
        from portal.models import HomePage

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


@cache_control(max_age=86400, public=True)
def robots_txt(request):
    lines = [
        "User-agent: *",
        "Disallow: /admin/",
        "Disallow: /api/",
        "Allow: /api/v2/",
        f"Sitemap: {request.build_absolute_uri(reverse('sitemap'))}",
        "",
    ]
    return HttpResponse("\n".join(lines), content_type="text/plain; charset=utf-8")


def json_ld_script(data):
    """A <script type="application/ld+json"> block: data, never executed, so a
    strict CSP allows it. <, > and & are escaped so the text cannot end the tag."""
    text = json.dumps(data, ensure_ascii=False, separators=(",", ":"), default=str)
    text = text.replace("<", "\\u003c").replace(">", "\\u003e").replace("&", "\\u0026")
    return mark_safe(f'<script type="application/ld+json">{text}</script>')  # noqa: S308


def hero_rendition(page):
    image = getattr(page, "hero_image", None)
    if image is None:
        return None
    try:
        return image.get_rendition("fill-1200x630|format-jpeg|jpegquality-80")
    except Exception:  # a missing source file must not break the page
        return None


def case_article(page, request, taxonomy_labels=()):
    """schema.org Article for a case study page."""
    url = absolute(request, page.get_url(request))
    data = {
        "@context": "https://schema.org",
        "@type": "Article",
        "headline": page.title[:110],
        "description": page.summary,
        "inLanguage": page.locale.language_code,
        "url": url,
        "mainEntityOfPage": url,
        "author": {"@type": "GovernmentOrganization", "name": page.agency.name},
        "publisher": {
            "@type": "Organization",
            "name": "Erfarenhetsbanken",
            "url": absolute(request, "/"),
        },
        "about": list(taxonomy_labels),
        "keywords": page.tag_names,
    }
    if page.first_published_at:
        data["datePublished"] = page.first_published_at.date().isoformat()
    modified = page.updated or (page.last_published_at and page.last_published_at.date())
    if modified:
        data["dateModified"] = modified.isoformat()
    rendition = hero_rendition(page)
    if rendition is not None:
        data["image"] = {
            "@type": "ImageObject",
            "url": absolute(request, rendition.url),
            "width": rendition.width,
            "height": rendition.height,
        }
    return data
