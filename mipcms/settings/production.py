"""Production: everything from base plus infrastructure; refuses to start half-configured."""

import os

from django.core.exceptions import ImproperlyConfigured

from mipcms.cache import redis_cache_settings
from mipcms.request_log import logging_settings
from mipcms.sentry import init_sentry
from mipcms.storage import s3_storage_settings

from .base import *  # noqa: F403
from .base import STAGING, STORAGES, env_bool


def require_env(name):
    """Read an environment variable that production cannot run without."""
    value = os.environ.get(name, "").strip()
    if not value:
        raise ImproperlyConfigured(
            f"{name} must be set for production (see docs/deployment.md and .env.example)."
        )
    return value


SECRET_KEY = require_env("DJANGO_SECRET_KEY")
ALLOWED_HOSTS = [host.strip() for host in require_env("DJANGO_ALLOWED_HOSTS").split(",")]
require_env("DATABASE_URL")
require_env("PUBLIC_BASE_URL")

SECURE_SSL_REDIRECT = env_bool("DJANGO_SECURE_SSL_REDIRECT", True)
SECURE_PROXY_SSL_HEADER = ("HTTP_X_FORWARDED_PROTO", "https")
SECURE_HSTS_SECONDS = int(os.environ.get("DJANGO_SECURE_HSTS_SECONDS", "31536000"))
SECURE_HSTS_INCLUDE_SUBDOMAINS = True
SECURE_HSTS_PRELOAD = env_bool("DJANGO_SECURE_HSTS_PRELOAD", False)

SILENCED_SYSTEM_CHECKS = [
    # X_FRAME_OPTIONS is SAMEORIGIN, not DENY, because Wagtail's preview frames the site.
    "security.W019",
    # HSTS preload is hard to undo, so it is an explicit opt-in (DJANGO_SECURE_HSTS_PRELOAD).
    "security.W021",
]

if os.environ.get("REDIS_URL"):
    # Shared by every app server. A Redis outage costs speed, not pages: errors are logged
    # and ignored, and after one the cache is skipped for a few seconds (mipcms/cache.py).
    CACHES = redis_cache_settings(
        os.environ["REDIS_URL"],
        key_prefix=os.environ.get("REDIS_KEY_PREFIX", "mipcms"),
        timeout=float(os.environ.get("REDIS_TIMEOUT_SECONDS", "0.25")),
        retry_seconds=float(os.environ.get("REDIS_RETRY_SECONDS", "5")),
    )
    # Search counts wait in Redis for the task worker, whichever server took the search.
    SEARCH_HITS_CACHE = "default"

if os.environ.get("EMAIL_HOST"):
    EMAIL_BACKEND = "django.core.mail.backends.smtp.EmailBackend"
    EMAIL_HOST = os.environ["EMAIL_HOST"]
    EMAIL_PORT = int(os.environ.get("EMAIL_PORT", "587"))
    EMAIL_HOST_USER = os.environ.get("EMAIL_HOST_USER", "")
    EMAIL_HOST_PASSWORD = os.environ.get("EMAIL_HOST_PASSWORD", "")
    EMAIL_USE_TLS = env_bool("EMAIL_USE_TLS", True)

# Media: on this server's disk (MEDIA_ROOT) or in S3-compatible object storage, which
# several app servers can share (mipcms/storage.py).
MEDIA_STORAGE = os.environ.get("MEDIA_STORAGE", "filesystem").strip().lower()
if MEDIA_STORAGE == "s3":
    STORAGES = {**STORAGES, "default": s3_storage_settings(os.environ)}
elif MEDIA_STORAGE != "filesystem":
    raise ImproperlyConfigured("MEDIA_STORAGE must be filesystem or s3.")

# JSON lines on standard output, for journald or the platform's log collector.
LOGGING = logging_settings(
    log_format=os.environ.get("LOG_FORMAT", "json").strip().lower(),
    level=os.environ.get("LOG_LEVEL", "INFO"),
    wagtail_level=os.environ.get("WAGTAIL_LOG_LEVEL", "WARNING"),
    stream="ext://sys.stdout",
)

# Unhandled errors go to Sentry when SENTRY_DSN is set; no personal data is sent.
SENTRY_DSN = os.environ.get("SENTRY_DSN", "").strip()
if SENTRY_DSN:
    init_sentry(
        SENTRY_DSN,
        environment=os.environ.get("SENTRY_ENVIRONMENT")
        or ("staging" if STAGING else "production"),
        release=os.environ.get("SENTRY_RELEASE", "").strip() or None,
        traces_sample_rate=float(os.environ.get("SENTRY_TRACES_SAMPLE_RATE", "0")),
    )
