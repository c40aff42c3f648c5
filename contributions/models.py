"""Contributor accounts, the moderation task with three outcomes, and
withdrawal requests. A contributor's case itself is a normal CaseStudyPage."""

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _
from wagtail.models import AbstractGroupApprovalTask, TaskState

from cases.snippets import Agency


class ContributorProfile(models.Model):
    """Links a user to the one agency they write for."""

    user = models.OneToOneField(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="contributor"
    )
    agency = models.ForeignKey(
        Agency, verbose_name=_("agency"), on_delete=models.PROTECT, related_name="contributors"
    )
    invited_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
        verbose_name=_("invited by"),
    )
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        verbose_name = _("contributor")
        verbose_name_plural = _("contributors")

    def __str__(self):
        return f"{self.user.email} ({self.agency})"


class ModerationTaskState(TaskState):
    """A task state that remembers whether the editor rejected the case for
    good (as opposed to asking for changes)."""

    declined = models.BooleanField(default=False)

    class Meta:
        verbose_name = _("moderation task state")


class ModerationTask(AbstractGroupApprovalTask):
    """Group approval with three outcomes: approve (publish), request changes
    (back to the contributor, who can resubmit) and reject (the workflow ends)."""

    task_state_class = ModerationTaskState
    # Already says it publishes: the admin's action menu must not add
    # "and Publish" to it (see wagtail_hooks.approve_label_once).
    approve_label = _("Approve and publish")

    def get_actions(self, obj, user):
        if user.is_superuser or self._user_in_groups(user):
            return [
                ("approve", self.approve_label, False),
                ("reject", _("Request changes"), True),
                ("decline", _("Reject"), True),
            ]
        return []

    def get_form_for_action(self, action):
        from contributions.forms.moderation import ModerationCommentForm

        if action in ("reject", "decline"):
            return ModerationCommentForm
        return super().get_form_for_action(action)

    def on_action(self, task_state, user, action_name, **kwargs):
        if action_name == "decline":
            task_state = task_state.specific
            task_state.declined = True
            task_state.save(update_fields=["declined"])
            task_state.reject(user=user, update=False, comment=kwargs.get("comment", ""))
            task_state.workflow_state.cancel(user=user)
            return None
        return super().on_action(task_state, user, action_name, **kwargs)

    @classmethod
    def get_description(cls):
        return _("Editors approve, request changes or reject a contributor's case")

    class Meta:
        verbose_name = _("case moderation task")
        verbose_name_plural = _("case moderation tasks")


class WithdrawalRequest(models.Model):
    """A contributor asks for a published case to be taken down; an editor decides."""

    class Decision(models.TextChoices):
        PENDING = "pending", _("Waiting for an editor")
        WITHDRAWN = "withdrawn", _("Withdrawn")
        KEPT = "kept", _("Kept online")

    page = models.ForeignKey(
        "cases.CaseStudyPage",
        on_delete=models.CASCADE,
        related_name="withdrawal_requests",
        verbose_name=_("case"),
    )
    requested_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        null=True,
        on_delete=models.SET_NULL,
        related_name="+",
        verbose_name=_("requested by"),
    )
    reason = models.TextField(_("reason"))
    decision = models.CharField(
        _("decision"), max_length=20, choices=Decision.choices, default=Decision.PENDING
    )
    editor_comment = models.TextField(_("comment to the contributor"), blank=True)
    created_at = models.DateTimeField(_("requested at"), auto_now_add=True)
    decided_at = models.DateTimeField(_("decided at"), null=True, blank=True)

    class Meta:
        verbose_name = _("withdrawal request")
        verbose_name_plural = _("withdrawal requests")
        ordering = ["created_at"]
        constraints = [
            models.UniqueConstraint(
                fields=["page"],
                condition=models.Q(decision="pending"),
                name="one_pending_withdrawal_per_case",
            ),
        ]

    def __str__(self):
        return str(self.page)


class Reuse(models.Model):
    """ "We tried this": an agency records that it adopted, adapted, was
    inspired by, or tried and stopped a published case. One record per agency
    and case (its translations count as the case), which any contributor of
    that agency may change or remove."""

    class Kind(models.TextChoices):
        ADOPTED = "adopted", _("We introduced it as it was")
        ADAPTED = "adapted", _("We adapted it to our needs")
        INSPIRED = "inspired", _("We were inspired by it")
        STOPPED = "tried-and-stopped", _("We tried it and stopped")

    case = models.ForeignKey(
        "cases.CaseStudyPage",
        on_delete=models.CASCADE,
        related_name="reuses",
        verbose_name=_("case"),
    )
    agency = models.ForeignKey(
        Agency, on_delete=models.CASCADE, related_name="reuses", verbose_name=_("agency")
    )
    kind = models.CharField(_("what you did"), max_length=20, choices=Kind.choices)
    note = models.TextField(_("note"), max_length=500, blank=True)
    own_case = models.ForeignKey(
        "cases.CaseStudyPage",
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
        verbose_name=_("your own case"),
    )
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        null=True,
        on_delete=models.SET_NULL,
        related_name="+",
        verbose_name=_("recorded by"),
    )
    updated_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        null=True,
        on_delete=models.SET_NULL,
        related_name="+",
        verbose_name=_("changed by"),
    )
    created_at = models.DateTimeField(_("recorded at"), auto_now_add=True)
    updated_at = models.DateTimeField(_("changed at"), auto_now=True)

    class Meta:
        verbose_name = _("reuse record")
        verbose_name_plural = _("reuse records")
        ordering = ["-updated_at", "-pk"]
        constraints = [
            models.UniqueConstraint(fields=["case", "agency"], name="one_reuse_per_agency_and_case")
        ]

    def __str__(self):
        return f"{self.agency} – {self.case}"
