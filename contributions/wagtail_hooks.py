"""Admin side: the waiting list, an "Invite a contributor" link, the
withdrawal requests editors decide on, and the moderation action's label."""

from django.urls import path, reverse
from django.utils.translation import gettext_lazy as _
from wagtail import hooks
from wagtail.admin.menu import MenuItem
from wagtail.admin.panels import FieldPanel
from wagtail.snippets.models import register_snippet
from wagtail.snippets.views.snippets import SnippetViewSet

from contributions.models import ModerationTask, WithdrawalRequest
from contributions.permissions import is_editor
from contributions.views.editors import WaitingView
from contributions.withdrawals import apply_decision


class EditorMenuItem(MenuItem):
    def is_shown(self, request):
        return is_editor(request.user)


@hooks.register("register_admin_urls")
def admin_urls():
    return [path("contributions/waiting/", WaitingView.as_view(), name="contributions_waiting")]


@hooks.register("register_admin_menu_item")
def waiting_menu_item():
    return EditorMenuItem(
        _("Waiting cases"), reverse("contributions_waiting"), icon_name="tasks", order=250
    )


@hooks.register("register_admin_menu_item")
def invite_menu_item():
    return EditorMenuItem(
        _("Invite a contributor"), reverse("contributions:invite"), icon_name="user", order=260
    )


class WithdrawalRequestViewSet(SnippetViewSet):
    model = WithdrawalRequest
    icon = "bin"
    menu_label = _("Withdrawal requests")
    add_to_admin_menu = True
    menu_order = 270
    list_display = ["page", "requested_by", "created_at", "decision"]
    list_filter = ["decision"]
    panels = [
        FieldPanel("page", read_only=True),
        FieldPanel("reason", read_only=True),
        FieldPanel("decision"),
        FieldPanel("editor_comment"),
    ]


register_snippet(WithdrawalRequestViewSet)


@hooks.register("after_edit_snippet")
def after_withdrawal_decision(request, instance):
    if isinstance(instance, WithdrawalRequest):
        apply_decision(instance, request.user)


@hooks.register("construct_page_action_menu")
def approve_label_once(menu_items, request, context):
    """Wagtail's page action menu turns the last task's "approve" into
    "<label> and Publish"; ours already says so ("Approve and publish")."""
    page = context.get("page")
    task = page.current_workflow_task if page is not None else None
    if task is None or not isinstance(task.specific, ModerationTask):
        return
    for item in menu_items:
        if getattr(item, "name", None) == "approve":
            item.label = ModerationTask.approve_label
