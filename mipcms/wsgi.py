"""WSGI entry point for MIP CMS (production uses mipcms.settings.production)."""

import os

from django.core.wsgi import get_wsgi_application

os.environ.setdefault("DJANGO_SETTINGS_MODULE", "mipcms.settings.production")

application = get_wsgi_application()
