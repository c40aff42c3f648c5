"""Writing a case page: plain text becomes rich text, the page gets a unique
slug under the case index of its language, its snippets, lessons, links and
tags, and a revision that is published or left as a draft. The case-exchange
import and the contributor's case form both write cases through here."""

import datetime
import html
import re
from dataclasses import dataclass, field

from django.utils import timezone
from django.utils.html import escape, strip_tags
from django.utils.text import slugify
from wagtail.models import Locale, WorkflowState

from cases.models import CaseFollowUp, CaseIndexPage, CaseLesson, CaseLink, CaseStatus
from cases.snippets import Agency, DigitalisationStage, Theme

# The years a case can start or end in (the exchange format and the case form).
YEARS = range(1900, 2101)


def text_to_richtext(text):
    """Paragraphs separated by a blank line become <p>; single newlines <br/>."""
    paragraphs = [p.strip() for p in re.split(r"\n\s*\n", text or "") if p.strip()]
    return "".join(
        "<p>" + "<br/>".join(escape(line) for line in p.splitlines()) + "</p>" for p in paragraphs
    )


def richtext_to_text(value):
    """The inverse of text_to_richtext for what it makes; other markup is flattened."""
    value = re.sub(r"<br\s*/?>", "\n", value or "")
    blocks = re.split(r"</(?:p|h[1-6]|li|ul|ol|blockquote)>", value)
    paragraphs = [html.unescape(strip_tags(b)).strip() for b in blocks]
    return "\n\n".join(p for p in paragraphs if p)


class NoCaseIndex(Exception):
    """The site's page tree has no case index in the case's language yet."""


def case_index_for(locale):
    index = CaseIndexPage.objects.filter(locale=locale).first()
    if index is None:
        raise NoCaseIndex(
            f"the site has no case index page in {locale.language_code!r}: "
            "set up the site's pages first"
        )
    return index


def unique_slug(parent, title, exclude_pk=None):
    """The title as a slug, numbered when a sibling already has it."""
    base = slugify(title)[:70].strip("-") or "fall"
    slug, n = base, 2
    siblings = parent.get_children()
    if exclude_pk:
        siblings = siblings.exclude(pk=exclude_pk)
    while siblings.filter(slug=slug).exists():
        slug, n = f"{base}-{n}", n + 1
    return slug


def in_locale(agency, locale):
    """The agency's row in the case's language, translated when missing."""
    translated = agency.get_translation_or_none(locale)
    if translated is None:
        translated = agency.copy_for_translation(locale)
        translated.save()
    return translated


def agency_named(name, org_number=""):
    """The agency with this organisation number, else with exactly this name,
    created in the default language when there is none. A number given for an
    agency without one is stored on every translation of it."""
    match = None
    if org_number:
        match = Agency.objects.filter(org_number=org_number).first()
    if match is None:
        match = Agency.objects.filter(name=name).first()
    if match is None:
        return Agency.objects.create(name=name, org_number=org_number, locale=Locale.get_default())
    if org_number and not match.org_number:
        Agency.objects.filter(translation_key=match.translation_key).update(org_number=org_number)
        match.refresh_from_db()
    return match


@dataclass
class CaseContent:
    """What a case says, in plain text and slugs: a line of the exchange format
    and the contributor's case form each give one."""

    title: str
    summary: str = ""
    agency: Agency | None = None  # in any language; None keeps the page's
    partner_agencies: list = field(default_factory=list)  # Agency rows, any language
    themes: list = field(default_factory=list)  # slugs
    stage: str = ""  # a slug; empty keeps the page's stage
    status: str = CaseStatus.ONGOING
    started: datetime.date | None = None  # None keeps the page's, else this month
    ended: datetime.date | None = None
    challenge: str = ""
    approach: str = ""
    results: str = ""
    joint_work: str = ""
    lessons: list = field(default_factory=list)  # {"kind", "text"}
    links: list = field(default_factory=list)  # {"title", "url"}
    tags: list = field(default_factory=list)
    contact_name: str = ""
    contact_role: str = ""
    contact_email: str = ""
    stopped_reason_kind: str = ""
    stopped_reason_text: str = ""
    evidence_level: int | None = None
    follow_ups: list | None = None  # {"date", "text", "status"}; None keeps the page's
    inspired_by: list | None = None  # CaseStudyPage rows it built on; None keeps the page's


def _stage(page, slug, locale):
    stage = DigitalisationStage.objects.filter(slug=slug, locale=locale).first() if slug else None
    if stage is None and not page.stage_id:
        # A draft may leave the stage open; the column may not.
        stage = DigitalisationStage.objects.filter(locale=locale).order_by("order").first()
    return stage or page.stage


def fill(page, content):
    """Set the page's fields from the content, in the page's language."""
    locale = page.locale
    page.title = page.draft_title = content.title
    page.summary = content.summary
    if content.agency is not None:
        page.agency = in_locale(content.agency, locale)
    page.stage = _stage(page, content.stage, locale)
    page.status = content.status
    page.started = content.started or page.started or timezone.localdate().replace(day=1)
    page.ended = content.ended
    for name in ("challenge", "approach", "results", "joint_work"):
        setattr(page, name, text_to_richtext(getattr(content, name)))
    page.contact_name = content.contact_name
    page.contact_role = content.contact_role
    page.contact_email = content.contact_email
    if content.inspired_by is not None:
        page.inspired_by = content.inspired_by
    page.themes = list(Theme.objects.filter(slug__in=content.themes, locale=locale))
    page.partner_agencies = [in_locale(a, locale) for a in content.partner_agencies]
    # In the given order: without sort_order, PostgreSQL returns them in any order.
    page.lessons = [
        CaseLesson(kind=row["kind"], text=row["text"], sort_order=n)
        for n, row in enumerate(content.lessons)
    ]
    page.links = [
        CaseLink(title=row["title"], url=row["url"], sort_order=n)
        for n, row in enumerate(content.links)
    ]
    page.evidence_level = content.evidence_level
    stopped = content.status == CaseStatus.STOPPED
    page.stopped_reason_kind = content.stopped_reason_kind if stopped else ""
    page.stopped_reason_text = content.stopped_reason_text if stopped else ""
    if content.follow_ups is not None:
        page.follow_ups = [
            CaseFollowUp(date=row["date"], text=row["text"], status=row["status"] or "")
            for row in content.follow_ups
        ]


def write_case(page, content, *, user=None, publish=False, clean=True):
    """Fill the page from the content and save a revision of it: a new page
    goes under the case index of its language with a unique slug. With
    `publish` the revision goes online; otherwise the page's live version
    (if any) stays as it is. `clean` validates the page as the admin would.
    Returns the revision."""
    fill(page, content)
    if page.pk is None:
        parent = case_index_for(page.locale)
        page.slug = unique_slug(parent, content.title)
        page.live = publish
        parent.add_child(instance=page)
    page.tags.set(content.tags)
    revision = page.save_revision(user=user, clean=clean)
    if publish:
        revision.publish(user=user)
    return revision


def send_for_review(page, user=None):
    """Start the moderation workflow, or resume it after changes were
    requested; the workflow state, or None when no workflow is assigned."""
    state = page.current_workflow_state
    if state is not None:
        if state.status == WorkflowState.STATUS_NEEDS_CHANGES:
            state.resume(user=user)
        return state
    workflow = page.get_workflow()
    return workflow.start(page, user) if workflow is not None else None
