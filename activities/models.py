"""Activity pages (index and activity) and the registrations for them.

Registrations always belong to the activity in the default language (the
"source" page): the Swedish and English pages of one activity share one set of
places. See `ActivityPage.registration_activity`.
"""

from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import models
from django.db.models import Q, Sum
from django.http import HttpResponseRedirect
from django.shortcuts import render
from django.utils import timezone
from django.utils.cache import add_never_cache_headers
from django.utils.translation import gettext_lazy as _
from wagtail.admin.panels import FieldPanel, FieldRowPanel, MultiFieldPanel
from wagtail.contrib.routable_page.models import RoutablePageMixin, path
from wagtail.fields import RichTextField, StreamField
from wagtail.models import Locale, Page
from wagtail.search import index

from activities.blocks import ProgrammeItemBlock
from core.indexing import IndexedWhenPublic

# The session key for the addresses the last registration form e-mailed.
SENT_KEY = "activities_registration_sent"

BODY_FEATURES = ["h2", "h3", "bold", "italic", "ol", "ul", "link"]


class ActivityType(models.TextChoices):
    INNOVATION_DAY = "innovation_day", _("innovation day")
    STUDY_VISIT = "study_visit", _("study visit")
    INNOVATION_LAB = "innovation_lab", _("innovation lab")
    WEBINAR = "webinar", _("webinar")


class ActivityStatus(models.TextChoices):
    UPCOMING = "upcoming", _("upcoming")
    ONGOING = "ongoing", _("ongoing")
    PAST = "past", _("past")
    CANCELLED = "cancelled", _("cancelled")


class ActivityIndexPage(IndexedWhenPublic, RoutablePageMixin, Page):
    intro = models.TextField(_("introduction"), blank=True)

    content_panels = Page.content_panels + [FieldPanel("intro")]
    parent_page_types = ["portal.HomePage"]
    subpage_types = ["activities.ActivityPage"]
    max_count_per_parent = 1

    class Meta:
        verbose_name = _("activity index")

    def activities(self):
        return ActivityPage.objects.live().child_of(self).order_by("starts_at")

    @path("")
    def upcoming(self, request):
        now = timezone.now()
        return self.render(
            request,
            context_overrides={
                "activities": self.activities().filter(ends_at__gt=now),
                "archive": False,
            },
        )

    @path("archive/", name="archive")
    @path("arkiv/", name="arkiv")
    def archive(self, request):
        now = timezone.now()
        return self.render(
            request,
            context_overrides={
                "activities": self.activities().filter(ends_at__lte=now).order_by("-starts_at"),
                "archive": True,
            },
        )

    @path("ical/", name="feed")
    def feed(self, request):
        from activities.calendar import calendar_response, upcoming_feed

        return calendar_response(upcoming_feed(self), "activities.ics", inline=True)

    def archive_url(self):
        name = "arkiv" if self.locale.language_code == "sv" else "archive"
        return self.url + self.reverse_subpage(name)

    def feed_url(self):
        return self.url + self.reverse_subpage("feed")


