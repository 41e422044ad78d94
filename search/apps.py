"""App config for the site search."""

from django.apps import AppConfig


class SearchConfig(AppConfig):
    """The site search view."""

    default_auto_field = "django.db.models.BigAutoField"
    name = "search"
