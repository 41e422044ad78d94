"""Fixtures for the public site's HTML tests."""

import pytest
from wagtail.models import Site

from home.models import SiteSettings


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
