from django.core.management.base import BaseCommand, CommandError

from portal.backup import BackupError, create_backup


class Command(BaseCommand):
    help = "Write one archive with the database and the media files."

    def add_arguments(self, parser):
        parser.add_argument("path", help="the archive to write, for example backup.tar.gz")

    def handle(self, path, **options):
        try:
            manifest = create_backup(path)
        except BackupError as exc:
            raise CommandError(str(exc)) from None
        self.stdout.write(
            f"Backup written to {path}: {manifest['database']['vendor']} database, "
            f"{len(manifest['media'])} media files."
        )
