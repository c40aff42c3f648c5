"""Django's task framework as the portal runs it: inline (TASK_BACKEND=immediate,
no worker) or queued in the database for `manage.py db_worker`."""

from django_tasks import default_task_backend


def tasks_run_inline():
    """The immediate task backend (no worker) is the one that cannot defer."""
    return not default_task_backend.supports_defer
