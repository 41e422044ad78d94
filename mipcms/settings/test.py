"""Test runs: fast hashing, media in a temporary folder, the same database switch as dev."""

import os
import tempfile
from pathlib import Path

from .dev import *  # noqa: F403
from .dev import MIDDLEWARE

# The test client and live server serve static files from the apps themselves.
MIDDLEWARE = [name for name in MIDDLEWARE if not name.startswith("whitenoise.")]

DEBUG = False
PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]
MEDIA_ROOT = Path(tempfile.mkdtemp(prefix="mipcms-test-media-"))
EMAIL_BACKEND = "django.core.mail.backends.locmem.EmailBackend"
ALLOWED_HOSTS = ["testserver", "localhost", "127.0.0.1"]
WAGTAILAPI_BASE_URL = WAGTAILADMIN_BASE_URL = PUBLIC_BASE_URL = "http://testserver"
# Sign-in lockout needs the request at authenticate(), which the test client's login() does
# not pass; tests/mipcms/test_login_lockout.py switches it on.
AXES_ENABLED = False
# Tasks run at once, in the process that enqueues them, so a test sees their effect without a
# worker. Tests of the queue itself use the database backend (tests/tasks.py); processes a
# test starts get it with TEST_TASK_QUEUE=database.
if os.environ.get("TEST_TASK_QUEUE") != "database":
    TASKS = {
        "default": {"BACKEND": "tests.indexing.ImmediateBackend"},
        "inline": {"BACKEND": "tests.indexing.ImmediateBackend"},
    }
# Search counts in the per-test memory cache (cleared around each test); tests flush them.
SEARCH_HITS_CACHE = "default"
# The test process's LocMemCache is shared by everything that runs in it; processes a test
# starts use Redis (production settings) when they must share the site version.
SITE_VERSION_IN_CACHE = True
# The anonymous page cache is off, so tests see every render (its context, its queries);
# tests/mipcms/test_page_cache.py switches it on.
PAGE_CACHE_SECONDS = 0

if DATABASES["default"]["ENGINE"] == "django.db.backends.postgresql":  # noqa: F405
    # A test database need not survive a crash: a commit does not wait for the disk.
    DATABASES["default"]["OPTIONS"]["options"] = "-c synchronous_commit=off"  # noqa: F405
