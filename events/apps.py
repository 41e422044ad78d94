"""App config for the events section."""

from django.apps import AppConfig


class EventsConfig(AppConfig):
    """Events: online, in person or hybrid, in their own time zone."""

    default_auto_field = "django.db.models.BigAutoField"
    name = "events"

    def ready(self):
        from .registration import connect_signals  # needs the models

        connect_signals()
