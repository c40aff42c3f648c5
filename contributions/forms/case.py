"""The front-end case form: the case's sections as plain Django forms, with
guidance for people who have never used the CMS. "Save draft" needs only a
title; "Send for review" needs what the case-exchange format requires. The
form is written into the case page's draft revision through cases.writing:
the page is the submission, nothing is copied."""

import datetime
import re

from django import forms
from django.conf import settings
from django.utils.html import format_html
from django.utils.translation import gettext_lazy as _
from wagtail.models import Locale

from cases.choices import EVIDENCE_EXPLANATIONS, EvidenceLevel, StoppedReason
from cases.models import CaseStatus, CaseStudyPage, LessonKind, stopped_reason_errors
from cases.snippets import Agency, DigitalisationStage, Theme
from cases.writing import YEARS, CaseContent, richtext_to_text, write_case
from contributions.images import check_image, store_image
from core.control_characters import WithoutControlCharactersMixin

REQUIRED_FOR_SUBMIT = (
    "title",
    "summary",
    "themes",
    "stage",
    "status",
    "started",
    "challenge",
    "approach",
)
CONDITIONAL = ("stopped_reason_kind", "stopped_reason_text", "hero_alt")
MONTH = re.compile(r"^\s*(\d{4})-(\d{1,2})(?:-\d{1,2})?\s*$", re.ASCII)


class MonthInput(forms.DateInput):
    input_type = "month"

    def format_value(self, value):
        if isinstance(value, datetime.date):
            return value.strftime("%Y-%m")
        return value


class MonthField(forms.Field):
    widget = MonthInput

    def __init__(self, **kwargs):
        kwargs.setdefault("help_text", _("Year and month, for example 2023-09."))
        super().__init__(**kwargs)
        self.widget.attrs.setdefault("placeholder", "YYYY-MM")

    def to_python(self, value):
        if value in self.empty_values:
            return None
        if isinstance(value, datetime.date):
            return value.replace(day=1)
        match = MONTH.match(str(value))
        if not match or not 1 <= int(match[2]) <= 12:
            raise forms.ValidationError(_("Write the month as year-month, for example 2023-09."))
        if int(match[1]) not in YEARS:
            raise forms.ValidationError(
                _("The year must be between %(first)s and %(last)s.")
                % {"first": YEARS[0], "last": YEARS[-1]}
            )
        return datetime.date(int(match[1]), int(match[2]), 1)


