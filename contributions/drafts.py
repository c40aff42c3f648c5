"""Writing the form into a case page's draft revision, and sending it into
the moderation workflow. The page is the submission: nothing is copied."""

from django.utils import timezone
from wagtail.models import Locale, WorkflowState

from cases.exchange import case_index_for, richtext_to_text, text_to_richtext, unique_slug
from cases.models import CaseLesson, CaseLink, CaseStatus, CaseStudyPage
from cases.snippets import Agency, DigitalisationStage, Theme
from contributions.agencies import agency_in_locale
from contributions.images import store_image


class NoWorkflow(Exception):
    pass


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
    }


def lessons_initial(page):
    return [{"kind": lesson.kind, "text": lesson.text} for lesson in page.lessons.all()]


def links_initial(page):
    return [{"title": link.title, "url": link.url} for link in page.links.all()]


def _apply(page, data, lessons, links, locale):
    page.title = data["title"]
    page.draft_title = data["title"]
    page.summary = data.get("summary") or ""
    page.status = data.get("status") or CaseStatus.ONGOING
    stage = None
    if data.get("stage"):
        stage = DigitalisationStage.objects.filter(slug=data["stage"], locale=locale).first()
    if stage is None and not page.stage_id:
        # A draft may leave the stage open; the column may not.
        stage = DigitalisationStage.objects.filter(locale=locale).order_by("order").first()
    if stage is not None:
        page.stage = stage
    page.started = data.get("started") or page.started or timezone.localdate().replace(day=1)
    page.ended = data.get("ended")
    for name in ("challenge", "approach", "results", "joint_work"):
        setattr(page, name, text_to_richtext(data.get(name) or ""))
    page.contact_name = data.get("contact_name") or ""
    page.contact_role = data.get("contact_role") or ""
    page.contact_email = data.get("contact_email") or ""
    page.hero_alt = data.get("hero_alt") or ""
    page.themes = list(Theme.objects.filter(slug__in=data.get("themes") or [], locale=locale))
    partners = Agency.objects.filter(
        translation_key__in=data.get("partner_agencies") or [], locale=Locale.get_default()
    )
    page.partner_agencies = [agency_in_locale(a, locale) for a in partners]
    page.lessons = [CaseLesson(kind=row["kind"], text=row["text"].strip()) for row in lessons]
    page.links = [CaseLink(title=row["title"], url=row["url"]) for row in links]


def save_draft(form, lessons, links, user, profile, page=None):
    """Create the case (first save) or write a new revision of it. A published
    case stays online as it is: only the revision changes."""
    data = form.cleaned_data
    upload = data.get("hero_image")
    image = store_image(upload, data["title"], user) if upload else None
    if page is None:
        locale = Locale.objects.get(language_code=data["language"])
        index = case_index_for(locale)
        page = CaseStudyPage(
            locale=locale, owner=user, live=False, agency=agency_in_locale(profile.agency, locale)
        )
        _apply(page, data, lessons, links, locale)
        page.hero_image = image
        page.slug = unique_slug(index, data["title"])
        index.add_child(instance=page)
        page.tags.set(form.tag_list)
    else:
        page = page.get_latest_revision_as_object()
        _apply(page, data, lessons, links, page.locale)
        if image is not None:
            page.hero_image = image
        elif data.get("remove_image"):
            page.hero_image = None
            page.hero_alt = ""
        page.tags.set(form.tag_list)
    page.save_revision(user=user, clean=False)
    return page


def submit_for_review(page, user):
    """Start the moderation workflow, or resume it after changes were requested."""
    state = page.current_workflow_state
    if state is not None and state.status == WorkflowState.STATUS_NEEDS_CHANGES:
        state.resume(user=user)
        return state
    if state is not None:
        return state  # already in review
    workflow = page.get_workflow()
    if workflow is None:
        raise NoWorkflow("No moderation workflow is assigned to the case pages.")
    return workflow.start(page, user)
