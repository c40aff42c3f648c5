"""Deleting the portal's own records of people once their use has passed
(run by portal/management/commands/purge_personal_data.py): queued e-mails
already sent, rate-limit counters, failed log-ins and expired sessions."""

from datetime import timedelta

from django.contrib.sessions.models import Session
from django.utils import timezone

from core.models import RateLimitCounter

# A queued e-mail (names, addresses, the message) is kept this long after it
# was sent or failed, for the operators to see what went wrong.
FINISHED_TASK_DAYS = 7
# Failed log-ins (address and user name): the pause they cause lasts 15 minutes.
FAILED_LOGIN_DAYS = 1


def _count_or_delete(queryset, dry_run):
    if dry_run:
        return queryset.count()
    return queryset.delete()[0]


def delete_finished_tasks(days=FINISHED_TASK_DAYS, dry_run=False, now=None):
    """Background tasks (with the database task backend: e-mails and their
    contents) that finished more than `days` ago."""
    from django_tasks_db.models import DBTaskResult

    cutoff = (now or timezone.now()) - timedelta(days=days)
    return _count_or_delete(DBTaskResult.objects.filter(finished_at__lt=cutoff), dry_run)


def delete_expired_counters(dry_run=False, now=None):
    """Rate-limit counters whose window has ended."""
    ended = RateLimitCounter.objects.filter(window_ends__lte=now or timezone.now())
    return _count_or_delete(ended, dry_run)


def delete_failed_logins(days=FAILED_LOGIN_DAYS, dry_run=False, now=None):
    """django-axes' records of failed log-ins older than `days`."""
    from axes.models import AccessAttempt, AccessFailureLog

    cutoff = (now or timezone.now()) - timedelta(days=days)
    return sum(
        _count_or_delete(model.objects.filter(attempt_time__lt=cutoff), dry_run)
        for model in (AccessAttempt, AccessFailureLog)
    )


def delete_expired_sessions(dry_run=False, now=None):
    return _count_or_delete(Session.objects.filter(expire_date__lt=now or timezone.now()), dry_run)
