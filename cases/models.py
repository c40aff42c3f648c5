"""The case library: the case index page and the case study page."""

import datetime
import uuid

from django import forms
from django.core.exceptions import ValidationError
from django.db import models
from django.utils import timezone
from django.utils.functional import cached_property
from django.utils.translation import gettext_lazy as _
from modelcluster.contrib.taggit import ClusterTaggableManager
from modelcluster.fields import ParentalKey, ParentalManyToManyField
from taggit.models import TaggedItemBase
from wagtail.admin.forms import WagtailAdminPageForm
from wagtail.admin.panels import FieldPanel, FieldRowPanel, InlinePanel, MultiFieldPanel
from wagtail.fields import RichTextField
from wagtail.models import Orderable, Page
from wagtail.search import index

from cases.snippets import Agency, DigitalisationStage, Theme  # noqa: F401 (model registry)
from core.indexing import IndexedWhenPublic
from portal.process_memo import ViewRestrictionsFromMemo

RICH_TEXT_FEATURES = ["h3", "h4", "bold", "italic", "ol", "ul", "link", "document-link"]


class CaseStatus(models.TextChoices):
    ONGOING = "ongoing", _("Ongoing")
    COMPLETED = "completed", _("Completed")
    STOPPED = "stopped", _("Stopped")


class LessonKind(models.TextChoices):
    WORKED = "worked", _("What worked")
    AVOID = "avoid", _("What to avoid")
    ADVICE = "advice", _("Advice to others")


class CaseIndexPage(IndexedWhenPublic, ViewRestrictionsFromMemo, Page):
    intro = models.TextField(_("introduction"), blank=True)

    content_panels = Page.content_panels + [FieldPanel("intro")]
    parent_page_types = ["portal.HomePage"]
    subpage_types = ["cases.CaseStudyPage"]
    max_count_per_parent = 1

    class Meta:
        verbose_name = _("case index page")

    def route(self, request, path_components):
        """A case is found as itself in one query (Wagtail's route reads the
        page, then its specific row, and the parent again for links), and the
        rows its page shows in one more (cases.case_rows)."""
        if len(path_components) == 1:
            from cases.case_rows import case_by_slug, read_page_rows

            case = case_by_slug(self, path_components[0])
            if case is not None:
                case._cached_parent_obj = self
                return read_page_rows(case).route(request, [])
        return super().route(request, path_components)

    def get_context(self, request, *args, **kwargs):
        from cases.listing import case_listing_context

        context = super().get_context(request, *args, **kwargs)
        context.update(case_listing_context(request, self))
        return context


class CaseTag(TaggedItemBase):
    content_object = ParentalKey(
        "cases.CaseStudyPage", related_name="tagged_items", on_delete=models.CASCADE
    )


class CaseStudyPageForm(WagtailAdminPageForm):
    """Adds the editor's "substantial change" mark: only then does "Updated" move."""

    substantial_change = forms.BooleanField(
        label=_("This is a substantial change"),
        required=False,
        help_text=_('Moves the "Updated" date to today. Describe the change in the change note.'),
    )

    def clean(self):
        cleaned = super().clean()
        if cleaned.get("substantial_change") and not cleaned.get("change_note"):
            self.add_error("change_note", _("Describe what changed when you mark it substantial."))
        return cleaned

    def save(self, commit=True):
        page = super().save(commit=False)
        if self.cleaned_data.get("substantial_change"):
            page.updated = timezone.localdate()
        if commit:
            page.save()
        return page