class CaseForm(WithoutControlCharactersMixin, forms.Form):
    use_required_attribute = False  # "Save draft" must work with empty fields

    language = forms.ChoiceField(
        label=_("Language of the case"),
        choices=settings.LANGUAGES,
        help_text=_("Write the case in Swedish or English. An editor can add a translation later."),
    )
    title = forms.CharField(
        label=_("Title"),
        max_length=255,
        help_text=_(
            "Say what was done, not the project's name. Example: "
            "“Chatbot that answers questions about the tax return”."
        ),
    )
    summary = forms.CharField(
        label=_("Summary"),
        max_length=400,
        widget=forms.Textarea(attrs={"rows": 4}),
        help_text=_(
            "At most 400 characters: the problem, what you did and the most "
            "important result. It is shown in listings and search results."
        ),
    )
    themes = forms.MultipleChoiceField(
        label=_("Themes"),
        widget=forms.CheckboxSelectMultiple,
        help_text=_("Choose one or more."),
    )
    stage = forms.ChoiceField(
        label=_("Stage"),
        widget=forms.RadioSelect,
        help_text=_("How far the initiative has come. Choose the stage it has reached now."),
    )
    status = forms.ChoiceField(
        label=_("Status"),
        choices=CaseStatus.choices,
        widget=forms.RadioSelect,
        help_text=_(
            "A stopped project is as valuable as a completed one: its lessons say what to avoid."
        ),
    )
    stopped_reason_kind = forms.ChoiceField(
        label=_("Why was it stopped?"),
        choices=StoppedReason.choices,
        widget=forms.RadioSelect,
        help_text=_("Only for a stopped case: choose what stopped it most."),
    )
    stopped_reason_text = forms.CharField(
        label=_("What happened?"),
        max_length=2000,
        widget=forms.Textarea(attrs={"rows": 4}),
        help_text=_(
            "Only for a stopped case: a few sentences that help others avoid the same end."
        ),
    )
    started = MonthField(label=_("Started"))
    ended = MonthField(label=_("Ended"), help_text=_("Leave empty while the project goes on."))
    challenge = forms.CharField(
        label=_("The challenge"),
        widget=forms.Textarea(attrs={"rows": 8}),
        help_text=_(
            "What problem did you want to solve, and for whom? "
            "Separate paragraphs with an empty line."
        ),
    )
    approach = forms.CharField(
        label=_("What we did"),
        widget=forms.Textarea(attrs={"rows": 8}),
        help_text=_("How you worked: methods, people involved, technology, time and money."),
    )
    results = forms.CharField(
        label=_("Results"),
        widget=forms.Textarea(attrs={"rows": 6}),
        help_text=_("What changed? Give numbers where you have them, and say what did not work."),
    )
    evidence_level = forms.TypedChoiceField(
        label=_("How do you know the results?"),
        coerce=int,
        empty_value=None,
        widget=forms.RadioSelect,
        help_text=_(
            "Choose the highest level that is true of the case. Every level is "
            "welcome: a described result is worth sharing too."
        ),
    )
    joint_work = forms.CharField(
        label=_("Working together (employer and unions)"),
        widget=forms.Textarea(attrs={"rows": 5}),
        help_text=_(
            "How the local parties (employer and union representatives) "
            "worked on the change together."
        ),
    )
    partner_agencies = forms.MultipleChoiceField(
        label=_("Partners"),
        widget=forms.CheckboxSelectMultiple,
        help_text=_("Other agencies that took part."),
    )
    tags = forms.CharField(
        label=_("Tags"),
        max_length=500,
        help_text=_("Keywords separated by commas, for example: chatbot, customer service."),
    )
    contact_name = forms.CharField(label=_("Contact name"), max_length=200)
    contact_role = forms.CharField(label=_("Contact role"), max_length=200)
    contact_email = forms.EmailField(
        label=_("Contact e-mail"),
        max_length=254,
        help_text=_(
            "Never shown on the site: readers write to it through a form on the case. "
            "A shared address works well."
        ),
    )
    hero_image = forms.FileField(
        label=_("Image"),
        help_text=_(
            "JPEG, PNG or WebP, at most 10 MB and 40 million pixels. Camera, "
            "time and location data in the image is removed."
        ),
        widget=forms.ClearableFileInput(attrs={"accept": "image/jpeg,image/png,image/webp"}),
    )
    hero_alt = forms.CharField(
        label=_("Alternative text"),
        max_length=250,
        help_text=_("Describe the image for people who cannot see it. Required with an image."),
    )
    remove_image = forms.BooleanField(label=_("Remove the current image"))

    def __init__(
        self, *args, strict=False, language=None, has_image=False, fixed_language=False, **kwargs
    ):
        super().__init__(*args, **kwargs)
        self.strict = strict
        self.has_image = has_image
        for name, field in self.fields.items():
            field.required = name == "title" or (strict and name in REQUIRED_FOR_SUBMIT)
            field.needed_for_submit = name in REQUIRED_FOR_SUBMIT
            # Required only with a stopped status or an image: not marked optional.
            field.mark_optional = name not in CONDITIONAL
        if fixed_language:
            del self.fields["language"]
        else:
            self.fields["language"].required = True
            self.fields["language"].needed_for_submit = True
        if not has_image:
            del self.fields["remove_image"]
        self.fields["evidence_level"].choices = [
            (level, format_html("<strong>{}. {}</strong><br>{}", level, label, explanation))
            for level, label, explanation in (
                (level, label, EVIDENCE_EXPLANATIONS[level])
                for level, label in EvidenceLevel.choices
            )
        ]
        ui_locale = Locale.get_active()
        self.fields["themes"].choices = [
            (t.slug, t.name) for t in Theme.objects.filter(locale=ui_locale).order_by("name")
        ]
        self.fields["stage"].choices = [
            (s.slug, s.name) for s in DigitalisationStage.objects.filter(locale=ui_locale)
        ]
        default = Locale.get_default()
        self.fields["partner_agencies"].choices = [
            (str(a.translation_key), a.name) for a in Agency.objects.filter(locale=default)
        ]

    def clean_hero_image(self):
        upload = self.cleaned_data.get("hero_image")
        if upload:
            check_image(upload)
        return upload

    def clean(self):
        cleaned = super().clean()
        started, ended = cleaned.get("started"), cleaned.get("ended")
        if started and ended and ended < started:
            self.add_error("ended", _("The end cannot be before the start."))
        if self.strict and cleaned.get("status") == CaseStatus.STOPPED:
            errors = stopped_reason_errors(
                cleaned.get("stopped_reason_kind"), cleaned.get("stopped_reason_text")
            )
            for name, message in errors.items():
                if name not in self.errors:
                    self.add_error(name, message)
        keeps_image = (self.has_image and not cleaned.get("remove_image")) or cleaned.get(
            "hero_image"
        )
        if keeps_image and not (cleaned.get("hero_alt") or "").strip():
            self.add_error("hero_alt", _("Describe the image: alternative text is required."))
        return cleaned

    @property
    def tag_list(self):
        raw = self.cleaned_data.get("tags") or ""
        seen, tags = set(), []
        for tag in (t.strip()[:100] for t in raw.split(",")):
            if tag and tag.lower() not in seen:
                seen.add(tag.lower())
                tags.append(tag)
        return tags

    def save(self, lessons, links, user, agency, page=None):
        """Write the form into a new revision of `page`, or of a new case page
        of the contributor's `agency`. A published case stays online as it is:
        only the revision changes. Returns the page."""
        data = self.cleaned_data
        upload = data.get("hero_image")
        image = store_image(upload, data["title"], user) if upload else None
        if page is None:
            locale = Locale.objects.get(language_code=data["language"])
            page = CaseStudyPage(locale=locale, owner=user)
        else:
            page = page.get_latest_revision_as_object()
            agency = None  # the case stays with its agency
        page.hero_alt = data.get("hero_alt") or ""
        if image is not None:
            page.hero_image = image
        elif data.get("remove_image"):
            page.hero_image, page.hero_alt = None, ""
        write_case(page, self._content(lessons, links, agency), user=user, clean=False)
        return page

    def _content(self, lessons, links, agency):
        data = self.cleaned_data
        partners = Agency.objects.filter(
            translation_key__in=data.get("partner_agencies") or [], locale=Locale.get_default()
        )
        return CaseContent(
            title=data["title"],
            summary=data.get("summary") or "",
            agency=agency,
            partner_agencies=list(partners),
            themes=data.get("themes") or [],
            stage=data.get("stage") or "",
            status=data.get("status") or CaseStatus.ONGOING,
            started=data.get("started"),
            ended=data.get("ended"),
            challenge=data.get("challenge") or "",
            approach=data.get("approach") or "",
            results=data.get("results") or "",
            joint_work=data.get("joint_work") or "",
            lessons=[{"kind": row["kind"], "text": row["text"]} for row in kept_rows(lessons)],
            links=[{"title": row["title"], "url": row["url"]} for row in kept_rows(links)],
            tags=self.tag_list,
            contact_name=data.get("contact_name") or "",
            contact_role=data.get("contact_role") or "",
            contact_email=data.get("contact_email") or "",
            stopped_reason_kind=data.get("stopped_reason_kind") or "",
            stopped_reason_text=data.get("stopped_reason_text") or "",
            evidence_level=data.get("evidence_level"),
        )


