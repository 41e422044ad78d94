"""`manage.py restore <folder>`: load a backup into a fresh database and media storage."""

from django.conf import settings
from django.core.files.storage import storages
from django.core.management.base import BaseCommand, CommandError

from mipcms.backup import BackupError, restore


class Command(BaseCommand):
    """Reads a folder written by `manage.py backup` (docs/deployment.md, Restore)."""

    help = (
        "Restore a backup folder into this environment's database (which must be empty, "
        "unless --force) and media storage. Run `migrate` afterwards if the code is newer."
    )

    def add_arguments(self, parser):
        parser.add_argument("folder", help="A folder written by `manage.py backup`.")
        parser.add_argument(
            "--force",
            action="store_true",
            help="Replace the tables and media files that are there already.",
        )

    def handle(self, *args, folder, force=False, **options):
        try:
            result = restore(folder, force=force)
        except BackupError as error:
            raise CommandError(str(error)) from error
        self.stdout.write(
            f"Restored database {result['database']} (backed up {result['created_at']}) into "
            f"{settings.DATABASES['default']['NAME']}, and {result['media_files_restored']} "
            "media file(s)."
        )
        if getattr(storages["default"], "controls_access", False):
            self.stdout.write(
                "Image files were restored private: run `manage.py sync_image_files` (after "
                "`migrate`, if needed) to make public those visitors may see."
            )
        if settings.STAGING:
            self.stdout.write(
                "STAGING is on: this copy sends no webhooks or CDN purges and publishes "
                "nothing on schedule."
            )
        else:
            self.stdout.write(
                self.style.WARNING(
                    "If this copy is not the production site, set STAGING=true in its "
                    "environment BEFORE starting its web server, scheduler or worker: otherwise "
                    "it delivers webhooks to partners, purges the production CDN and publishes "
                    "scheduled pages. Then run `manage.py setup_site` with this copy's "
                    "PUBLIC_BASE_URL, so its pages link to itself."
                )
            )