class CaseStudyPage(IndexedWhenPublic, ViewRestrictionsFromMemo, Page):
    exchange_id = models.CharField(
        _("exchange id"),
        max_length=120,
        unique=True,
        null=True,
        blank=True,
        help_text=_("Stable identifier in the case-exchange format. Generated when empty."),
    )
    summary = models.TextField(_("summary"), max_length=400)
    agency = models.ForeignKey(
        Agency, verbose_name=_("agency"), on_delete=models.PROTECT, related_name="cases"
    )
    partner_agencies = ParentalManyToManyField(
        Agency, verbose_name=_("partners"), blank=True, related_name="partner_cases"
    )
    themes = ParentalManyToManyField(Theme, verbose_name=_("themes"), related_name="cases")
    stage = models.ForeignKey(
        DigitalisationStage,
        verbose_name=_("stage"),
        on_delete=models.PROTECT,
        related_name="cases",
    )
    status = models.CharField(
        _("status"), max_length=20, choices=CaseStatus.choices, default=CaseStatus.ONGOING
    )
    started = models.DateField(_("started"), help_text=_("Month precision: the day is ignored."))
    ended = models.DateField(_("ended"), null=True, blank=True)
    challenge = RichTextField(_("the challenge"), features=RICH_TEXT_FEATURES)
    approach = RichTextField(_("what we did"), features=RICH_TEXT_FEATURES)
    results = RichTextField(_("results"), features=RICH_TEXT_FEATURES, blank=True)
    joint_work = RichTextField(
        _("working together (employer and unions)"), features=RICH_TEXT_FEATURES, blank=True
    )
    tags = ClusterTaggableManager(through=CaseTag, blank=True, verbose_name=_("tags"))
    contact_name = models.CharField(_("contact name"), max_length=200, blank=True)
    contact_role = models.CharField(_("contact role"), max_length=200, blank=True)
    contact_email = models.EmailField(_("contact e-mail"), blank=True)
    hero_image = models.ForeignKey(
        "wagtailimages.Image",
        verbose_name=_("hero image"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    hero_alt = models.CharField(
        _("alternative text"),
        max_length=250,
        blank=True,
        help_text=_("Describe the image for people who cannot see it. Required with an image."),
    )
    updated = models.DateField(_("updated"), null=True, blank=True)
    change_note = models.CharField(_("change note"), max_length=300, blank=True)

    base_form_class = CaseStudyPageForm
    parent_page_types = ["cases.CaseIndexPage"]
    subpage_types = []
    exclude_fields_in_copy = ["exchange_id"]

    content_panels = Page.content_panels + [
        FieldPanel("summary"),
        MultiFieldPanel(
            [
                FieldPanel("agency"),
                FieldPanel("partner_agencies", widget=forms.CheckboxSelectMultiple),
                FieldPanel("themes", widget=forms.CheckboxSelectMultiple),
                FieldPanel("stage"),
                FieldPanel("status"),
                FieldRowPanel([FieldPanel("started"), FieldPanel("ended")]),
                FieldPanel("tags"),
            ],
            heading=_("Classification"),
        ),
        FieldPanel("challenge"),
        FieldPanel("approach"),
        FieldPanel("results"),
        InlinePanel("lessons", heading=_("Lessons"), label=_("lesson"), min_num=1),
        FieldPanel("joint_work"),
        MultiFieldPanel(
            [FieldPanel("contact_name"), FieldPanel("contact_role"), FieldPanel("contact_email")],
            heading=_("Contact"),
        ),
        InlinePanel("links", heading=_("Links"), label=_("link")),
        MultiFieldPanel([FieldPanel("hero_image"), FieldPanel("hero_alt")], heading=_("Image")),
        InlinePanel("attachments", heading=_("Attachments"), label=_("attachment")),
        MultiFieldPanel(
            [FieldPanel("change_note"), FieldPanel("updated", read_only=True)],
            heading=_("Changes"),
        ),
    ]

    search_fields = Page.search_fields + [
        index.SearchField("summary", boost=2),
        index.SearchField("challenge"),
        index.SearchField("approach"),
        index.SearchField("results"),
        index.SearchField("joint_work"),
        index.RelatedFields("lessons", [index.SearchField("text", boost=3)]),
        index.RelatedFields("tags", [index.SearchField("name", boost=2)]),
        index.RelatedFields("agency", [index.SearchField("name", boost=2)]),
        index.RelatedFields("themes", [index.SearchField("name")]),
        index.AutocompleteField("title"),
        index.FilterField("locale_id"),
        index.FilterField("status"),
        index.FilterField("stage_id"),
        index.FilterField("agency_id"),
        index.FilterField("started"),
        index.FilterField("first_published_at"),
        # A keyword per theme, for the engine's theme facet (an aggregation).
        index.FilterField("theme_ids_for_search"),
    ]

    class Meta:
        verbose_name = _("case")
        verbose_name_plural = _("cases")
        indexes = [
            # Everything a search counts facets by, readable from the index
            # alone: the wide rows (all the case text) are never read.
            models.Index(
                fields=["page_ptr", "stage", "agency", "status", "started"], name="case_facts"
            ),
        ]

    def clean(self):
        super().clean()
        errors = {}
        if self.hero_image_id and not self.hero_alt.strip():
            errors["hero_alt"] = _("Describe the image: alternative text is required.")
        if self.ended and self.started and self.ended < self.started:
            errors["ended"] = _("The end cannot be before the start.")
        if errors:
            raise ValidationError(errors)

    def save(self, *args, **kwargs):
        self.started = month_start(self.started)
        self.ended = month_start(self.ended)
        if not self.exchange_id:
            self.exchange_id = f"case-{uuid.uuid4().hex[:12]}"
        return super().save(*args, **kwargs)

    def theme_ids_for_search(self):
        return [str(theme.pk) for theme in self.themes.all()]

    @cached_property
    def tag_names(self):
        """Read once for the page and its structured data."""
        return [tag.name for tag in self.tags.all()]

    @property
    def is_stopped(self):
        return self.status == CaseStatus.STOPPED

    def lessons_by_kind(self):
        groups = {kind: [] for kind in LessonKind.values}
        for lesson in self.lessons.all():
            groups[lesson.kind].append(lesson)
        return [(kind, LessonKind(kind).label, items) for kind, items in groups.items() if items]

    def get_context(self, request, *args, **kwargs):
        from cases.cards import theme_labels
        from cases.listing import Taxonomy, related_cases

        context = super().get_context(request, *args, **kwargs)
        taxonomy = Taxonomy.for_locale(self.locale)
        # From the page itself, not the database: a preview shows its own themes.
        themes = list(self.themes.all())
        context["theme_labels"] = theme_labels((t.slug for t in themes), taxonomy)
        context["stage_label"] = taxonomy.stage_label(self.stage.slug)
        # The listing the facts link into, looked up once (each get_parent() is a query).
        context["listing_url"] = self.get_parent().get_url(request)
        # Called by the template only when its cached fragment is missing. The
        # fragment's key names what the list depends on, so a preview with other
        # themes, or of a page not saved yet, gets its own list.
        context["related_cases"] = lambda: related_cases(self, taxonomy)
        theme_ids = sorted(theme.pk for theme in themes)
        context["related_key"] = (
            f"{self.pk}:{self.locale_id}:{self.stage_id}:{','.join(map(str, theme_ids))}"
        )
        return context


def month_start(value):
    if isinstance(value, datetime.date):
        return value.replace(day=1)
    return value


class CaseLesson(Orderable):
    page = ParentalKey(CaseStudyPage, related_name="lessons", on_delete=models.CASCADE)
    kind = models.CharField(_("kind"), max_length=10, choices=LessonKind.choices)
    text = models.TextField(_("lesson"))

    panels = [FieldPanel("kind"), FieldPanel("text")]

    class Meta(Orderable.Meta):
        verbose_name = _("lesson")
        verbose_name_plural = _("lessons")

    def __str__(self):
        return self.text[:80]


class CaseLink(Orderable):
    page = ParentalKey(CaseStudyPage, related_name="links", on_delete=models.CASCADE)
    title = models.CharField(_("title"), max_length=200)
    url = models.URLField(_("address"), max_length=500)

    panels = [FieldPanel("title"), FieldPanel("url")]


class CaseAttachment(Orderable):
    page = ParentalKey(CaseStudyPage, related_name="attachments", on_delete=models.CASCADE)
    document = models.ForeignKey(
        "wagtaildocs.Document",
        verbose_name=_("document"),
        on_delete=models.CASCADE,
        related_name="+",
    )

    panels = [FieldPanel("document")]
