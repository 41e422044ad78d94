"""Fixtures for the feed, calendar and sitemap tests."""

import pytest
from django.core.cache import cache


@pytest.fixture(autouse=True)
def _fresh_cache():
    """Site root paths are cached; a rolled-back test must not leak them."""
    cache.clear()
    yield
    cache.clear()
