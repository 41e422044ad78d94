"""manage.py import_wordpress EXPORT.xml [--uploads DIR] [--dry-run]: move a WordPress site in."""

import logging
import os

from django.conf import settings
from django.core.files.storage import default_storage
from django.core.management.base import BaseCommand, CommandError
from django.db import transaction

from wordpress.importer import Importer, ImportFailed
from wordpress.wxr import ExportError, read_export

logger = logging.getLogger(__name__)


class DryRun(Exception):
    """Raised at the end of a dry run to roll everything back."""


class Command(BaseCommand):
    help = (
        "Import a WordPress export (Tools > Export, WXR 1.1 or 1.2): posts as news articles, "
        "pages as standard pages, authors as people, categories and tags as topics, media "
        "from a copy of wp-content/uploads, and redirects from the old addresses. Running it "
        "again with the same file changes nothing."
    )

    def add_arguments(self, parser):
        parser.add_argument("export", help="The export file (.xml).")
        parser.add_argument(
            "--uploads", help="A local copy of the site's wp-content/uploads folder."
        )
        parser.add_argument(
            "--dry-run",
            action="store_true",
            help="Show what the import would do, and write nothing.",
        )
        parser.add_argument(
            "--max-bytes",
            type=int,
            default=settings.WORDPRESS_IMPORT_MAX_BYTES,
            help="Refuse a larger export file (default: WORDPRESS_IMPORT_MAX_BYTES).",
        )

    def handle(self, *args, export, uploads, dry_run, max_bytes, **options):
        if uploads is not None and not os.path.isdir(uploads):
            raise CommandError(f"--uploads {uploads} is not a folder. Nothing was imported.")
        try:
            parsed = read_export(export, max_bytes)
        except ExportError as error:
            raise CommandError(f"{error} Nothing was imported.") from error
        stored_files = []
        try:
            with transaction.atomic():
                summary = Importer(parsed, uploads, stored_files).run()
                if dry_run:
                    raise DryRun
        except DryRun:
            self.remove(stored_files)
        except ImportFailed as error:
            self.remove(stored_files)
            raise CommandError(f"{error} Nothing was imported.") from error
        except Exception as error:
            self.remove(stored_files)
            logger.exception("WordPress import of %s failed", export)
            raise CommandError(
                f"The import stopped on an unexpected error and was undone; nothing was "
                f"imported: {type(error).__name__}: {error}"
            ) from error
        self.report(summary, dry_run)

    @staticmethod
    def remove(names):
        """Delete media files written by an import that was rolled back."""
        for name in names:
            default_storage.delete(name)

    def report(self, summary, dry_run):
        if dry_run:
            self.stdout.write("Dry run: this is what the import would do. Nothing was written.")
        self.stdout.write("\n".join(summary.table()))
        if summary.log:
            self.stdout.write("\nLog:")
            for line in summary.log:
                self.stdout.write(str(line))