class ActivityPage(IndexedWhenPublic, RoutablePageMixin, Page):
    activity_type = models.CharField(_("type"), max_length=20, choices=ActivityType.choices)
    summary = models.TextField(_("summary"), max_length=400)
    description = RichTextField(_("description"), features=BODY_FEATURES, blank=True)
    starts_at = models.DateTimeField(_("starts"))
    ends_at = models.DateTimeField(_("ends"))
    venue = models.CharField(_("place"), max_length=200, blank=True)
    address = models.TextField(_("address"), blank=True)
    online_url = models.URLField(
        _("online link"), blank=True, help_text=_("For webinars: the link to join.")
    )
    organiser = models.CharField(_("organiser"), max_length=200)
    partners = models.TextField(_("partners"), blank=True, help_text=_("One per line."))
    programme = StreamField(
        [("item", ProgrammeItemBlock())], blank=True, verbose_name=_("programme")
    )
    capacity = models.PositiveIntegerField(_("places"), help_text=_("Counted in people."))
    registration_opens_at = models.DateTimeField(_("registration opens"))
    registration_closes_at = models.DateTimeField(_("registration closes"))
    cancellation_deadline = models.DateTimeField(
        _("last time to cancel"),
        null=True,
        blank=True,
        help_text=_("Empty: until the activity starts."),
    )
    joint_registration = models.BooleanField(
        _("joint registration required"),
        default=False,
        help_text=_(
            "Each registration is a pair from one agency: an employer representative "
            "and an employee representative."
        ),
    )
    cancelled = models.BooleanField(
        _("cancelled"),
        default=False,
        help_text=_("Everyone registered gets an e-mail when the page is published."),
    )

    content_panels = Page.content_panels + [
        FieldPanel("activity_type"),
        FieldPanel("summary"),
        FieldRowPanel([FieldPanel("starts_at"), FieldPanel("ends_at")], heading=_("time")),
        MultiFieldPanel(
            [FieldPanel("venue"), FieldPanel("address"), FieldPanel("online_url")],
            heading=_("place"),
        ),
        FieldPanel("organiser"),
        FieldPanel("partners"),
        FieldPanel("description"),
        FieldPanel("programme"),
        MultiFieldPanel(
            [
                FieldPanel("capacity"),
                FieldPanel("joint_registration"),
                FieldRowPanel(
                    [FieldPanel("registration_opens_at"), FieldPanel("registration_closes_at")]
                ),
                FieldPanel("cancellation_deadline"),
                FieldPanel("cancelled"),
            ],
            heading=_("registration"),
        ),
    ]
    search_fields = Page.search_fields + [
        index.SearchField("summary"),
        index.SearchField("description"),
        index.FilterField("starts_at"),
    ]
    parent_page_types = ["activities.ActivityIndexPage"]
    subpage_types = []

    class Meta:
        verbose_name = _("activity")
        verbose_name_plural = _("activities")

    def clean(self):
        super().clean()
        errors = {}
        if self.starts_at and self.ends_at and self.ends_at <= self.starts_at:
            errors["ends_at"] = _("The activity must end after it starts.")
        if (
            self.registration_opens_at
            and self.registration_closes_at
            and self.registration_closes_at <= self.registration_opens_at
        ):
            errors["registration_closes_at"] = _("Registration must close after it opens.")
        if (
            self.registration_closes_at
            and self.ends_at
            and self.registration_closes_at > self.ends_at
        ):
            errors["registration_closes_at"] = _(
                "Registration must close before the activity ends."
            )
        if not (self.venue or self.address or self.online_url):
            errors["venue"] = _("Give a place, an address or an online link.")
        if self.joint_registration and self.capacity and self.capacity < 2:
            errors["capacity"] = _("A joint activity needs room for at least one pair.")
        if errors:
            raise ValidationError(errors)

    # --- time-derived state -------------------------------------------------

    def status(self, now=None):
        now = now or timezone.now()
        if self.cancelled:
            return ActivityStatus.CANCELLED
        if now >= self.ends_at:
            return ActivityStatus.PAST
        if now >= self.starts_at:
            return ActivityStatus.ONGOING
        return ActivityStatus.UPCOMING

    @property
    def status_label(self):
        return ActivityStatus(self.status()).label

    def registration_state(self, now=None):
        """'open', 'not_open_yet', 'closed' or 'cancelled'."""
        now = now or timezone.now()
        if self.cancelled:
            return "cancelled"
        if now < self.registration_opens_at:
            return "not_open_yet"
        if now >= self.registration_closes_at or now >= self.starts_at:
            return "closed"
        return "open"

    @property
    def is_online(self):
        """Held online only: no physical place, so nothing to eat and no venue."""
        return bool(self.online_url) and not (self.venue or self.address)

    def has_ended(self, now=None):
        return (now or timezone.now()) >= self.ends_at

    @property
    def cancel_until(self):
        return self.cancellation_deadline or self.starts_at

    @property
    def address_line(self):
        return ", ".join(line.strip() for line in self.address.splitlines() if line.strip())

    @property
    def partner_list(self):
        return [line.strip() for line in self.partners.splitlines() if line.strip()]

    @property
    def registration_activity(self):
        """The page that holds the places: this activity in the default language."""
        default = Locale.get_default()
        if self.locale_id == default.pk:
            return self
        return (
            ActivityPage.objects.filter(
                translation_key=self.translation_key, locale=default
            ).first()
            or self
        )

    def places_taken(self):
        return (
            self.registration_activity.registrations.filter(
                status=Registration.Status.CONFIRMED
            ).aggregate(n=Sum("people"))["n"]
            or 0
        )

    def places_left(self):
        return max(self.capacity - self.places_taken(), 0)

    # --- views ----------------------------------------------------------------

    def get_context(self, request, *args, **kwargs):
        context = super().get_context(request, *args, **kwargs)
        privacy = (
            Page.objects.live()
            .filter(locale=self.locale, slug__in=["personuppgifter", "privacy"])
            .first()
        )
        context["privacy_url"] = privacy.get_url(request) if privacy else None
        return context

    @path("")
    def detail(self, request):
        from activities.forms import RegistrationForm
        from activities.registration import AlreadyRegistered, RegistrationError, register
        from core.ratelimit import over_limit

        form = RegistrationForm(self, data=request.POST if request.method == "POST" else None)
        error = None
        status = 200
        if request.method == "POST" and form.is_valid():
            if over_limit(
                "activity-registration",
                request,
                limit=settings.ACTIVITIES_REGISTRATION_RATE_LIMIT,
                window=settings.ACTIVITIES_REGISTRATION_RATE_WINDOW,
            ):
                error = _(
                    "Many registrations have come from your network in a short time. "
                    "Try again later, or contact the organiser."
                )
                status = 429
            else:
                try:
                    register(self, **form.registration_kwargs(request))
                except AlreadyRegistered:
                    pass  # each person has an e-mail saying so; the page says what it always says
                except RegistrationError as exc:
                    error = exc.message
                if error is None:
                    request.session[SENT_KEY] = {"page": self.pk, "emails": form.emails()}
                    return HttpResponseRedirect(self.url + self.reverse_subpage("registered"))
        response = self.render(
            request, context_overrides={"form": form, "registration_error": error}
        )
        response.status_code = status
        return response

    @path("registered/", name="registered")
    def registered(self, request):
        """The same words whether the registration was made or the address
        already had one: only the e-mail tells the two apart."""
        sent = request.session.get(SENT_KEY)
        if not sent or sent.get("page") != self.pk:
            return HttpResponseRedirect(self.url)
        response = render(
            request, "activities/registered.html", {"page": self, "emails": sent["emails"]}
        )
        add_never_cache_headers(response)
        return response

    @path("ical/", name="ics")
    def ics(self, request):
        from activities.calendar import activity_calendar, calendar_response

        return calendar_response(activity_calendar(self), f"{self.slug}.ics")

    def ics_url(self):
        return self.url + self.reverse_subpage("ics")


