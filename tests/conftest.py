"""Fixtures shared by the whole suite.

The site skeleton (home page, section fronts, review workflow) is built once per test
database, right after it is created, and every test runs in a transaction rolled back at its
end, so no test pays for building it. Tests that need real transactions (threads, processes,
a live server) run last (pytest-django orders them so) on a database flushed after each of
them; they get the skeleton back before they start.
"""

import os

import pytest
from django.conf import settings
from django.core.cache import cache
from django.db import connections
from hypothesis import HealthCheck
from hypothesis import settings as hypothesis_settings
from wagtail.models import Site

from home.models import HomePage, SiteSettings
from news.models import NewsIndexPage
from site_setup.skeleton import ensure_site
from tests.world import keep_worlds_together, name_xdist_groups

# Generated-input tests (hypothesis): a lighter default for every run, full strength in the
# nightly profile (`make test-nightly`, HYPOTHESIS_PROFILE=nightly). No example database: each
# run stands on its own, as in CI. Requests are slow next to hypothesis's expectations, and the
# content a test runs against is built by a (function- or module-scoped) fixture.
_GENERATED = {
    "deadline": None,
    "database": None,
    "suppress_health_check": [HealthCheck.function_scoped_fixture, HealthCheck.too_slow],
}
hypothesis_settings.register_profile("default", max_examples=40, **_GENERATED)
hypothesis_settings.register_profile("nightly", max_examples=400, **_GENERATED)
hypothesis_settings.load_profile(os.environ.get("HYPOTHESIS_PROFILE", "default"))

# Markers of tests that run on PostgreSQL only: the production database, where real
# processes and browsers share one database as they do in production (SQLite runs them
# one writer at a time, which says nothing about production).
POSTGRESQL_ONLY = ("browser", "subprocess")

# Fixtures shared by several folders: the database task queue (task_queue).
pytest_plugins = ["tests.tasks"]


@pytest.hookimpl(wrapper=True)
def pytest_collection_modifyitems(config, items):
    """Keep module worlds on one worker; on SQLite, skip the browser and multi-process tests
    (they run on PostgreSQL).

    A wrapper, so the marks are there before pytest-xdist reads them and the group names
    can be checked after it has.
    """
    keep_worlds_together(config, items)
    if "postgresql" not in settings.DATABASES["default"]["ENGINE"]:
        skip = pytest.mark.skip(reason="runs on PostgreSQL only (set DATABASE_URL=postgres://...)")
        for item in items:
            if any(item.get_closest_marker(name) for name in POSTGRESQL_ONLY):
                item.add_marker(skip)
    yield
    name_xdist_groups(config, items)


@pytest.fixture(scope="session")
def django_db_setup(django_db_setup, django_db_blocker):
    """The test database, with the site skeleton built once.

    Tests with real transactions start from a copy of the database (serialized rollback):
    taken again once the skeleton is built, so that they get it back with the rest instead
    of building it afresh, page by page, each time.
    """
    with django_db_blocker.unblock():
        ensure_site()
        for connection in connections.all():
            if hasattr(connection, "_test_serialized_contents"):
                connection._test_serialized_contents = connection.creation.serialize_db_to_string()


def transactional(request):
    """Whether the test runs with real transactions (and so on a flushed database)."""
    marker = request.node.get_closest_marker("django_db")
    if marker is not None and marker.kwargs.get("transaction"):
        return True
    return bool({"transactional_db", "live_server"} & set(request.fixturenames))


@pytest.fixture(autouse=True)
def _skeleton(request):
    """Rebuild the skeleton for tests that run on a flushed database."""
    if transactional(request):
        request.getfixturevalue("transactional_db")
        ensure_site()


@pytest.fixture(autouse=True)
def _fresh_cache():
    """Site root paths and renditions are cached; a rolled-back test must not leak them."""
    cache.clear()
    yield
    cache.clear()


@pytest.fixture
def home_page(db):
    """The site's home page (the default site's root)."""
    return HomePage.objects.get()


@pytest.fixture
def bare_home(home_page):
    """The home page without the skeleton's sections: for tests that count what a site lists."""
    for page in home_page.get_children():
        page.delete()
    home_page.refresh_from_db()
    return home_page


@pytest.fixture
def news_index(db):
    """The site's News section."""
    return NewsIndexPage.objects.get()


@pytest.fixture
def site(home_page):
    """The default site, rooted at the home page."""
    return Site.objects.get(is_default_site=True)


@pytest.fixture
def site_settings(site):
    """Footer contact details and social links for the site."""
    settings, _ = SiteSettings.objects.update_or_create(
        site=site,
        defaults={
            "contact_email": "hello@mayorsinnovation.example",
            "phone": "+1 608 555 0100",
            "address": "1180 Observatory Drive\nMadison, WI 53706",
            "footer_text": "A learning network for American mayors.",
            "bluesky_url": "https://bsky.app/profile/mip.example",
            "linkedin_url": "https://www.linkedin.com/company/mip-example",
            "newsletter_url": "https://example.org/newsletter",
        },
    )
    return settings
