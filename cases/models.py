"""The case library: the case index page and the case study page."""

import datetime
import uuid

from django import forms
from django.conf import settings
from django.core.exceptions import ValidationError
from django.core.paginator import Paginator
from django.db import models
from django.db.models import (
    Case,
    Count,
    IntegerField,
    OuterRef,
    Q,
    Subquery,
    Value,
    When,
    prefetch_related_objects,
)
from django.db.models.functions import Coalesce
from django.http import Http404, HttpResponseRedirect
from django.template.response import TemplateResponse
from django.utils import timezone, translation
from django.utils.cache import add_never_cache_headers
from django.utils.formats import date_format
from django.utils.functional import cached_property
from django.utils.translation import gettext_lazy as _
from modelcluster.contrib.taggit import ClusterTaggableManager
from modelcluster.fields import ParentalKey, ParentalManyToManyField
from taggit.models import TaggedItemBase
from wagtail import hooks
from wagtail.admin.forms import WagtailAdminPageForm
from wagtail.admin.panels import (
    FieldPanel,
    FieldRowPanel,
    InlinePanel,
    MultiFieldPanel,
    PageChooserPanel,
)
from wagtail.contrib.routable_page.models import RoutablePageMixin, path
from wagtail.fields import RichTextField
from wagtail.models import Orderable, Page, PageLogEntry, PageManager
from wagtail.query import PageQuerySet
from wagtail.search import index

from cases.choices import (
    EVIDENCE_EXPLANATIONS,
    CaseStatus,
    EvidenceLevel,
    FollowUpStatus,
    LessonKind,
    StoppedReason,
)
from cases.contact import ContactForm, send_contact_message
from cases.facets import facet_counts, filter_links
from cases.filters import CaseFilter, facet_titles
from cases.snippets import Agency, DigitalisationStage, Theme  # noqa: F401 (model registry)
from core.indexing import IndexedWhenPublic
from core.links import absolute
from core.ratelimit import over_limit

RICH_TEXT_FEATURES = ["h3", "h4", "bold", "italic", "ol", "ul", "link", "document-link"]
# Newest first, the id breaking ties: listings, feeds and searches without words.
NEWEST = ("-first_published_at", "-pk")
PAGE_SIZE = 20
# Related cases are ranked among this many of the newest candidates, so a
# case page reads a bounded number of rows however many cases there are.
RELATED_CANDIDATES = 200
RELATED_SHOWN = 4
# How a related case is ranked: its likeness in content (0-1, from the
# `case_content_neighbours` hook, e.g. the search app's "more like this"),
# plus these for the share of the case's themes it has and the same stage.
RELATED_THEME_WEIGHT = 0.5
RELATED_STAGE_WEIGHT = 0.2
# What a case card template reads besides the page's own columns.
CARD_RELATIONS = ("agency", "stage", "locale", "hero_image")
CARD_PREFETCH = ("themes",)
# The listing's orders: newest first (the default), or most reused first.
SORTS = ("newest", "reused")
# The reverse name of the reuse records ("we tried this") that point at a
# case; their model lives in an app above this one, reached through the ORM.
REUSES = "reuses"


class CaseIndexPage(IndexedWhenPublic, Page):
    intro = models.TextField(_("introduction"), blank=True)

    content_panels = Page.content_panels + [FieldPanel("intro")]
    parent_page_types = ["portal.HomePage"]
    subpage_types = ["cases.CaseStudyPage"]
    max_count_per_parent = 1

    class Meta:
        verbose_name = _("case index page")

    def get_context(self, request, *args, **kwargs):
        context = super().get_context(request, *args, **kwargs)
        context["listing"] = CaseListing(self, request)
        context["last_change"] = listing_key
        return context


