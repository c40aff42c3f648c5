"""import_cases: the case-exchange import (cases.exchange) into this site,
whose page tree is set up first when the installation is new."""

import sys

from django.core.management.base import BaseCommand, CommandError

from cases.exchange import import_stream
from portal.site_setup import ensure_site_structure


class Command(BaseCommand):
    help = "Import cases from a case-exchange file (JSON Lines). '-' reads standard input."

    def add_arguments(self, parser):
        parser.add_argument("path", help="a .jsonl file, or - for standard input")
        parser.add_argument(
            "--draft",
            action="store_true",
            help="create drafts that enter moderation instead of publishing",
        )

    def handle(self, path, draft=False, **options):
        ensure_site_structure()
        # Bytes, decoded line by line: a line that is not UTF-8 is reported
        # with its number and the other lines are imported.
        if path == "-":
            report = import_stream(getattr(sys.stdin, "buffer", sys.stdin), draft=draft)
        else:
            try:
                with open(path, "rb") as handle:
                    report = import_stream(handle, draft=draft)
            except OSError as exc:
                raise CommandError(f"cannot read {path}: {exc.strerror}") from None
        for line, field, message in report.errors:
            self.stderr.write(f"line {line}: {field}: {message}")
        self.stdout.write(
            f"{report.created} created, {report.updated} updated, "
            f"{report.unchanged} unchanged, {report.failed} failed"
        )
        if report.errors:
            raise CommandError(f"{report.failed} line(s) failed; the other lines were imported")
