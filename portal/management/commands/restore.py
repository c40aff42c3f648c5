from django.core.management import call_command
from django.core.management.base import BaseCommand, CommandError

from portal.backup import BackupError, restore_backup


class Command(BaseCommand):
    help = "Restore an archive made by `backup` into an empty installation."

    def add_arguments(self, parser):
        parser.add_argument("path")
        parser.add_argument(
            "--force",
            action="store_true",
            help="replace the data of an installation that is not empty",
        )

    def handle(self, path, force=False, **options):
        try:
            manifest = restore_backup(path, force=force)
        except BackupError as exc:
            raise CommandError(str(exc)) from None
        # Later code may have newer migrations; the search index follows the data.
        call_command("migrate", "--noinput", verbosity=0)
        call_command("rebuild_modelsearch_index", verbosity=0)
        self.stdout.write(
            f"Restored {path}: {manifest['database']['vendor']} database, "
            f"{len(manifest['media'])} media files."
        )
