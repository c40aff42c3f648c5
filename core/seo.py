"""What search engines and other sites read: sitemap.xml with hreflang
alternates for both languages, robots.txt, Open Graph data and JSON-LD."""

import json

from django.utils.safestring import mark_safe
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
    included (root-relative URLs unless the page is on another site). Read
    once per request: the head and the language switcher both show them."""
    read = request.__dict__.setdefault("translations_of", {}) if request is not None else {}
    if page.pk not in read:
        read[page.pk] = _translations(page, request)
    return read[page.pk]


def _translations(page, request):
    pages = Page.objects.live().public().filter(translation_key=page.translation_key)
    result = []
    for other in pages.select_related("locale").order_by("locale__language_code"):
        url = other.get_url(request)
        if url:
            result.append((other.locale.language_code, url))
    return result


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
