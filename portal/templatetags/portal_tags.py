from django import template
from django.conf import settings
from django.urls import NoReverseMatch, reverse, translate_url
from django.utils import translation
from django.utils.formats import date_format
from django.utils.translation import gettext as _
from wagtail.models import Page

from core.seo import translations_of
from portal.fragments import remember

register = template.Library()


class SharedFragmentNode(template.Node):
    def __init__(self, name, key, nodelist):
        self.name, self.key, self.nodelist = name, key, nodelist

    def render(self, context):
        request = context.get("request")
        host = request.get_host() if request is not None else ""
        key = f"{self.name}:{host}:{translation.get_language()}:{self.key.resolve(context)}"
        return remember(request, key, lambda: self.nodelist.render(context))


@register.tag
def shared_fragment(parser, token):
    """{% shared_fragment "name" key %}…{% endshared_fragment %}: the part of a
    page that many pages show alike, rendered once per content change
    (portal.fragments); key names what it depends on besides the host and
    the language."""
    try:
        _tag, name, key = token.split_contents()
    except ValueError:
        raise template.TemplateSyntaxError("shared_fragment takes a name and a key") from None
    nodelist = parser.parse(("endshared_fragment",))
    parser.delete_first_token()
    return SharedFragmentNode(name.strip("\"'"), parser.compile_filter(key), nodelist)


def _home_for(language):
    from portal.models import HomePage

    # Ordered by id, not by tree path: with the path order the database walks
    # the whole page tree to find the two home pages.
    homes = HomePage.objects.live().filter(locale__language_code=language).order_by("pk")
    return min(homes, key=lambda home: home.path, default=None)


def _site_chrome(request, language):
    """The home page's URL, its menu and footer pages in one language: every
    page shows them, so they are computed once per content change."""
    from portal.models import StandardPage

    def compute():
        home = _home_for(language)
        if home is None:
            return {"home": None, "menu": [], "footer": []}
        children = home.get_children().live()
        return {
            "home": home.get_url(request),
            "menu": [(p.title, p.get_url(request)) for p in children.in_menu()],
            "footer": [
                (p.title, p.get_url(request))
                for p in StandardPage.objects.live().child_of(home).filter(show_in_menus=False)
            ],
        }

    host = request.get_host() if request is not None else ""
    return remember(request, f"chrome:{host}:{language}", compute)


@register.simple_tag(takes_context=True)
def nav_links(context):
    """Main navigation: the home page's children marked "show in menus", then
    lessons, search and sharing a case; (title, url, is_current) each."""
    request = context.get("request")
    language = context.get("current_language", settings.LANGUAGE_CODE)
    links = list(_site_chrome(request, language)["menu"])
    named = [
        ("lessons", _("Lessons")),
        ("search", _("Search")),
        ("contributions:new", _("Share a case")),
    ]
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
                url = _site_chrome(request, code)["home"] or f"/{code}/"
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
    return _site_chrome(context.get("request"), language)["home"] or "/"


@register.simple_tag(takes_context=True)
def footer_links(context):
    """Standard pages under the home page that are not in the main menu."""
    language = context.get("current_language", settings.LANGUAGE_CODE)
    return _site_chrome(context.get("request"), language)["footer"]
