"""RSS 2.0 and Atom feeds of new cases in the language of the URL (/feeds/…
Swedish, /en/feeds/… English): all of them, one theme's, or those of any
listing or search view, whose words and filters (q, theme, stage, agency,
status, year) the feed takes as parameters and matches as the search page
does (search.service)."""

from dataclasses import dataclass

from django.contrib.syndication.views import Feed
from django.core.exceptions import BadRequest
from django.http import Http404, QueryDict
from django.templatetags.static import static
from django.urls import reverse
from django.utils.cache import patch_vary_headers
from django.utils.feedgenerator import Atom1Feed, Rss201rev2Feed, Stylesheet
from django.utils.translation import gettext as _
from django.utils.xmlutils import SimplerXMLGenerator
from wagtail.models import Locale

from alerts.followed import followed_view, summary
from cases.filters import FACETS
from cases.models import CaseIndexPage
from cases.queries import for_cards, newest_first
from cases.snippets import Theme
from core.control_characters import without_control_characters
from core.languages import current_language
from search.service import ParameterError, answered, match, searchable_cases

FEED_SIZE = 30


def _xml_safe(value):
    """Stored text, and lists of it, without the control characters XML 1.0 refuses."""
    if isinstance(value, list | tuple):
        return [without_control_characters(v) for v in value]
    return without_control_characters(value)


class XmlSafeFeedMixin:
    """A feed generator that never fails on stored text: whatever way a control
    character came in, it is left out of the feed rather than answering 500."""

    def __init__(self, *args, **kwargs):
        super().__init__(
            *(_xml_safe(a) for a in args), **{k: _xml_safe(v) for k, v in kwargs.items()}
        )

    def add_item(self, *args, **kwargs):
        super().add_item(
            *(_xml_safe(a) for a in args), **{k: _xml_safe(v) for k, v in kwargs.items()}
        )


class RssFeed(XmlSafeFeedMixin, Rss201rev2Feed):
    pass


class AtomFeed(XmlSafeFeedMixin, Atom1Feed):
    """Atom with the xml-stylesheet instructions RSS has in Django."""

    def write(self, outfile, encoding):
        handler = SimplerXMLGenerator(outfile, encoding, short_empty_elements=True)
        handler.startDocument()
        for stylesheet in self.feed["stylesheets"] or []:
            handler.processingInstruction("xml-stylesheet", stylesheet)
        handler.startElement("feed", self.root_attributes())
        self.add_root_elements(handler)
        self.write_items(handler)
        handler.endElement("feed")


@dataclass
class FeedScope:
    locale: Locale
    language: str
    theme: str | None
    theme_label: str | None
    request: object
    view: object = None  # alerts.followed.FollowedView: the words and filters


class CaseFeed(Feed):
    feed_type = RssFeed
    kind = "rss"

    def get_object(self, request, theme=None):
        language = current_language()
        locale = Locale.objects.filter(language_code=language).first()
        if locale is None:
            raise Http404("No such language")
        label = None
        if theme is not None:
            # The theme's name in the feed's language, or in another if it lacks one.
            themes = sorted(
                Theme.objects.filter(slug=theme), key=lambda t: t.locale_id != locale.pk
            )
            if not themes:
                raise Http404("No such theme")
            label = themes[0].name
        params = QueryDict(mutable=True)
        for name in ("q", *FACETS):
            if request.GET.getlist(name):
                params.setlist(name, request.GET.getlist(name))
        if theme is not None:
            params.setlist("theme", [theme, *params.getlist("theme")])
        try:
            view = followed_view(params)
        except ParameterError as exc:
            raise BadRequest(exc.message) from exc
        return FeedScope(locale, language, theme, label, request, view)

    def _selected(self, obj):
        """Words or filters beyond the theme of the URL."""
        return (
            obj.view.query
            or set(obj.view.filters) - {"theme"}
            or (len(obj.view.filters.get("theme", [])) > (1 if obj.theme else 0))
        )

    def __call__(self, request, *args, **kwargs):
        response = super().__call__(request, *args, **kwargs)
        # Browsers apply the stylesheet only to XML they render, which the
        # feed types are not; so a browser asking for a page (text/html) gets
        # the same feed as XML, and feed readers the feed type.
        if response.status_code == 200 and "text/html" in request.headers.get("Accept", ""):
            response["Content-Type"] = "application/xml; charset=utf-8"
        patch_vary_headers(response, ["Accept"])
        return response

    def stylesheets(self, obj):
        """A browser shows the feed as a page that explains how to subscribe
        (static/feeds/feed.xsl), styled with the site's stylesheet."""
        return [
            Stylesheet(static("feeds/feed.xsl"), mimetype="text/xsl"),
            Stylesheet(static("css/site.css"), mimetype="text/css"),
        ]

    def title(self, obj):
        if self._selected(obj):
            return _("Erfarenhetsbanken: new cases (%(selection)s)") % {
                "selection": summary(obj.view, obj.language)
            }
        if obj.theme:
            return _("Erfarenhetsbanken: new cases in %(theme)s") % {"theme": obj.theme_label}
        return _("Erfarenhetsbanken: new cases")

    def description(self, obj):
        return _("Cases newly published in Erfarenhetsbanken, newest first.")

    subtitle = description

    def link(self, obj):
        if obj.view.query:
            url = reverse("search")
        else:
            index = CaseIndexPage.objects.live().filter(locale=obj.locale).first()
            url = index.get_url(obj.request) if index else "/"
        query = obj.view.query_string()
        return f"{url}?{query}" if query else url

    def feed_url(self, obj):
        suffix = "rss" if self.kind == "rss" else "atom"
        if obj.theme:
            url = reverse(f"theme-feed-{suffix}", kwargs={"theme": obj.theme})
        else:
            url = reverse(f"case-feed-{suffix}")
        query = self._own_query(obj)
        return f"{url}?{query}" if query else url

    def _own_query(self, obj):
        """The feed's parameters, the theme of its URL left out."""
        params = obj.view.as_query_dict()
        if obj.theme:
            params.setlist("theme", [t for t in params.getlist("theme") if t != obj.theme])
        return params.urlencode()

    def items(self, obj):
        params = obj.view.search_params(obj.language)
        cases = searchable_cases(params)
        if params.words:
            found = answered(
                params,
                lambda backend, engine: list(
                    cases.filter(
                        pk__in=match(backend, params, cases, engine).matching()
                    ).values_list("pk", flat=True)
                ),
            )[0]
            cases = cases.filter(pk__in=found)
        items = list(for_cards(newest_first(cases))[:FEED_SIZE])
        for case in items:
            case.feed_request = obj.request
        return items

    def item_title(self, item):
        return item.title

    def item_description(self, item):
        return item.summary

    def item_link(self, item):
        return item.get_url(item.feed_request)

    def item_pubdate(self, item):
        return item.first_published_at

    def item_updateddate(self, item):
        return item.last_published_at or item.first_published_at

    def item_author_name(self, item):
        return item.agency.name

    def item_categories(self, item):
        return [theme.name for theme in item.themes.all()]


class AtomCaseFeed(CaseFeed):
    feed_type = AtomFeed
    kind = "atom"
