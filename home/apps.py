"""App config for site-wide content."""

from django.apps import AppConfig
from django.conf import settings
from PIL import Image


class HomeConfig(AppConfig):
    """Site-wide pages, shared blocks, snippets, media models and settings."""

    default_auto_field = "django.db.models.BigAutoField"
    name = "home"
    verbose_name = "Site"

    def ready(self):
        # Pillow refuses to open an image of more than twice MAX_IMAGE_PIXELS anywhere in the
        # process (its decompression-bomb check): tied to the upload limit, no code path can
        # decode a pixel bomb into memory. Pillow is configured through this module variable.
        Image.MAX_IMAGE_PIXELS = settings.WAGTAILIMAGES_MAX_IMAGE_PIXELS

        from home import image_access, site_version  # need the models

        image_access.connect_signals()
        site_version.connect_signals()
