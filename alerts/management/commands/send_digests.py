"""Send each confirmed alert of a frequency its digest of new and updated cases.

Run daily (--frequency daily) and weekly (--frequency weekly) on one machine
(deploy/erfarenhetsbanken-digests-*.timer); the mails go through the task
worker. Running it again sends nothing twice."""

from django.core.management.base import BaseCommand

from alerts.digests import send_digests
from alerts.models import Frequency


class Command(BaseCommand):
    help = "Send the alerts' digests of new and substantially updated cases."

    def add_arguments(self, parser):
        parser.add_argument("--frequency", required=True, choices=Frequency.values)

    def handle(self, frequency, **options):
        sent = send_digests(frequency)
        self.stdout.write(f"Sent {sent} {frequency} digests.")
