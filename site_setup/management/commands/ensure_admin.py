"""`manage.py ensure_admin`: make sure a superuser login exists and print it (development)."""

import os

from django.contrib.auth import get_user_model
from django.core.management.base import BaseCommand


class Command(BaseCommand):
    """Create the development admin account if it is missing, then print how to log in."""

    help = "Create an admin login if none exists and print it. For development machines."

    def add_arguments(self, parser):
        parser.add_argument("--username", default=os.environ.get("DEV_ADMIN_USERNAME", "admin"))
        parser.add_argument(
            "--password", default=os.environ.get("DEV_ADMIN_PASSWORD", "mip-admin-demo")
        )

    def handle(self, *args, **options):
        User = get_user_model()
        username, password = options["username"], options["password"]
        user = User.objects.filter(username=username).first()
        if user is None:
            User.objects.create_superuser(
                username=username,
                email=f"{username}@example.org",
                password=password,
                first_name="Site",
                last_name="Admin",
            )
            state = "created"
        elif user.check_password(password):
            state = "exists"
        else:
            self.stdout.write(
                f"admin login: user '{username}' exists with a password changed since; "
                "use `manage.py changepassword` to reset it."
            )
            return
        self.stdout.write(f"admin login ({state}): user '{username}', password '{password}'")
