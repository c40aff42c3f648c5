"""The editors' list of cases waiting for review, oldest first."""

from django.core.exceptions import PermissionDenied
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from django.views.defaults import permission_denied
from django.views.generic import TemplateView
from wagtail.admin.views.generic.base import WagtailAdminTemplateMixin
from wagtail.models import TaskState

from contributions.models import ModerationTaskState
from contributions.permissions import is_editor


def waiting_task_states():
    states = (
        ModerationTaskState.objects.filter(status=TaskState.STATUS_IN_PROGRESS)
        .select_related("workflow_state", "workflow_state__requested_by", "revision")
        .order_by("started_at", "pk")
    )
    now = timezone.now()
    rows = []
    for state in states:
        page = state.workflow_state.content_object
        page = getattr(page, "specific", page)
        rows.append(
            {
                "state": state,
                "page": page,
                "waited": now - state.started_at,
                "requested_by": state.workflow_state.requested_by,
            }
        )
    return rows


class WaitingView(WagtailAdminTemplateMixin, TemplateView):
    template_name = "contributions/admin/waiting.html"
    page_title = _("Cases waiting for review")
    header_icon = "tasks"

    def dispatch(self, request, *args, **kwargs):
        # Unpublished titles and their submitters: for editors only. A 403, not
        # the admin's redirect (Wagtail turns PermissionDenied into one).
        if not is_editor(request.user):
            return permission_denied(request, PermissionDenied())
        return super().dispatch(request, *args, **kwargs)

    def get_context_data(self, **kwargs):
        return {**super().get_context_data(**kwargs), "rows": waiting_task_states()}
