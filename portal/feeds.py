"""RSS 2.0 and Atom feeds of new cases: all of them, or one theme's, in the
language of the URL (/feeds/… Swedish, /en/feeds/… English)."""

from dataclasses import dataclass

from django.contrib.syndication.views import Feed
from django.http import Http404
from django.urls import reverse
from django.utils.feedgenerator import Atom1Feed, Rss201rev2Feed
from django.utils.translation import gettext as _
from wagtail.models import Locale

from cases.filters import CaseFilter
from cases.models import CaseIndexPage
from cases.queries import for_cards, newest_first, published_cases
from cases.snippets import Theme
from core.control_characters import without_control_characters
from core.languages import current_language

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
    pass


@dataclass
class FeedScope:
    locale: Locale
    language: str
    theme: str | None
    theme_label: str | None
    request: object


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
        return FeedScope(locale, language, theme, label, request)

    def title(self, obj):
        if obj.theme:
            return _("Erfarenhetsbanken: new cases in %(theme)s") % {"theme": obj.theme_label}
        return _("Erfarenhetsbanken: new cases")

    def description(self, obj):
        return _("Cases newly published in Erfarenhetsbanken, newest first.")

    subtitle = description

    def link(self, obj):
        index = CaseIndexPage.objects.live().filter(locale=obj.locale).first()
        url = index.get_url(obj.request) if index else "/"
        return f"{url}?theme={obj.theme}" if obj.theme else url

    def feed_url(self, obj):
        suffix = "rss" if self.kind == "rss" else "atom"
        if obj.theme:
            return reverse(f"theme-feed-{suffix}", kwargs={"theme": obj.theme})
        return reverse(f"case-feed-{suffix}")

    def items(self, obj):
        cases = published_cases(obj.locale)
        if obj.theme:
            cases = CaseFilter({"theme": obj.theme}, queryset=cases).qs
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
