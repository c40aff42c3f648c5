"""Site-wide pages: the home page and standard pages."""

from django.db import models
from django.utils.functional import cached_property
from django.utils.translation import gettext_lazy as _
from modelcluster.fields import ParentalKey
from wagtail.admin.panels import FieldPanel, InlinePanel, PageChooserPanel
from wagtail.fields import RichTextField
from wagtail.models import Orderable, Page
from wagtail.search import index

from cases.facets import facet_counts
from cases.models import CaseIndexPage, listing_key
from cases.queries import for_cards, newest_first, published_cases
from core.indexing import IndexedWhenPublic

BODY_FEATURES = ["h2", "h3", "h4", "bold", "italic", "ol", "ul", "link", "document-link"]


class HomePage(IndexedWhenPublic, Page):
    intro = models.TextField(_("introduction"), blank=True)

    content_panels = Page.content_panels + [
        FieldPanel("intro"),
        InlinePanel("featured_cases", heading=_("Featured cases"), label=_("case"), max_num=6),
    ]
    parent_page_types = ["wagtailcore.Page"]
    max_count_per_parent = 1

    class Meta:
        verbose_name = _("home page")

    def get_context(self, request, *args, **kwargs):
        context = super().get_context(request, *args, **kwargs)
        context["sections"] = HomeSections(self)
        context["last_change"] = listing_key
        return context


class HomeSections:
    """The editors' featured cases in their order, the six newest of the
    others and the number of cases in each theme, all in the home page's
    language and public. Read when the template first asks: a cached
    fragment asks for nothing."""

    def __init__(self, page):
        self.page = page
        self.published = published_cases(page.locale)

    @cached_property
    def featured_ids(self):
        return [featured.case_id for featured in self.page.featured_cases.all()]

    def featured(self):
        return self.published.cards(self.featured_ids)

    def latest(self):
        others = self.published.exclude(pk__in=self.featured_ids)
        return list(for_cards(newest_first(others))[:6])

    def theme_counts(self):
        return facet_counts(self.published, {}, self.page.locale, names=("theme",))["theme"]

    @cached_property
    def case_index(self):
        return CaseIndexPage.objects.live().child_of(self.page).first()


class HomeFeaturedCase(Orderable):
    page = ParentalKey(HomePage, related_name="featured_cases", on_delete=models.CASCADE)
    case = models.ForeignKey(
        "cases.CaseStudyPage", verbose_name=_("case"), on_delete=models.CASCADE, related_name="+"
    )

    panels = [PageChooserPanel("case", "cases.CaseStudyPage")]


class StandardPage(IndexedWhenPublic, Page):
    """About, privacy notice, accessibility statement and the like."""

    intro = models.TextField(_("introduction"), blank=True)
    body = RichTextField(_("body"), features=BODY_FEATURES)

    content_panels = Page.content_panels + [FieldPanel("intro"), FieldPanel("body")]
    search_fields = Page.search_fields + [index.SearchField("intro"), index.SearchField("body")]
    parent_page_types = ["portal.HomePage", "portal.StandardPage"]

    class Meta:
        verbose_name = _("standard page")
