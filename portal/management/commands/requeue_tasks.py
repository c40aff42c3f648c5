"""Put back in the queue the tasks a worker was running when it died.

A worker stopped with SIGTERM finishes its task first; one killed outright
(SIGKILL, a crash, a power cut) leaves the task marked RUNNING for ever. Run
this as the worker starts, with the worker's own stable id, so that only its
own unfinished tasks are requeued: they run again (at least once, never lost).

    manage.py requeue_tasks --worker-id "$(hostname)"
    manage.py db_worker --worker-id "$(hostname)"
"""

from django.core.management.base import BaseCommand
from django_tasks.base import TaskResultStatus
from django_tasks_db.models import DBTaskResult


class Command(BaseCommand):
    help = "Requeue the tasks left running by a worker that was killed (give its --worker-id)."

    def add_arguments(self, parser):
        parser.add_argument(
            "--worker-id", required=True, help="the id the worker runs with (db_worker --worker-id)"
        )

    def handle(self, *args, worker_id, **options):
        requeued = 0
        for task in DBTaskResult.objects.running():
            if task.worker_ids and task.worker_ids[-1] == worker_id:
                task.status = TaskResultStatus.READY
                task.save(update_fields=["status"])
                requeued += 1
        self.stdout.write(f"{requeued} task(s) requeued for worker {worker_id}")
