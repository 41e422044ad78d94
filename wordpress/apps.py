"""App config for the WordPress importer."""

from django.apps import AppConfig


class WordPressConfig(AppConfig):
    """Moves a WordPress site's posts, pages, people, topics and media in (import_wordpress)."""

    default_auto_field = "django.db.models.BigAutoField"
    name = "wordpress"
    verbose_name = "WordPress import"
