"""Fixtures shared by the whole suite."""

import pytest
from django.core.cache import cache

from home.site_setup import ensure_home_page


@pytest.fixture(autouse=True)
def _fresh_cache():
    """Site root paths and renditions are cached; a rolled-back test must not leak them."""
    cache.clear()
    yield
    cache.clear()


@pytest.fixture
def home_page(db):
    """The site's home page (the default site's root), created on first use."""
    return ensure_home_page()
