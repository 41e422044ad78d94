"""App config for site set-up and demo content."""

from django.apps import AppConfig


class SiteSetupConfig(AppConfig):
    """The site's skeleton (`setup_site`), demo content (`load_demo`) and the dev login."""

    default_auto_field = "django.db.models.BigAutoField"
    name = "site_setup"
    verbose_name = "Site set-up"
