"""`manage.py ensure_admin`: make sure a superuser login exists and print it (development)."""

import os

from django.core.management.base import BaseCommand

from site_setup.accounts import ensure_login, login_line


class Command(BaseCommand):
    """Create the development admin account if it is missing, then print how to log in."""

    help = "Create an admin login if none exists and print it. For development machines."

    def add_arguments(self, parser):
        parser.add_argument("--username", default=os.environ.get("DEV_ADMIN_USERNAME", "admin"))
        parser.add_argument(
            "--password", default=os.environ.get("DEV_ADMIN_PASSWORD", "mip-admin-demo")
        )

    def handle(self, *args, **options):
        username, password = options["username"], options["password"]
        state = ensure_login(
            username, password, superuser=True, first_name="Site", last_name="Admin"
        )
        self.stdout.write(login_line("admin", username, password, state))
