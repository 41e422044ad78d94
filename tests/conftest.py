"""Fixtures shared by the whole suite."""

import pytest
from django.core.cache import cache

from news.models import NewsIndexPage
from site_setup.skeleton import ensure_home_page, ensure_site


@pytest.fixture(autouse=True)
def _fresh_cache():
    """Site root paths and renditions are cached; a rolled-back test must not leak them."""
    cache.clear()
    yield
    cache.clear()


@pytest.fixture
def news_index(db):
    """The site's News section, with the home page, the other sections and the workflow."""
    ensure_site()
    return NewsIndexPage.objects.get()


@pytest.fixture
def home_page(db):
    """The site's home page (the default site's root), created on first use."""
    return ensure_home_page()