class CaseListing:
    """The locale's cases that pass the reader's filters, newest first,
    PAGE_SIZE a page, with the facet counts over all of them. A bad filter
    value is named in a message; the other filters still apply. Read when
    the template first asks: a cached fragment asks for nothing."""

    def __init__(self, page, request):
        self.page, self.request = page, request

    @cached_property
    def filters(self):
        published = CaseStudyPage.objects.published(self.page.locale)
        return CaseFilter(self.request.GET, queryset=published)

    @cached_property
    def facets(self):
        return facet_counts(self.filters.qs, self.filters.chosen, self.page.locale)

    @cached_property
    def sort(self):
        """The order asked for; an unknown one is the default, newest first."""
        sort = self.request.GET.get("sort", "")
        return sort if sort in SORTS else SORTS[0]

    @cached_property
    def paginator(self):
        cases = self.filters.qs.for_cards()
        if self.sort == "reused":
            cases = cases.order_by("-reuse_count", *NEWEST)
        else:
            cases = cases.newest_first()
        return Paginator(cases, PAGE_SIZE)

    def sort_options(self):
        """(value, label, selected) of the orders the listing offers."""
        labels = {"newest": _("Newest first"), "reused": _("Most tried by others")}
        return [(value, labels[value], value == self.sort) for value in SORTS]

    def reused_only(self):
        return bool(self.filters.chosen.get("reused"))

    @cached_property
    def cases(self):
        return self.paginator.get_page(self.request.GET.get("page"))

    def facet_titles(self):
        return facet_titles()

    def active_filters(self):
        return filter_links(self.request.GET, self.facets)

    def filter_error(self):
        return " ".join(self.filters.error_messages())

    def query_string(self):
        """The filters without the page number, for the pagination links."""
        params = self.request.GET.copy()
        params.pop("page", None)
        return params.urlencode()


def last_page_change():
    """The newest entry in Wagtail's page log (a publication, unpublication,
    move or change of view restriction writes one), by id and time (an id
    alone may come again after a rolled-back transaction): cached fragments
    that list other pages name it in their key, so that any such change shows."""
    newest = PageLogEntry.objects.order_by("-pk").values_list("pk", "timestamp").first()
    return newest and f"{newest[0]}@{newest[1].isoformat()}"


def reuse_model():
    return CaseStudyPage._meta.get_field(REUSES).related_model


def last_reuse_change():
    """When a reuse record was last written or removed (the newest of its
    timestamps and its count): fragments that show reuse counts name it."""
    from django.db.models import Max

    found = reuse_model().objects.aggregate(newest=Max("updated_at"), n=Count("pk"))
    return f"{found['newest'] and found['newest'].isoformat()}:{found['n']}"


def listing_key():
    """What a fragment listing cases depends on: any page's publication,
    unpublication or move, and any reuse record's change (cards count them)."""
    return f"{last_page_change()}:{last_reuse_change()}"


class CaseTag(TaggedItemBase):
    content_object = ParentalKey(
        "cases.CaseStudyPage", related_name="tagged_items", on_delete=models.CASCADE
    )


class CaseStudyPageForm(WagtailAdminPageForm):
    """Adds the editor's "substantial change" mark: only then does "Updated"
    move. A new follow-up with a status gives the case that status; a case
    that is (or so becomes) stopped needs the reason it stopped."""

    substantial_change = forms.BooleanField(
        label=_("This is a substantial change"),
        required=False,
        help_text=_('Moves the "Updated" date to today. Describe the change in the change note.'),
    )

    # Translatable snippets offered as checkboxes, each stored once per
    # language: the page's language's (and whatever the page already has).
    IN_PAGE_LOCALE = ("partner_agencies", "themes")

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        locale_id = self.instance.locale_id or getattr(self.parent_page, "locale_id", None)
        if locale_id is None:
            return
        for name in self.IN_PAGE_LOCALE:
            field = self.fields.get(name)
            if field is None:
                continue
            chosen = self.initial.get(name)
            chosen = [chosen] if isinstance(chosen, models.Model | int | str) else chosen or []
            chosen = [getattr(c, "pk", c) for c in chosen if c]
            field.queryset = field.queryset.filter(
                models.Q(locale_id=locale_id) | models.Q(pk__in=chosen)
            )

    def clean(self):
        cleaned = super().clean()
        if cleaned.get("substantial_change") and not cleaned.get("change_note"):
            self.add_error("change_note", _("Describe what changed when you mark it substantial."))
        new_status = self._follow_up_status()
        status = new_status.status if new_status else cleaned.get("status")
        if status == CaseStatus.STOPPED:
            for name, message in stopped_reason_errors(
                cleaned.get("stopped_reason_kind"), cleaned.get("stopped_reason_text")
            ).items():
                self.add_error(name, message)
        return cleaned

    def _follow_up_status(self):
        """The newest of the follow-ups added in this form that give a status."""
        formset = self.formsets.get("follow_ups")
        if formset is None or not formset.is_valid():
            return None
        added = [
            form.cleaned_data
            for form in formset.forms
            if form.instance.pk is None
            and form.cleaned_data.get("status")
            and form.cleaned_data.get("date")
            and not form.cleaned_data.get("DELETE")
        ]
        if not added:
            return None
        newest = max(added, key=lambda data: data["date"])
        return CaseFollowUp(date=newest["date"], status=newest["status"])

    def save(self, commit=True):
        new_status = self._follow_up_status()
        page = super().save(commit=False)
        if new_status is not None:
            page.apply_follow_up_status(new_status.status, new_status.date)
        if self.cleaned_data.get("substantial_change"):
            page.updated = timezone.localdate()
        if commit:
            page.save()
        return page


