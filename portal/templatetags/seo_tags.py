"""Head metadata (canonical, hreflang, Open Graph, Twitter, feeds), JSON-LD and
the page tools (listen, share)."""

from urllib.parse import urlencode

from django import template
from django.conf import settings
from django.urls import NoReverseMatch, reverse
from django.utils.translation import get_language_info
from django.utils.translation import gettext as _
from wagtail.models import Locale, Page

from cases.filters import FACETS
from cases.snippets import Theme, by_slug
from core import seo

register = template.Library()


def _language(context):
    return context.get("current_language") or settings.LANGUAGE_CODE


VIEW_PARAMETERS = ("q", *FACETS)


def view_query_string(request):
    """The words and filters of the listing or search being read, as a query
    string (empty without them): what its feeds and its alert follow."""
    if request is None:
        return ""
    kept = [
        (name, value.strip())
        for name in VIEW_PARAMETERS
        for value in request.GET.getlist(name)
        if value.strip()
    ]
    return urlencode(kept)


@register.simple_tag(takes_context=True)
def view_query(context):
    return view_query_string(context.get("request"))


def _feeds(context):
    """(title, type, url) of the feeds that belong to this page."""
    request = context.get("request")
    page = context.get("page")
    feeds = []
    try:
        feeds += [
            (_("New cases (RSS)"), "application/rss+xml", reverse("case-feed-rss")),
            (_("New cases (Atom)"), "application/atom+xml", reverse("case-feed-atom")),
        ]
    except NoReverseMatch:
        return []
    query = view_query_string(request)
    if query:
        feeds += [
            (
                _("New cases in this selection (RSS)"),
                "application/rss+xml",
                f"{reverse('case-feed-rss')}?{query}",
            ),
            (
                _("New cases in this selection (Atom)"),
                "application/atom+xml",
                f"{reverse('case-feed-atom')}?{query}",
            ),
        ]
    themes = []
    if hasattr(page, "theme_labels"):
        themes = page.theme_labels
    elif request is not None and request.GET.getlist("theme"):
        # A listing or search filtered by themes: the feeds of those that exist.
        named = by_slug(Theme, Locale.get_active())
        chosen = dict.fromkeys(value.strip() for value in request.GET.getlist("theme"))
        themes = [(slug, named[slug].name) for slug in chosen if slug in named]
    for slug, label in themes:
        feeds.append(
            (
                _("New cases in %(theme)s (RSS)") % {"theme": label},
                "application/rss+xml",
                reverse("theme-feed-rss", kwargs={"theme": slug}),
            )
        )
        feeds.append(
            (
                _("New cases in %(theme)s (Atom)") % {"theme": label},
                "application/atom+xml",
                reverse("theme-feed-atom", kwargs={"theme": slug}),
            )
        )
    return feeds


@register.inclusion_tag("components/page_meta.html", takes_context=True)
def page_meta(context):
    request = context.get("request")
    page = context.get("page")
    language = _language(context)
    meta = {
        "language": language,
        "og_locale": seo.OG_LOCALES.get(language, "sv_SE"),
        "canonical": request.build_absolute_uri(request.path) if request is not None else "",
        "alternates": [],
        "og_type": "website",
        "title": None,
        "description": None,
        "image": None,
        "image_alt": "",
        "feeds": _feeds(context),
    }
    if isinstance(page, Page):
        meta["title"] = page.seo_title or page.title
        meta["description"] = (
            page.search_description or getattr(page, "summary", "") or getattr(page, "intro", "")
        )
        url = page.get_url(request)
        if url:
            meta["canonical"] = seo.absolute(request, url)
        alternates = [
            (code, seo.absolute(request, url)) for code, url in seo.translations_of(page, request)
        ]
        if len(alternates) > 1:
            meta["alternates"] = alternates
            default = dict(alternates).get(settings.LANGUAGE_CODE)
            if default:
                meta["alternates"] = alternates + [("x-default", default)]
        if getattr(page, "hero_image_id", None):
            rendition = seo.hero_rendition(page)
            if rendition is not None:
                meta["image"] = {
                    "url": seo.absolute(request, rendition.url),
                    "width": rendition.width,
                    "height": rendition.height,
                }
                meta["image_alt"] = getattr(page, "hero_alt", "")
        if page.specific_class.__name__ == "CaseStudyPage":
            meta["og_type"] = "article"
    return {"meta": meta}


@register.simple_tag(takes_context=True)
def case_json_ld(context, page):
    labels = [label for _slug, label in page.theme_labels]
    return seo.json_ld_script(seo.case_article(page, context.get("request"), labels))


@register.simple_tag
def json_ld(data):
    """Any schema.org dict as JSON-LD (activities use it for Event)."""
    return seo.json_ld_script(data)


@register.simple_tag(takes_context=True)
def absolute_url(context, url=None):
    request = context.get("request")
    if url is None:
        return request.build_absolute_uri(request.path) if request is not None else ""
    return seo.absolute(request, url)


@register.inclusion_tag("components/listen.html", takes_context=True)
def listen_button(context):
    language = _language(context)
    return {
        "speech_lang": seo.SPEECH_LANGUAGES.get(language, "sv-SE"),
        # The language's own name ("svenska", "English"): the page's language
        # is the interface's, so it reads right in either.
        "language_name": get_language_info(language)["name_local"],
    }


@register.inclusion_tag("components/share.html", takes_context=True)
def share_links(context, title=None):
    request = context.get("request")
    page = context.get("page")
    if title is None:
        title = getattr(page, "title", "") or "Erfarenhetsbanken"
    url = request.build_absolute_uri(request.path) if request is not None else ""
    page_url = page.get_url(request) if isinstance(page, Page) else None
    if page_url:
        url = seo.absolute(request, page_url)
    mail_query = urlencode({"subject": title, "body": f"{title}\n{url}"}, quote_via=_quote)
    return {
        "url": url,
        "title": title,
        "mailto": f"mailto:?{mail_query}",
        "linkedin": "https://www.linkedin.com/sharing/share-offsite/?" + urlencode({"url": url}),
    }


def _quote(value, safe="", encoding=None, errors=None):
    # mailto: wants %20 for spaces, not "+".
    from urllib.parse import quote

    return quote(value, safe=safe, encoding=encoding, errors=errors)
