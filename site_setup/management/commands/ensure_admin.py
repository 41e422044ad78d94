"""`manage.py ensure_admin`: make sure a superuser login exists and print it (development)."""

import os

from django.conf import settings
from django.core.management.base import BaseCommand, CommandError

from site_setup.accounts import ensure_login, login_line


class Command(BaseCommand):
    """Create the development admin account if it is missing, then print how to log in."""

    help = (
        "Create an admin login if none exists and print it. Development machines only (needs "
        "DEBUG): on a real site use createsuperuser."
    )

    def add_arguments(self, parser):
        parser.add_argument("--username", default=os.environ.get("DEV_ADMIN_USERNAME", "admin"))
        parser.add_argument(
            "--password", default=os.environ.get("DEV_ADMIN_PASSWORD", "mip-admin-demo")
        )

    def handle(self, *args, **options):
        if not settings.DEBUG:
            raise CommandError(
                "A superuser with a well-known password: development only (createsuperuser)."
            )
        username, password = options["username"], options["password"]
        state = ensure_login(
            username, password, superuser=True, first_name="Site", last_name="Admin"
        )
        self.stdout.write(login_line("admin", username, password, state))
