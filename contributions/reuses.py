"""Recording "We tried this" (contributions.models.Reuse) and changing a
published case's contact person."""

from django.db.models import Q
from wagtail.contrib.frontend_cache.utils import PurgeBatch

from cases.models import CaseStudyPage
from contributions import mail
from contributions.permissions import agency_cases


def translations_of(case):
    return Q(case__translation_key=case.translation_key)


def agency_reuse(case, agency):
    """The agency's record for the case or any of its translations, or None."""
    from contributions.models import Reuse

    return (
        Reuse.objects.filter(translations_of(case))
        .filter(agency__translation_key=agency.translation_key)
        .first()
    )


def own_cases(profile, case):
    """The agency's published cases a record may link to (not the case itself)."""
    return (
        agency_cases(profile).live().exclude(translation_key=case.translation_key).order_by("title")
    )


def notify_contact(reuse, case_url):
    """Tell the case's contact person that another agency recorded trying it."""
    case = reuse.case
    mail.send(
        "reuse_recorded",
        case.contact_email,
        {
            "reuse": reuse,
            "kind": reuse.get_kind_display(),
            "title": case.title,
            "agency": reuse.agency.name,
            "case_url": case_url,
            "own_case_url": reuse.own_case.full_url if reuse.own_case_id else "",
        },
        case.locale.language_code,
    )


def purge_case_pages(case):
    """The case's pages in nginx's cache show the records: purge them."""
    from django.conf import settings

    if not getattr(settings, "WAGTAILFRONTENDCACHE", None):
        return
    batch = PurgeBatch()
    batch.add_pages(CaseStudyPage.objects.filter(translation_key=case.translation_key).live())
    batch.purge()


def _with_values(page, values):
    for name, value in values.items():
        setattr(page, name, value)
    return page


def change_contact(page, user, values):
    """Change the contact (name, role, e-mail) of a live case by `user`.

    Published straight away as a new revision of the live case; a draft
    waiting to be published keeps its own changes and gets the new contact
    too. While the case is in review, publishing would end the review, so the
    contact goes into the draft under review and is published with it.
    Returns True when the change is online now."""
    live = CaseStudyPage.objects.get(pk=page.pk)
    pending = live.get_latest_revision() if live.has_unpublished_changes else None
    if live.current_workflow_state is not None:
        draft = pending.as_object() if pending is not None else live
        _with_values(draft, values).save_revision(user=user, clean=False)
        return False
    revision = _with_values(live, values).save_revision(user=user, clean=False)
    # The view has checked that the user is a contributor of the case's agency;
    # Wagtail's page permissions are the editors'.
    revision.publish(user=user, skip_permission_checks=True)
    if pending is not None:
        _with_values(pending.as_object(), values).save_revision(user=user, clean=False)
    return True