class CaseQuerySet(PageQuerySet):
    def published(self, locale=None):
        """Live cases outside any private section, in one locale if given."""
        queryset = self.live().public()
        return queryset.filter(locale=locale) if locale is not None else queryset

    def for_cards(self):
        """With what a case card reads fetched along, in two queries however
        many: the reuse count is a subquery in the first."""
        return with_reuse_count(
            self.select_related(*CARD_RELATIONS).prefetch_related(*CARD_PREFETCH)
        )

    def newest_first(self):
        return self.order_by(*NEWEST)

    def cards(self, keys, *prefetch):
        """The cards (for_cards) of the cases with these keys, in the keys'
        order; a key not in the queryset is left out. The joins and reuse
        counts are made for these cases alone."""
        found = self.filter(pk__in=keys).for_cards().prefetch_related(*prefetch).in_bulk()
        return [found[key] for key in keys if key in found]


def with_reuse_count(queryset):
    """Each case with `reuse_count`: how many agencies recorded trying it
    (on the case or on any of its translations)."""
    reuses = (
        reuse_model()
        .objects.filter(case__translation_key=OuterRef("translation_key"))
        .order_by()
        .values("case__translation_key")
        .annotate(n=Count("pk"))
        .values("n")
    )
    return queryset.annotate(
        reuse_count=Coalesce(Subquery(reuses, output_field=IntegerField()), Value(0))
    )


class UpdatedDatePanel(FieldPanel):
    """The read-only "Updated" date, or a word for a case never updated."""

    def format_value_for_display(self, value):
        return date_format(value) if value else _("Not updated since it was published")


