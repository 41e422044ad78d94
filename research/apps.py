"""App config for the research section."""

from django.apps import AppConfig


class ResearchConfig(AppConfig):
    """Research reports with findings and PDF downloads."""

    default_auto_field = "django.db.models.BigAutoField"
    name = "research"
