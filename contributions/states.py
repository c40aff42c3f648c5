"""Where a contributor's case stands, read from Wagtail's own workflow records
and the page's live flags: no state of our own to keep in step."""

from dataclasses import dataclass

from django.utils.translation import gettext_lazy as _
from wagtail.models import TaskState, WorkflowState

DRAFT, IN_REVIEW, CHANGES_REQUESTED, PUBLISHED, REJECTED = (
    "draft",
    "in_review",
    "changes_requested",
    "published",
    "rejected",
)
LABELS = {
    DRAFT: _("Draft"),
    IN_REVIEW: _("In review"),
    CHANGES_REQUESTED: _("Changes requested"),
    PUBLISHED: _("Published"),
    REJECTED: _("Rejected"),
}
EDITABLE = {DRAFT, CHANGES_REQUESTED, PUBLISHED}


@dataclass
class CaseState:
    code: str
    live: bool
    comment: str = ""
    waiting_since: object = None

    @property
    def label(self):
        return LABELS[self.code]

    @property
    def can_edit(self):
        return self.code in EDITABLE

    @property
    def can_submit(self):
        return self.code in (DRAFT, CHANGES_REQUESTED)

    @property
    def can_request_withdrawal(self):
        return self.live


def latest_workflow_state(page):
    return (
        WorkflowState.objects.for_instance(page)
        .select_related("current_task_state")
        .order_by("-created_at", "-id")
        .first()
    )


def latest_comment(page):
    state = (
        TaskState.objects.for_instance(page)
        .exclude(comment="")
        .filter(finished_at__isnull=False)
        .order_by("-finished_at", "-id")
        .first()
    )
    return state.comment if state else ""


def case_state(page):
    workflow_state = latest_workflow_state(page)
    comment = latest_comment(page)
    if workflow_state is not None:
        if workflow_state.status == WorkflowState.STATUS_IN_PROGRESS:
            current = workflow_state.current_task_state
            return CaseState(
                IN_REVIEW,
                page.live,
                comment,
                current.started_at if current else workflow_state.created_at,
            )
        if workflow_state.status == WorkflowState.STATUS_NEEDS_CHANGES:
            return CaseState(CHANGES_REQUESTED, page.live, comment)
        if workflow_state.status == WorkflowState.STATUS_CANCELLED:
            current = workflow_state.current_task_state
            declined = current is not None and getattr(current.specific, "declined", False)
            newer_revision = (
                current is not None
                and page.latest_revision_id
                and page.latest_revision_id != current.revision_id
            )
            if declined and not newer_revision:
                return CaseState(REJECTED, page.live, comment)
    if page.live and not page.has_unpublished_changes:
        return CaseState(PUBLISHED, True, comment)
    return CaseState(DRAFT, page.live, comment)
