"""Local development: debug on, a throwaway secret, plain HTTP cookies."""

import os

from .base import *  # noqa: F403
from .base import env_bool, env_list

DEBUG = True
SECRET_KEY = os.environ.get("DJANGO_SECRET_KEY", "dev-only-insecure-key-never-use-in-production")
ALLOWED_HOSTS = env_list("DJANGO_ALLOWED_HOSTS", "127.0.0.1,localhost,[::1]")
SESSION_COOKIE_SECURE = False
CSRF_COOKIE_SECURE = False
# WhiteNoise serves static files straight from the apps (no collectstatic), so the
# production server runs with these settings too (`make serve`).
WHITENOISE_USE_FINDERS = True
WHITENOISE_AUTOREFRESH = True
# The v3 API's interactive docs (/api/v3/docs/) and schema are on while developing.
WAGTAILAPI_DOCS_ENABLED = env_bool("API_DOCS_ENABLED", True)
STORAGES = {
    "default": {"BACKEND": "django.core.files.storage.FileSystemStorage"},
    "staticfiles": {"BACKEND": "django.contrib.staticfiles.storage.StaticFilesStorage"},
}
# Webhook receivers tried out locally run on 127.0.0.1 (base.py refuses such addresses).
WEBHOOKS_ALLOW_PRIVATE_TARGETS = True
