"""Fixtures for the v3 API tests: the site's sections, staff users and their API tokens."""

import pytest
from wagtail.models import Page

from site_setup.skeleton import ensure_site
from tests.api.v3.clients import APIClient, create_token, staff_user
from tests.home.factories import (
    DocumentFactory,
    ImageFactory,
    StandardPageFactory,
    TestimonialFactory,
)


@pytest.fixture
def site(db):
    """The home page with its sections (/news/, /research/, /events/...) and review workflow."""
    return ensure_site()


@pytest.fixture
def events_index(site):
    return Page.objects.get(url_path="/home/events/").specific


@pytest.fixture
def research_index(site):
    return Page.objects.get(url_path="/home/research/").specific


@pytest.fixture
def admin_user(site, django_user_model):
    return django_user_model.objects.create_superuser("webmaster", "webmaster@mip.example", "pw")


@pytest.fixture
def editor(site, django_user_model):
    """A communications staff member in Wagtail's Editors group (add and edit, no publish)."""
    return staff_user(django_user_model, "editor", "Editors")


@pytest.fixture
def moderator(site, django_user_model):
    """A member of the Moderators group (add, edit and publish)."""
    return staff_user(django_user_model, "moderator", "Moderators")


@pytest.fixture
def admin_api(admin_user):
    return APIClient(create_token(admin_user))


@pytest.fixture
def editor_api(editor):
    return APIClient(create_token(editor))


@pytest.fixture
def moderator_api(moderator):
    return APIClient(create_token(moderator))


@pytest.fixture
def anonymous_api(site):
    return APIClient()


@pytest.fixture
def media(site):
    """The records body blocks point at (tests.home.test_block_rendering.every_block)."""
    return {
        "image": ImageFactory(alt_text="Default alt", credit="Jane Photographer"),
        "document": DocumentFactory(title="Water brief"),
        "testimonial": TestimonialFactory(photo=ImageFactory()),
        "live": StandardPageFactory(title="Membership"),
        "draft": StandardPageFactory(title="Secret draft", publish=False),
    }
