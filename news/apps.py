"""App config for the news section."""

from django.apps import AppConfig


class NewsConfig(AppConfig):
    """Dated stories with topics and authors."""

    default_auto_field = "django.db.models.BigAutoField"
    name = "news"
