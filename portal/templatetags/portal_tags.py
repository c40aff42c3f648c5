from django import template
from django.conf import settings
from django.urls import NoReverseMatch, reverse, translate_url
from django.utils import translation
from django.utils.formats import date_format
from django.utils.translation import gettext as _
from wagtail.models import Locale, Page

register = template.Library()


def _home_for(context, language):
    """The live home page of a language, looked up once per request: the header,
    the switcher and the footer all need it."""
    from portal.models import HomePage

    request = context.get("request")
    cache = getattr(request, "_portal_homes", None) if request is not None else None
    if cache is None:
        cache = {}
        if request is not None:
            request._portal_homes = cache
    if language not in cache:
        cache[language] = HomePage.objects.live().filter(locale__language_code=language).first()
    return cache[language]


@register.simple_tag(takes_context=True)
def nav_links(context):
    """Main navigation: the home page's children marked "show in menus", then
    lessons, search and sharing a case; (title, url, is_current) each."""
    request = context.get("request")
    language = context.get("current_language", settings.LANGUAGE_CODE)
    links = []
    home = _home_for(context, language)
    if home:
        links += [(p.title, p.get_url(request)) for p in home.get_children().live().in_menu()]
    named = [("lessons", _("Lessons")), ("search", _("Search")),
             ("contributions:new", _("Share a case"))]
    user = getattr(request, "user", None)
    if user is not None and user.is_authenticated:
        named.append(("contributions:my_contributions", _("My contributions")))
    with translation.override(language):
        for name, label in named:
            try:
                links.append((str(label), reverse(name)))
            except NoReverseMatch:
                continue
    path = request.path if request else ""
    return [(title, url, bool(url) and path.startswith(url)) for title, url in links]


@register.inclusion_tag("components/language_switcher.html", takes_context=True)
def language_switcher(context):
    """A link to this page in each other language, or a plain note that there is none."""
    request = context.get("request")
    page = context.get("page")
    current = context.get("current_language", settings.LANGUAGE_CODE)
    options = []
    for code, name in settings.LANGUAGES:
        if code == current:
            continue
        url, missing = None, False
        if isinstance(page, Page):
            try:
                locale = Locale.objects.get(language_code=code)
            except Locale.DoesNotExist:
                locale = None
            translated = page.get_translation_or_none(locale) if locale else None
            if translated and translated.live:
                url = translated.get_url(request)
            else:
                missing = True
                home = _home_for(context, code)
                url = home.get_url(request) if home else f"/{code}/"
        elif request is not None:
            url = translate_url(request.get_full_path(), code)
        options.append({"code": code, "name": name, "url": url, "missing": missing})
    return {"options": options, "current_language": current}


@register.filter
def month_year(value):
    return date_format(value, "F Y") if value else ""


@register.filter
def long_date(value):
    return date_format(value, "j F Y") if value else ""


@register.simple_tag(takes_context=True)
def home_url(context):
    home = _home_for(context, context.get("current_language", settings.LANGUAGE_CODE))
    return home.get_url(context.get("request")) if home else "/"


@register.simple_tag(takes_context=True)
def footer_links(context):
    """Standard pages under the home page that are not in the main menu."""
    from portal.models import StandardPage

    request = context.get("request")
    home = _home_for(context, context.get("current_language", settings.LANGUAGE_CODE))
    if not home:
        return []
    pages = StandardPage.objects.live().child_of(home).filter(show_in_menus=False)
    return [(p.title, p.get_url(request)) for p in pages]
