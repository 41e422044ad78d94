"""App config for publish webhooks: partner sites hear when pages change."""

from django.apps import AppConfig


class WebhooksConfig(AppConfig):
    """Subscriptions, deliveries and their attempts; signals that queue deliveries."""

    default_auto_field = "django.db.models.BigAutoField"
    name = "mipcms.webhooks"
    label = "webhooks"
    verbose_name = "Webhooks"

    def ready(self):
        from . import events

        events.connect_signals()
