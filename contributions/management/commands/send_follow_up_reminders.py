"""Remind case owners to add a follow-up 6, 12 and 24 months after the
case's publication or its last follow-up. Running it twice sends nothing twice."""

from django.core.management.base import BaseCommand

from contributions.follow_ups import send_reminders


class Command(BaseCommand):
    help = __doc__

    def handle(self, *args, **options):
        sent = send_reminders()
        self.stdout.write(f"{sent} reminder(s) sent")
