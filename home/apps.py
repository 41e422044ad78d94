"""App config for site-wide content."""

from django.apps import AppConfig


class HomeConfig(AppConfig):
    """Site-wide pages, shared blocks, snippets, media models and settings."""

    default_auto_field = "django.db.models.BigAutoField"
    name = "home"
    verbose_name = "Site"
