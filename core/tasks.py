"""Django's task framework as the portal runs it: inline (TASK_BACKEND=immediate,
no worker) or queued in the database for `manage.py db_worker`."""

import datetime

from django.core.cache import cache
from django.utils import timezone
from django_tasks import default_task_backend


def tasks_run_inline():
    """The immediate task backend (no worker) is the one that cannot defer."""
    return not default_task_backend.supports_defer


def retry_once(task, key, after=datetime.timedelta(seconds=30)):
    """With a worker, run the task again `after` from now, unless a retry
    under this key is already waiting: every change may queue a run of its
    own, and each failing one would otherwise start a chain of retries.
    Inline, the next change brings the next try."""
    if tasks_run_inline():
        return
    # The mark lapses before the retry runs, so a retry that fails queues the next.
    if cache.add(key, True, after.total_seconds() - 5):
        task.using(run_after=timezone.now() + after).enqueue()