class Role(models.TextChoices):
    EMPLOYER = "employer", _("employer representative")
    EMPLOYEE = "employee", _("employee representative")
    OTHER = "other", _("other")


class Registration(models.Model):
    """One registration: one person, or for joint activities one pair."""

    class Status(models.TextChoices):
        CONFIRMED = "confirmed", _("confirmed")
        WAITING = "waiting", _("waiting list")
        CANCELLED = "cancelled", _("cancelled")

    activity = models.ForeignKey(
        ActivityPage,
        verbose_name=_("activity"),
        on_delete=models.CASCADE,
        related_name="registrations",
    )
    status = models.CharField(_("status"), max_length=12, choices=Status.choices)
    people = models.PositiveSmallIntegerField(_("people"), default=1)
    agency = models.ForeignKey(
        "cases.Agency",
        verbose_name=_("agency"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    organisation = models.CharField(_("organisation"), max_length=200)
    language = models.CharField(_("language"), max_length=8, default=settings.LANGUAGE_CODE)
    created_at = models.DateTimeField(_("registered"), default=timezone.now)
    confirmed_at = models.DateTimeField(_("confirmed"), null=True, blank=True)
    cancelled_at = models.DateTimeField(_("cancelled"), null=True, blank=True)
    activity_cancelled_notice_at = models.DateTimeField(null=True, blank=True, editable=False)
    anonymised_at = models.DateTimeField(_("personal data deleted"), null=True, blank=True)

    class Meta:
        verbose_name = _("registration")
        verbose_name_plural = _("registrations")
        ordering = ["created_at", "pk"]
        indexes = [models.Index(fields=["activity", "status", "created_at"])]

    def __str__(self):
        names = ", ".join(p.name for p in self.participants.all())
        return f"{names or self.organisation} ({self.get_status_display()})"

    @property
    def is_active(self):
        return self.status != self.Status.CANCELLED


class Participant(models.Model):
    """A person in a registration. All personal data of the app lives here."""

    registration = models.ForeignKey(
        Registration, on_delete=models.CASCADE, related_name="participants"
    )
    activity = models.ForeignKey(ActivityPage, on_delete=models.CASCADE, related_name="+")
    name = models.CharField(_("name"), max_length=200)
    email = models.EmailField(_("e-mail"))
    role = models.CharField(_("role"), max_length=10, choices=Role.choices)
    dietary_needs = models.CharField(_("dietary needs"), max_length=500, blank=True)
    accessibility_needs = models.CharField(_("accessibility needs"), max_length=500, blank=True)
    holds_place = models.BooleanField(default=True)

    class Meta:
        verbose_name = _("participant")
        verbose_name_plural = _("participants")
        ordering = ["pk"]
        constraints = [
            models.UniqueConstraint(
                fields=["activity", "email"],
                condition=Q(holds_place=True),
                name="activities_one_place_per_email",
            )
        ]

    def __str__(self):
        return self.name