class CaseStudyPage(IndexedWhenPublic, RoutablePageMixin, Page):
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
    stopped_reason_kind = models.CharField(
        _("why it stopped"), max_length=20, choices=StoppedReason.choices, blank=True
    )
    stopped_reason_text = models.TextField(
        _("about why it stopped"),
        max_length=2000,
        blank=True,
        help_text=_("Required for a stopped case: what happened, in a few sentences."),
    )
    evidence_level = models.PositiveSmallIntegerField(
        _("evidence level"),
        choices=EvidenceLevel.choices,
        null=True,
        blank=True,
        help_text=_("How the results are known."),
    )
    inspired_by = ParentalManyToManyField(
        "self",
        verbose_name=_("builds on"),
        blank=True,
        symmetrical=False,
        related_name="inspired",
        help_text=_("Cases this one built on."),
    )
    updated = models.DateField(_("updated"), null=True, blank=True)
    change_note = models.CharField(_("change note"), max_length=300, blank=True)

    objects = PageManager.from_queryset(CaseQuerySet)()

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
                FieldPanel("stopped_reason_kind"),
                FieldPanel("stopped_reason_text"),
                FieldRowPanel([FieldPanel("started"), FieldPanel("ended")]),
                FieldPanel("tags"),
            ],
            heading=_("Classification"),
        ),
        FieldPanel("challenge"),
        FieldPanel("approach"),
        FieldPanel("results"),
        FieldPanel("evidence_level", widget=forms.RadioSelect),
        InlinePanel("lessons", heading=_("Lessons"), label=_("lesson"), min_num=1),
        FieldPanel("joint_work"),
        InlinePanel("follow_ups", heading=_("What happened next?"), label=_("follow-up")),
        MultiFieldPanel(
            [FieldPanel("contact_name"), FieldPanel("contact_role"), FieldPanel("contact_email")],
            heading=_("Contact"),
        ),
        InlinePanel("links", heading=_("Links"), label=_("link")),
        FieldPanel("inspired_by"),
        MultiFieldPanel([FieldPanel("hero_image"), FieldPanel("hero_alt")], heading=_("Image")),
        InlinePanel("attachments", heading=_("Attachments"), label=_("attachment")),
        InlinePanel(
            "pinned_related",
            heading=_("Related cases chosen by hand"),
            label=_("related case"),
            help_text=_("Shown first among the related cases, in this order."),
        ),
        MultiFieldPanel(
            [FieldPanel("change_note"), UpdatedDatePanel("updated", read_only=True)],
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
        index.SearchField("agency_names_for_search", boost=2),
        index.RelatedFields("themes", [index.SearchField("name")]),
        index.SearchField("stopped_for_search"),
        index.AutocompleteField("title"),
        index.FilterField("locale_id"),
        index.FilterField("status"),
        index.FilterField("stage_id"),
        index.FilterField("agency_id"),
        index.FilterField("started"),
        index.FilterField("first_published_at"),
        # What a search engine counts the facets by (cases.facets.INDEXED).
        index.FilterField("evidence_level"),
        index.FilterField("stopped_reason_kind"),
        index.FilterField("started_year_for_search"),
        index.FilterField("theme_slugs_for_search"),
    ]

    class Meta:
        verbose_name = _("case")
        verbose_name_plural = _("cases")
        indexes = [
            # The columns the facet counts group by (cases.facets), readable
            # from the index alone: the wide rows (the case text) are not read.
            models.Index(
                fields=[
                    "page_ptr",
                    "stage",
                    "agency",
                    "status",
                    "started",
                    "evidence_level",
                    "stopped_reason_kind",
                ],
                name="case_facts",
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
        if self.status != CaseStatus.STOPPED:
            self.stopped_reason_kind, self.stopped_reason_text = "", ""
        self.started = month_start(self.started)
        self.ended = month_start(self.ended)
        if not self.exchange_id:
            self.exchange_id = f"case-{uuid.uuid4().hex[:12]}"
        return super().save(*args, **kwargs)

    def started_year_for_search(self):
        """The year started, as the year filter's values are."""
        return str(self.started.year) if self.started else None

    def stopped_for_search(self):
        """A stopped case's status and why it stopped, in its language, as
        its page shows them: "avbrutet" finds it even when its text says
        it otherwise."""
        if self.status != CaseStatus.STOPPED:
            return ""
        with translation.override(self.locale.language_code):
            words = [str(CaseStatus.STOPPED.label)]
            if self.stopped_reason_kind:
                words.append(str(StoppedReason(self.stopped_reason_kind).label))
        return ". ".join([*words, self.stopped_reason_text])

    def agency_names_for_search(self):
        """The agency's names in every language: readers name an agency as
        it is known ("Skatteverket" finds the English cases too)."""
        agencies = self.agency.get_translations(inclusive=True)
        return " ".join(sorted({name for a in agencies for name in (a.name, a.short_name) if name}))

    def theme_slugs_for_search(self):
        """The themes' slugs, a theme's translations one slug."""
        return sorted({theme.slug for theme in self.themes.all()})

    @cached_property
    def tag_names(self):
        """Read once for the page and its structured data."""
        return [tag.name for tag in self.tags.all()]

    @property
    def is_stopped(self):
        return self.status == CaseStatus.STOPPED

    def apply_follow_up_status(self, status, on):
        """A follow-up's new status: the case is completed or stopped, and
        ended that month unless its end is already known."""
        self.status = status
        if not self.ended:
            self.ended = month_start(on)

    @property
    def evidence_explanation(self):
        return EVIDENCE_EXPLANATIONS.get(self.evidence_level, "")

    def lessons_by_kind(self):
        groups = {kind: [] for kind in LessonKind.values}
        for lesson in self.lessons.all():
            groups[lesson.kind].append(lesson)
        return [(kind, LessonKind(kind).label, items) for kind, items in groups.items() if items]

    @cached_property
    def theme_labels(self):
        """(slug, name) of the page's own themes by name: a preview shows its own."""
        themes = ((theme.slug, theme.name) for theme in self.themes.all())
        return sorted(themes, key=lambda item: item[1].lower())

    @cached_property
    def index_page(self):
        """The listing the case is in (its parent), for links to it filtered."""
        return self.get_parent()

    @cached_property
    def attachment_list(self):
        """The attachments with their documents, in one query for them all."""
        attachments = list(self.attachments.all())
        prefetch_related_objects(attachments, "document")
        return attachments

    def get_context(self, request, *args, **kwargs):
        # Everything else is read by the template when its cached fragment is
        # missing; the related cases' key names what they depend on besides the page.
        context = super().get_context(request, *args, **kwargs)
        context["related_cases"] = self.related_cases
        context["related_key"] = lambda: related_key(self, self.themes.all())
        return context

    def reuse_records(self):
        """What agencies recorded doing with the case or its translations
        ("we tried this"), latest change first: read on every request, never
        from a cached fragment."""
        if self.pk is None:
            return []
        records = reuse_model().objects.filter(case__translation_key=self.translation_key)
        return list(records.select_related("agency", "own_case").order_by("-updated_at", "-pk"))

    def built_on(self):
        """The published cases this one built on, in its language when they
        have a translation in it, by title."""
        sources = CaseStudyPage.objects.published().filter(pk__in=self.inspired_by.all())
        shown = {}
        for source in sources.select_related("locale"):
            translated = (
                source
                if source.locale_id == self.locale_id
                else CaseStudyPage.objects.published(self.locale)
                .filter(translation_key=source.translation_key)
                .first()
            )
            page = translated or source
            shown[page.pk] = page
        return sorted(shown.values(), key=lambda page: page.title.lower())

    @path("contact/", name="contact")
    def contact(self, request):
        """The form that writes to the contact person (cases.contact): on its
        own URL, never cached, so the case page carries no CSRF token. A
        case without a contact address has no such page."""
        if not self.contact_email:
            raise Http404
        form = ContactForm(request.POST if request.method == "POST" else None)
        status, error = 200, ""
        if request.method == "POST":
            if over_limit(
                "case-contact",
                request,
                limit=settings.CASES_CONTACT_RATE_LIMIT,
                window=settings.CASES_CONTACT_RATE_WINDOW,
            ):
                status = 429
                error = _(
                    "Many messages have come from your network in a short time. "
                    "Wait an hour and try again."
                )
            elif form.is_valid():
                send_contact_message(self, form.cleaned_data, absolute(self.url))
                return HttpResponseRedirect(self.url + self.reverse_subpage("contact_sent"))
            else:
                status = 400
        return self._never_cached(
            request, "cases/contact.html", {"form": form, "error": error}, status
        )

    @path("contact/sent/", name="contact_sent")
    def contact_sent(self, request):
        if not self.contact_email:
            raise Http404
        return self._never_cached(request, "cases/contact.html", {"sent": True}, 200)

    def contact_url(self):
        return self.url + self.reverse_subpage("contact")

    def _never_cached(self, request, template, context, status):
        privacy = (
            Page.objects.live()
            .filter(locale=self.locale, slug__in=["personuppgifter", "privacy"])
            .first()
        )
        context = {
            "page": self,
            "self": self,
            "privacy_url": privacy.get_url(request) if privacy else None,
            **context,
        }
        response = TemplateResponse(request, template, context, status=status)
        add_never_cache_headers(response)
        response["X-Robots-Tag"] = "noindex"
        return response

    def related_cases(self):
        """The published cases related to this one: those an editor chose, in
        their order, then up to RELATED_SHOWN in all: the same language
        first, ranked by likeness in content (the `case_content_neighbours`
        hook) plus shared themes and the same stage; the case's translations
        left out. Candidates: the content's, and the RELATED_CANDIDATES
        newest cases of the language sharing a theme or the stage."""
        pinned = [item.case_id for item in self.pinned_related.all() if item.case_id]
        likeness = content_likeness(self)
        theme_ids = [theme.pk for theme in self.themes.all()]
        through = CaseStudyPage.themes.through.objects
        # Outside the list of the published: the query below reads only those.
        by_themes = (
            CaseStudyPage.objects.live()
            .filter(locale_id=self.locale_id)
            .filter(
                Q(stage_id=self.stage_id)
                | Q(pk__in=through.filter(theme_id__in=theme_ids).values("casestudypage_id"))
            )
            .newest_first()
            .values("pk")[:RELATED_CANDIDATES]
        )
        shared = (
            through.filter(casestudypage_id=OuterRef("pk"), theme_id__in=theme_ids)
            .order_by()
            .values("casestudypage_id")
            .annotate(n=Count("pk"))
            .values("n")
        )
        rows = (
            CaseStudyPage.objects.published()
            .exclude(pk=self.pk)
            .exclude(translation_key=self.translation_key)
            .filter(Q(pk__in=by_themes) | Q(pk__in=[*likeness, *pinned]))
            .annotate(
                shared=Coalesce(Subquery(shared, output_field=IntegerField()), Value(0)),
                same_stage=Case(When(stage_id=self.stage_id, then=Value(1)), default=Value(0)),
            )
            .values_list("pk", "locale_id", "shared", "same_stage", "first_published_at")
        )
        rows = list(rows)
        published_pinned = {row[0] for row in rows} & set(pinned)
        pinned = [pk for pk in pinned if pk in published_pinned]

        def rank(row):
            pk, locale_id, shared_themes, same_stage, published = row
            score = (
                likeness.get(pk, 0.0)
                + RELATED_THEME_WEIGHT * shared_themes / max(len(theme_ids), 1)
                + RELATED_STAGE_WEIGHT * same_stage
            )
            newest = published.timestamp() if published else 0
            return (locale_id != self.locale_id, -score, -newest, -pk)

        others = sorted((row for row in rows if row[0] not in published_pinned), key=rank)
        wanted = [*pinned, *(row[0] for row in others[: max(RELATED_SHOWN - len(pinned), 0)])]
        # Published, as the rows above say.
        return CaseStudyPage.objects.cards(wanted)


def content_likeness(page):
    """{pk: likeness from 0 to 1} of the cases most like the page by content,
    from the first `case_content_neighbours` hook ([(pk, score)], best first;
    the scores are relative to the best one). Empty without such a hook."""
    for neighbours in hooks.get_hooks("case_content_neighbours"):
        found = neighbours(page)
        if not found or not found[0][1]:
            return {}
        best = found[0][1]
        return {pk: max(score / best, 0.0) for pk, score in found}
    return {}


def related_key(page, themes):
    """What a case page's related cases depend on besides the page itself:
    its language, stage and themes, and the last publication, unpublication
    or move of any page (Wagtail's log, newest entry by its primary key)."""
    theme_ids = ",".join(str(pk) for pk in sorted(theme.pk for theme in themes))
    return f"{page.locale_id}:{page.stage_id}:{theme_ids}:{listing_key()}"


def stopped_reason_errors(kind, text):
    """{field: message} when a stopped case lacks its reason (admin and forms)."""
    errors = {}
    if not kind:
        errors["stopped_reason_kind"] = _("Choose why the case was stopped.")
    if not (text or "").strip():
        errors["stopped_reason_text"] = _("Describe in a few sentences why it was stopped.")
    return errors


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


class PinnedRelatedCase(Orderable):
    """A related case an editor chose: shown first among the related cases."""

    page = ParentalKey(CaseStudyPage, related_name="pinned_related", on_delete=models.CASCADE)
    case = models.ForeignKey(
        CaseStudyPage, verbose_name=_("case"), on_delete=models.CASCADE, related_name="+"
    )

    panels = [PageChooserPanel("case", "cases.CaseStudyPage")]

    class Meta(Orderable.Meta):
        verbose_name = _("related case")
        verbose_name_plural = _("related cases chosen by hand")


class CaseAttachment(Orderable):
    page = ParentalKey(CaseStudyPage, related_name="attachments", on_delete=models.CASCADE)
    document = models.ForeignKey(
        "wagtaildocs.Document",
        verbose_name=_("document"),
        on_delete=models.CASCADE,
        related_name="+",
    )

    panels = [FieldPanel("document")]


class CaseFollowUp(Orderable):
    """What happened after the case was published, on a date: a text, and
    perhaps the case's new status."""

    page = ParentalKey(CaseStudyPage, related_name="follow_ups", on_delete=models.CASCADE)
    date = models.DateField(_("date"))
    text = models.TextField(_("what happened"), max_length=4000)
    status = models.CharField(
        _("new status"),
        max_length=20,
        choices=FollowUpStatus.choices,
        blank=True,
        help_text=_("Only when the case changed status: completed or stopped."),
    )

    panels = [FieldPanel("date"), FieldPanel("text"), FieldPanel("status")]

    class Meta(Orderable.Meta):
        verbose_name = _("follow-up")
        verbose_name_plural = _("follow-ups")

    def __str__(self):
        return f"{self.date}: {self.text[:60]}"


class FollowUpReminder(models.Model):
    """A reminder sent for a case: `months` after its `anchor` (publication
    or the last follow-up). One of each, so a reminder is never sent twice."""

    page = models.ForeignKey(
        CaseStudyPage, on_delete=models.CASCADE, related_name="follow_up_reminders"
    )
    anchor = models.DateField()
    months = models.PositiveSmallIntegerField()
    sent_at = models.DateTimeField(default=timezone.now)

    class Meta:
        constraints = [
            models.UniqueConstraint(
                fields=["page", "anchor", "months"], name="one_reminder_per_step"
            )
        ]

    def __str__(self):
        return f"{self.page_id}: {self.months} months after {self.anchor}"
