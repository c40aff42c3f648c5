from django.core.management.base import BaseCommand

from cases.exchange import export_lines


class Command(BaseCommand):
    help = "Write every published case in the case-exchange format (JSON Lines)."

    def add_arguments(self, parser):
        parser.add_argument("path", help="the file to write, or - for standard output")

    def handle(self, path, **options):
        if path == "-":
            for line in export_lines():
                self.stdout.write(line)
            return
        count = 0
        with open(path, "w", encoding="utf-8") as handle:
            for line in export_lines():
                handle.write(line + "\n")
                count += 1
        self.stderr.write(f"{count} cases written to {path}")
