"""Site-wide pages: the home page and standard pages."""

from django.db import models
from django.http import Http404
from django.utils import translation
from django.utils.translation import gettext_lazy as _
from modelcluster.fields import ParentalKey
from wagtail.admin.panels import FieldPanel, InlinePanel, PageChooserPanel
from wagtail.fields import RichTextField
from wagtail.models import Orderable, Page
from wagtail.search import index

from core.indexing import IndexedWhenPublic
from portal.process_memo import ViewRestrictionsFromMemo, memo

BODY_FEATURES = ["h2", "h3", "h4", "bold", "italic", "ol", "ul", "link", "document-link"]


class HomePage(IndexedWhenPublic, ViewRestrictionsFromMemo, Page):
    intro = models.TextField(_("introduction"), blank=True)

    content_panels = Page.content_panels + [
        FieldPanel("intro"),
        InlinePanel("featured_cases", heading=_("Featured cases"), label=_("case"), max_num=6),
    ]
    parent_page_types = ["wagtailcore.Page"]
    max_count_per_parent = 1

    class Meta:
        verbose_name = _("home page")

    # Every page is found from the home page (Page.route_for_request takes the
    # site's root .localized and routes down from it): its translation and its
    # children come from the memo instead of three queries a request.
    @property
    def localized(self):
        return memo(
            None,
            ("home-localized", self.pk, translation.get_language()),
            lambda: super(HomePage, self).localized.specific,
        )

    def route(self, request, path_components):
        if not path_components:
            return super().route(request, path_components)
        slug = path_components[0]
        child = memo(
            request,
            ("home-child", self.pk, slug),
            lambda: self.get_children().filter(slug=slug).specific().first(),
        )
        if child is None:
            raise Http404
        child._cached_parent_obj = self
        return child.route(request, path_components[1:])

    def get_context(self, request, *args, **kwargs):
        from cases.cards import case_cards
        from cases.facts import CaseFacts
        from cases.listing import Taxonomy, counts_from_rows, facet_counts
        from cases.models import CaseIndexPage

        context = super().get_context(request, *args, **kwargs)
        taxonomy = Taxonomy.for_locale(self.locale)
        facts = CaseFacts.current()
        cases = facts.chosen(taxonomy, {}, [self.locale_id])
        featured_ids = [f.case_id for f in self.featured_cases.all()]
        context["featured"] = [
            case for case in case_cards(featured_ids, taxonomy) if case.locale_id == self.locale_id
        ]
        context["latest"] = facts.cards(cases & ~facts.of(featured_ids), taxonomy)[:6]
        counts = counts_from_rows(facts.rows(cases), taxonomy)
        context["theme_counts"] = facet_counts(counts, {}, taxonomy)["theme"]
        context["case_index"] = CaseIndexPage.objects.live().child_of(self).first()
        return context


class HomeFeaturedCase(Orderable):
    page = ParentalKey(HomePage, related_name="featured_cases", on_delete=models.CASCADE)
    case = models.ForeignKey(
        "cases.CaseStudyPage", verbose_name=_("case"), on_delete=models.CASCADE, related_name="+"
    )

    panels = [PageChooserPanel("case", "cases.CaseStudyPage")]


class StandardPage(IndexedWhenPublic, ViewRestrictionsFromMemo, Page):
    """About, privacy notice, accessibility statement and the like."""

    intro = models.TextField(_("introduction"), blank=True)
    body = RichTextField(_("body"), features=BODY_FEATURES)

    content_panels = Page.content_panels + [FieldPanel("intro"), FieldPanel("body")]
    search_fields = Page.search_fields + [index.SearchField("intro"), index.SearchField("body")]
    parent_page_types = ["portal.HomePage", "portal.StandardPage"]

    class Meta:
        verbose_name = _("standard page")
