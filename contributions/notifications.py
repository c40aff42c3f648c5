"""E-mails on the three moderation outcomes, wired to Wagtail's workflow
signals; and a note to the editors when a case is waiting."""

from django.contrib.auth import get_user_model
from django.urls import reverse

from contributions import mail
from contributions.permissions import EDITOR_GROUPS


def editor_addresses():
    users = (
        get_user_model()
        .objects.filter(is_active=True, groups__name__in=EDITOR_GROUPS)
        .exclude(email="")
        .distinct()
    )
    return sorted({u.email for u in users})


def _case_and_contributor(workflow_state):
    from cases.models import CaseStudyPage

    page = workflow_state.content_object
    page = getattr(page, "specific", page)
    if not isinstance(page, CaseStudyPage):
        return None, None
    user = workflow_state.requested_by
    if user is None or not hasattr(user, "contributor") or not user.email:
        return page, None
    return page, user


def _notify(template, workflow_state, comment=""):
    page, user = _case_and_contributor(workflow_state)
    if user is None:
        return
    mail.send(
        template,
        user.email,
        {
            "user": user,
            "title": page.draft_title or page.title,
            "comment": comment,
            "page_url": page.full_url if page.live else "",
        },
        page.locale.language_code,
    )


def on_workflow_approved(sender, instance, user=None, **kwargs):
    comment = instance.current_task_state.comment if instance.current_task_state else ""
    _notify("case_approved", instance, comment)


def on_workflow_rejected(sender, instance, user=None, **kwargs):
    _notify("case_changes_requested", instance, instance.current_task_state.comment)


def on_workflow_cancelled(sender, instance, user=None, **kwargs):
    current = instance.current_task_state
    if current is not None and getattr(current.specific, "declined", False):
        _notify("case_rejected", instance, current.comment)


def on_task_submitted(sender, instance, user=None, **kwargs):
    page, contributor = _case_and_contributor(instance.workflow_state)
    if contributor is None:
        return
    mail.send(
        "case_waiting",
        editor_addresses(),
        {
            "title": page.draft_title,
            "agency": page.agency,
            "admin_url": mail.absolute(reverse("wagtailadmin_pages:edit", args=[page.pk])),
        },
        "sv",
    )


def connect():
    from wagtail.signals import (
        task_submitted,
        workflow_approved,
        workflow_cancelled,
        workflow_rejected,
    )

    from contributions.models import ModerationTaskState

    workflow_approved.connect(on_workflow_approved, dispatch_uid="contrib-approved")
    workflow_rejected.connect(on_workflow_rejected, dispatch_uid="contrib-rejected")
    workflow_cancelled.connect(on_workflow_cancelled, dispatch_uid="contrib-cancelled")
    task_submitted.connect(
        on_task_submitted, sender=ModerationTaskState, dispatch_uid="contrib-submitted"
    )
