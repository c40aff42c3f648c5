"""Delete the personal data of registrations some days after their activity ended.

Safe to run daily (cron, systemd timer): it only touches activities that ended
more than --days ago, and running it again changes nothing. The registrations
themselves stay as anonymous rows (status, number of people, organisation) so
that attendance can still be counted; names, e-mail addresses and needs go."""

from datetime import timedelta

from django.conf import settings
from django.core.management.base import BaseCommand
from django.db import transaction
from django.utils import timezone

from activities.models import Participant, Registration


def purge(days, dry_run=False):
    cutoff = timezone.now() - timedelta(days=days)
    people = Participant.objects.filter(activity__ends_at__lt=cutoff)
    registrations = Registration.objects.filter(
        activity__ends_at__lt=cutoff, anonymised_at__isnull=True
    )
    found = (people.count(), registrations.count())
    if not dry_run:
        with transaction.atomic():
            people.delete()
            registrations.update(anonymised_at=timezone.now())
    return found


class Command(BaseCommand):
    help = (
        "Delete names, e-mail addresses and needs of registrations for activities that "
        "ended more than --days ago (default ACTIVITIES_PURGE_AFTER_DAYS, 90)."
    )

    def add_arguments(self, parser):
        parser.add_argument(
            "--days", type=int, default=getattr(settings, "ACTIVITIES_PURGE_AFTER_DAYS", 90)
        )
        parser.add_argument("--dry-run", action="store_true")

    def handle(self, days, dry_run, **options):
        if days < 0:
            self.stderr.write("--days must be zero or more")
            raise SystemExit(2)
        people, registrations = purge(days, dry_run)
        verb = "Would delete" if dry_run else "Deleted"
        self.stdout.write(
            f"{verb} personal data of {people} people in {registrations} "
            f"registrations (activities that ended more than {days} days ago)."
        )