def initial_from_page(page):
    """Form values from the page's latest revision (what the contributor last saved)."""
    return {
        "title": page.title,
        "summary": page.summary,
        "themes": [t.slug for t in page.themes.all()],
        "stage": page.stage.slug if page.stage_id else "",
        "status": page.status,
        "started": page.started,
        "ended": page.ended,
        "challenge": richtext_to_text(page.challenge),
        "approach": richtext_to_text(page.approach),
        "results": richtext_to_text(page.results),
        "joint_work": richtext_to_text(page.joint_work),
        "partner_agencies": [str(a.translation_key) for a in page.partner_agencies.all()],
        "tags": ", ".join(t.name for t in page.tags.all()),
        "contact_name": page.contact_name,
        "contact_role": page.contact_role,
        "contact_email": page.contact_email,
        "hero_alt": page.hero_alt,
        "stopped_reason_kind": page.stopped_reason_kind,
        "stopped_reason_text": page.stopped_reason_text,
        "evidence_level": page.evidence_level,
    }


def lessons_initial(page):
    return [{"kind": lesson.kind, "text": lesson.text} for lesson in page.lessons.all()]


def links_initial(page):
    return [{"title": link.title, "url": link.url} for link in page.links.all()]


class LessonForm(WithoutControlCharactersMixin, forms.Form):
    use_required_attribute = False
    kind = forms.ChoiceField(
        label=_("Kind of lesson"),
        choices=[("", _("Choose the kind"))] + list(LessonKind.choices),
    )
    text = forms.CharField(
        label=_("Lesson"),
        widget=forms.Textarea(attrs={"rows": 3}),
        help_text=_(
            "One lesson in a few sentences. Example: “Start with one office and "
            "let the staff change the questions before you go wider.”"
        ),
    )


class LinkForm(WithoutControlCharactersMixin, forms.Form):
    use_required_attribute = False
    title = forms.CharField(label=_("Link text"), max_length=200)
    url = forms.URLField(
        label=_("Address"),
        max_length=500,
        assume_scheme="https",
        help_text=_("For example a report or a film about the project."),
    )


class BaseLessonFormSet(forms.BaseFormSet):
    strict = False
    row_label = _("Lesson %(n)s")  # names the rows in the error summary

    def clean(self):
        super().clean()
        if any(self.errors):
            return
        kept = [f for f in self.forms if f.cleaned_data and not f.cleaned_data.get("DELETE")]
        if self.strict and not kept:
            raise forms.ValidationError(_("Write at least one lesson."))


LessonFormSet = forms.formset_factory(
    LessonForm, formset=BaseLessonFormSet, extra=3, can_delete=True, max_num=30
)


class BaseLinkFormSet(forms.BaseFormSet):
    row_label = _("Link %(n)s")


LinkFormSet = forms.formset_factory(
    LinkForm, formset=BaseLinkFormSet, extra=2, can_delete=True, max_num=30
)


def kept_rows(formset):
    return [
        f.cleaned_data for f in formset.forms if f.cleaned_data and not f.cleaned_data.get("DELETE")
    ]
