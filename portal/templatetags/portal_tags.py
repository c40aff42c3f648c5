from django import template
from django.conf import settings
from django.urls import NoReverseMatch, reverse, translate_url
from django.utils import translation
from django.utils.formats import date_format
from django.utils.translation import gettext_lazy as _lazy
from wagtail.models import Page

from core.seo import translations_of

register = template.Library()


# The named pages of the main menu, after the home page's children.
NAMED_LINKS = (
    ("lessons", _lazy("Lessons")),
    ("search", _lazy("Search")),
    ("contributions:new", _lazy("Share a case")),
)


def _home_for(language):
    from portal.models import HomePage

    # Ordered by id, not by tree path: with the path order the database walks
    # the whole page tree to find the two home pages.
    homes = HomePage.objects.live().filter(locale__language_code=language).order_by("pk")
    return min(homes, key=lambda home: home.path, default=None)


def _home_url(request, language):
    home = _home_for(language)
    return home.get_url(request) if home is not None else None


def _named_links(language):
    links = []
    with translation.override(language):
        for name, label in NAMED_LINKS:
            try:
                links.append((str(label), reverse(name)))
            except NoReverseMatch:
                continue
    return links


def _section_urls(language):
    """The named links' URLs and "My contributions" (shown to the signed-in)."""
    urls = [url for _title, url in _named_links(language)]
    with translation.override(language):
        urls.append(reverse("contributions:my_contributions"))
    return urls


def _section(path, language_prefixed):
    """The first segment of a path, or two when the first is a language: /x/, /en/x/."""
    segments = [s for s in path.split("/") if s][: 2 if language_prefixed else 1]
    return "/" + "".join(f"{s}/" for s in segments)


def nav_sections(language):
    """Every value nav_section can take in a language: the fragments to clear
    when the menu changes (portal.signals)."""
    sections = {"", *_section_urls(language)}
    home = _home_for(language)
    if home is not None:
        for page in [home, *home.get_children()]:
            parts = page.get_url_parts()
            if parts is not None:
                sections.add(parts[2])
    return sections


@register.simple_tag(takes_context=True)
def nav_section(context):
    """The menu link the request is under (marked as the current one): a
    named link it starts with, else for a Wagtail page the top of its path
    (the home page's child), else none. The menu fragment is kept per section."""
    request = context.get("request")
    if request is None:
        return ""
    language = context.get("current_language", settings.LANGUAGE_CODE)
    for url in _section_urls(language):
        if request.path.startswith(url):
            return url
    match = request.resolver_match
    if match is not None and match.url_name == "wagtail_serve":
        return _section(request.path, language != settings.LANGUAGE_CODE)
    return ""


@register.simple_tag(takes_context=True)
def nav_links(context):
    """Main navigation: the home page's children marked "show in menus", then
    lessons, search and sharing a case; (title, url) each."""
    request = context.get("request")
    language = context.get("current_language", settings.LANGUAGE_CODE)
    home = _home_for(language)
    pages = home.get_children().live().in_menu() if home is not None else []
    return [(p.title, p.get_url(request)) for p in pages] + _named_links(language)


@register.inclusion_tag("components/language_switcher.html", takes_context=True)
def language_switcher(context):
    """A link to this page in each other language, or a plain note that there is none."""
    request = context.get("request")
    page = context.get("page")
    current = context.get("current_language", settings.LANGUAGE_CODE)
    translations = dict(translations_of(page, request)) if isinstance(page, Page) else {}
    options = []
    for code, name in settings.LANGUAGES:
        if code == current:
            continue
        url, missing = None, False
        if isinstance(page, Page):
            url = translations.get(code)
            if url is None:
                missing = True
                url = _home_url(request, code) or f"/{code}/"
        elif request is not None:
            url = translate_url(request.get_full_path(), code)
        options.append({"code": code, "name": name, "url": url, "missing": missing})
    return {"options": options, "current_language": current}


@register.filter
def page_window(page_obj):
    """The page numbers a pagination shows: the first and last, two on each
    side of the current one, and Paginator.ELLIPSIS for each gap. Looping over
    every page in the template cost a search for a common word (350 pages)
    more than its cards."""
    return page_obj.paginator.get_elided_page_range(page_obj.number, on_each_side=2, on_ends=1)


@register.filter
def month_year(value):
    return date_format(value, "F Y") if value else ""


@register.filter
def long_date(value):
    return date_format(value, "j F Y") if value else ""


@register.simple_tag(takes_context=True)
def home_url(context):
    language = context.get("current_language", settings.LANGUAGE_CODE)
    return _home_url(context.get("request"), language) or "/"


@register.simple_tag(takes_context=True)
def footer_links(context):
    """Standard pages under the home page that are not in the main menu."""
    from portal.models import StandardPage

    request = context.get("request")
    home = _home_for(context.get("current_language", settings.LANGUAGE_CODE))
    if home is None:
        return []
    pages = StandardPage.objects.live().child_of(home).filter(show_in_menus=False)
    return [(p.title, p.get_url(request)) for p in pages]


@register.simple_tag(takes_context=True)
def page_body(context, page):
    """A standard page's rich text with the organisation's details filled in
    (portal.organisation_text)."""
    from wagtail.templatetags.wagtailcore_tags import richtext

    from portal.organisation_text import fill_in

    language = context.get("current_language", settings.LANGUAGE_CODE)
    return fill_in(richtext(page.body), context.get("request"), language, page)
