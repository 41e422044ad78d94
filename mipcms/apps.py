"""App config of the project package: the background services that are not content."""

from django.apps import AppConfig


class MipcmsConfig(AppConfig):
    """Wires the scheduler and the cache purge to Wagtail's signals; v3's privacy; task routes."""

    default_auto_field = "django.db.models.BigAutoField"
    name = "mipcms"
    verbose_name = "MIP CMS services"

    def ready(self):
        from mipcms import cache_purge, scheduler, task_routing
        from mipcms.api import v3

        scheduler.connect_signals()
        cache_purge.connect_signals()
        v3.use_site_privacy_rule()
        task_routing.keep_reference_index_inline()
