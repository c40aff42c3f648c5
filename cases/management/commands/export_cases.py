import sys

from django.core.management.base import BaseCommand

from cases.exchange import export_lines


class Command(BaseCommand):
    help = "Write every published case in the case-exchange format (JSON Lines)."

    def add_arguments(self, parser):
        parser.add_argument("path", help="the file to write, or - for standard output")

    def handle(self, path, **options):
        count = 0
        handle = sys.stdout if path == "-" else open(path, "w", encoding="utf-8")  # noqa: SIM115
        try:
            for line in export_lines():
                handle.write(line + "\n")
                count += 1
        finally:
            if handle is not sys.stdout:
                handle.close()
        if path != "-":
            self.stdout.write(f"{count} cases written to {path}")
