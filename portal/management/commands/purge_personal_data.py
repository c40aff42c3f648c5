"""Delete personal data that is past its retention, every kind in one run,
each period as the privacy notice states it (portal/site_content.py):

- readers' search queries older than SEARCH_LOG_RETENTION_DAYS (90);
- names, e-mail addresses and needs of registrations for activities that
  ended more than ACTIVITIES_PURGE_AFTER_DAYS (90) ago (see purge_registrations);
- alerts never confirmed, 7 days after they were asked for;
- contributor accounts not used for two years;
- queued e-mails (messages to contact persons among them) 7 days after they
  were sent, rate-limit counters whose hour has passed, failed log-ins after a
  day, and expired sessions.

Run it daily on one machine (deploy/erfarenhetsbanken-purge.timer); running it
again changes nothing."""

from django.conf import settings
from django.core.management.base import BaseCommand

from activities.management.commands.purge_registrations import purge as purge_registrations
from alerts.models import UNCONFIRMED_DAYS, delete_unconfirmed
from contributions.accounts import UNUSED_ACCOUNT_DAYS, delete_unused_accounts
from core import retention
from search.models import delete_old_queries


class Command(BaseCommand):
    help = (
        "Delete search queries, registrations' personal data, unconfirmed alerts, unused "
        "contributor accounts, sent e-mails, failed log-ins and expired sessions past their "
        "retention."
    )

    def add_arguments(self, parser):
        parser.add_argument("--dry-run", action="store_true", help="count, delete nothing")

    def handle(self, dry_run, **options):
        verb = "Would delete" if dry_run else "Deleted"
        search_days = settings.SEARCH_LOG_RETENTION_DAYS
        queries = delete_old_queries(search_days, dry_run)
        self.stdout.write(f"{verb} {queries} search queries older than {search_days} days.")
        activity_days = getattr(settings, "ACTIVITIES_PURGE_AFTER_DAYS", 90)
        people, registrations = purge_registrations(activity_days, dry_run)
        self.stdout.write(
            f"{verb} personal data of {people} people in {registrations} "
            f"registrations (activities that ended more than {activity_days} "
            "days ago)."
        )
        alerts = delete_unconfirmed(UNCONFIRMED_DAYS, dry_run)
        self.stdout.write(f"{verb} {alerts} alerts not confirmed within {UNCONFIRMED_DAYS} days.")
        accounts = delete_unused_accounts(UNUSED_ACCOUNT_DAYS, dry_run)
        self.stdout.write(
            f"{verb} {accounts} contributor accounts unused for {UNUSED_ACCOUNT_DAYS} days."
        )
        tasks = retention.delete_finished_tasks(dry_run=dry_run)
        self.stdout.write(
            f"{verb} {tasks} finished tasks (queued e-mails) older than "
            f"{retention.FINISHED_TASK_DAYS} days."
        )
        logins = retention.delete_failed_logins(dry_run=dry_run)
        self.stdout.write(
            f"{verb} {logins} failed log-in records older than {retention.FAILED_LOGIN_DAYS} days."
        )
        counters = retention.delete_expired_counters(dry_run=dry_run)
        sessions = retention.delete_expired_sessions(dry_run=dry_run)
        self.stdout.write(
            f"{verb} {counters} ended rate-limit counters and {sessions} expired sessions."
        )
