"""Fixtures shared by the whole suite."""

import pytest

from home.site_setup import ensure_home_page


@pytest.fixture
def home_page(db):
    """The site's home page (the default site's root), created on first use."""
    return ensure_home_page()
