"""`manage.py setup_site`: create the home page, section pages and review workflow if missing."""

from django.core.management.base import BaseCommand

from site_setup.skeleton import ensure_site


class Command(BaseCommand):
    """Build the site skeleton; safe to run on every deploy."""

    help = "Create the home page, the section pages and the review workflow if they are missing."

    def handle(self, *args, **options):
        home = ensure_site()
        sections = ", ".join(child.title for child in home.get_children())
        self.stdout.write(f"site ready: {home.title} ({sections})")
