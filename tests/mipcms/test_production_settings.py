"""The production settings load, pass `check --deploy` and build every optional backend.

Each optional backend is switched on by its environment variable (REDIS_URL,
MEDIA_STORAGE=s3, SENTRY_DSN, FRONTEND_CACHE), in a fresh process as production starts
one; nothing is contacted (the addresses lead nowhere) and every class is imported and
built, so a backend whose package is not installed fails here.
"""

import json
import os
import subprocess
import sys

import pytest
from django.conf import settings
from django.db import connection

pytestmark = [
    pytest.mark.skipif(connection.vendor != "postgresql", reason="starts a process"),
    pytest.mark.subprocess,
]

REQUIRED = {
    "DJANGO_SETTINGS_MODULE": "mipcms.settings.production",
    "DJANGO_SECRET_KEY": "check-only-" + "x" * 60,
    "DJANGO_ALLOWED_HOSTS": "cms.example.org",
    "DATABASE_URL": "sqlite:////tmp/mipcms-settings-check.sqlite3",
    "PUBLIC_BASE_URL": "https://cms.example.org",
}
EVERY_BACKEND = {
    "REDIS_URL": "redis://127.0.0.1:1/0",
    "MEDIA_STORAGE": "s3",
    "MEDIA_S3_BUCKET": "mipcms-media",
    "MEDIA_S3_REGION": "us-east-1",
    "MEDIA_S3_ENDPOINT_URL": "http://127.0.0.1:1",
    "MEDIA_S3_ACCESS_KEY_ID": "key",
    "MEDIA_S3_SECRET_ACCESS_KEY": "secret",
    "MEDIA_S3_CUSTOM_DOMAIN": "media.example.org",
    "SENTRY_DSN": "https://public@sentry.example.invalid/1",
    "SENTRY_RELEASE": "mipcms@1.2.3",
    "FRONTEND_CACHE": "http",
    "FRONTEND_CACHE_LOCATION": "http://127.0.0.1:1",
}

# Runs in the production process: the deploy checks, then what each backend turned out to be.
PROBE = """
import json, django
django.setup()
from django.core.management import call_command
call_command("check", deploy=True, fail_level="WARNING")
import sentry_sdk
from django.core.cache import caches
from django.core.files.storage import storages
from django.conf import settings
from wagtail.contrib.frontend_cache.utils import get_backends
cache, storage, client = caches["default"], storages["default"], sentry_sdk.get_client()
print(json.dumps({
    "cache": type(cache).__module__ + "." + type(cache).__name__,
    "cache_client": type(cache.client).__name__,
    "storage": type(storage).__name__,
    "image_url": storage.url("images/river.width-800.jpg"),
    "frontend_cache": [type(backend).__name__ for backend in get_backends().values()],
    "sentry_active": client.is_active(),
    "sentry": {k: client.options[k] for k in ("environment", "release", "send_default_pii")},
    "sentry_django": "django" in client.integrations,
    "logging": settings.LOGGING["formatters"],
    "tasks": {alias: options["BACKEND"] for alias, options in settings.TASKS.items()},
}))
"""


def run_production(env):
    process = subprocess.run(  # noqa: S603
        [sys.executable, "-c", PROBE],
        cwd=settings.BASE_DIR,
        env={"PATH": os.environ["PATH"], **REQUIRED, **env},
        capture_output=True,
        text=True,
        timeout=120,
    )
    assert process.returncode == 0, process.stderr
    return process.stdout, json.loads(process.stdout.strip().splitlines()[-1])


def test_every_optional_backend_switched_on_passes_the_deploy_checks():
    checks, built = run_production(EVERY_BACKEND)
    assert "System check identified no issues" in checks
    assert built["cache"] == "django_redis.cache.RedisCache"
    assert built["cache_client"] == "ResilientRedisClient"
    assert built["storage"] == "MediaStorage"
    assert built["image_url"] == "https://media.example.org/images/river.width-800.jpg"
    assert built["frontend_cache"] == ["HTTPBackend"]
    assert built["sentry_active"] is True
    assert built["sentry"] == {
        "environment": "production",
        "release": "mipcms@1.2.3",
        "send_default_pii": None,  # sentry-sdk's default: no personal data
    }
    assert built["sentry_django"] is True
    assert "json" in built["logging"]
    # Background work waits in the database queue for `manage.py run_worker`.
    assert built["tasks"]["default"] == "django_tasks_db.DatabaseBackend"


def test_a_staging_copy_purges_no_cdn():
    """STAGING=true (a restored backup): the CDN of production is never purged from it."""
    _, built = run_production({**EVERY_BACKEND, "STAGING": "true"})
    assert built["frontend_cache"] == []
    assert built["sentry"]["environment"] == "staging"


def test_a_half_configured_backend_stops_production_with_a_clear_message():
    process = subprocess.run(
        [sys.executable, "-c", "import django; django.setup()"],
        cwd=settings.BASE_DIR,
        env={"PATH": os.environ["PATH"], **REQUIRED, "MEDIA_STORAGE": "s3"},
        capture_output=True,
        text=True,
        timeout=120,
    )
    assert process.returncode != 0
    assert "MEDIA_STORAGE=s3 needs MEDIA_S3_BUCKET" in process.stderr


def env_example():
    """The variables .env.example sets, as an operator copies them (comments left out)."""
    values = {}
    for line in (settings.BASE_DIR / ".env.example").read_text().splitlines():
        if line.strip() and not line.lstrip().startswith("#"):
            name, _, value = line.partition("=")
            values[name.strip()] = value.strip()
    return values


def test_the_settings_env_example_recommends_pass_the_deploy_checks():
    """An operator who copies .env.example and fills in the secret gets a working site."""
    example = env_example()
    assert example["DJANGO_SETTINGS_MODULE"] == "mipcms.settings.production"
    assert example["DJANGO_SECRET_KEY"] == ""  # the one value every operator must choose
    example = {**example, "DJANGO_SECRET_KEY": REQUIRED["DJANGO_SECRET_KEY"]}
    checks, built = run_production(example)
    assert "System check identified no issues" in checks
    assert built["cache"] == "django_redis.cache.RedisCache"  # REDIS_URL is set there
    assert built["storage"] == "FileSystemStorage"  # MEDIA_STORAGE=filesystem
    assert built["sentry_active"] is False  # no SENTRY_DSN
    assert "json" in built["logging"]
