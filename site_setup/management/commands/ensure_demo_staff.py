"""`manage.py ensure_demo_staff`: a demo editor and moderator to try the review workflow."""

import os

from django.conf import settings
from django.core.management.base import BaseCommand, CommandError

from site_setup.accounts import ensure_login, login_line

# The demo logins; each password can be set in the environment variable named.
DEMO_STAFF = [
    {
        "group": "Editors",
        "username": "editor",
        "password_variable": "DEV_EDITOR_PASSWORD",
        "password": "mip-editor-demo",
        "names": {"first_name": "Erin", "last_name": "Editor"},
    },
    {
        "group": "Moderators",
        "username": "moderator",
        "password_variable": "DEV_MODERATOR_PASSWORD",
        "password": "mip-moderator-demo",
        "names": {"first_name": "Mo", "last_name": "Moderator"},
    },
]


class Command(BaseCommand):
    """Create the demo editor (Editors) and moderator (Moderators) if missing; print them."""

    help = (
        "Create a demo editor and a demo moderator login if missing and print them, so the "
        "review workflow can be tried end to end. Development machines only (needs DEBUG)."
    )

    def handle(self, *args, **options):
        if not settings.DEBUG:
            raise CommandError("Demo logins have well-known passwords: development only.")
        for login in DEMO_STAFF:
            username, group = login["username"], login["group"]
            password = os.environ.get(login["password_variable"], login["password"])
            state = ensure_login(username, password, groups=[group], **login["names"])
            self.stdout.write(login_line(f"{username} ({group})", username, password, state))
