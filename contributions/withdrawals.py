"""An editor's decision on a withdrawal request: unpublish or keep, and tell
the contributor."""

from django.utils import timezone

from contributions import mail
from contributions.models import WithdrawalRequest


def apply_decision(request_obj, editor):
    if request_obj.decision == WithdrawalRequest.Decision.PENDING or request_obj.decided_at:
        return
    page = request_obj.page
    if request_obj.decision == WithdrawalRequest.Decision.WITHDRAWN and page.live:
        page.unpublish(user=editor)
    request_obj.decided_at = timezone.now()
    request_obj.save(update_fields=["decided_at"])
    user = request_obj.requested_by
    if user is not None and user.email:
        mail.send(
            "withdrawal_decided",
            user.email,
            {
                "title": page.title,
                "withdrawn": request_obj.decision == WithdrawalRequest.Decision.WITHDRAWN,
                "comment": request_obj.editor_comment,
            },
            page.locale.language_code,
        )
