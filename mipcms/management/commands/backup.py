"""`manage.py backup <folder>`: the database (pg_dump) and every media file, in one folder."""

from django.core.management.base import BaseCommand, CommandError

from mipcms.backup import BackupError, backup


class Command(BaseCommand):
    """Writes a backup that `manage.py restore` reads (docs/deployment.md, Backup)."""

    help = (
        "Back up the PostgreSQL database (pg_dump, custom format) and every media file "
        "(MEDIA_ROOT or the S3 bucket) into a new folder."
    )

    def add_arguments(self, parser):
        parser.add_argument("folder", help="A new or empty folder to write the backup into.")

    def handle(self, *args, folder, **options):
        try:
            manifest = backup(folder)
        except BackupError as error:
            raise CommandError(str(error)) from error
        self.stdout.write(
            f"Backed up database {manifest['database']} and {manifest['media_files']} media "
            f"file(s) ({manifest['media_bytes']} bytes) into {folder}"
        )
