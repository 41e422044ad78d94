"""A public page read anonymously through v3 names no hidden page as its parent or original.

`meta.parent` and `meta.alias_of` are pages too: anonymously, they are shown only when they
are among the pages an anonymous client may read (mipcms/api/v3.py, `public_pages_for`),
otherwise null, as v2 leaves them out. A client with a token sees them as before.
"""

import pytest
from wagtail.models import Page

from tests.hidden import HIDDEN_KINDS, hidden_page
from tests.home.factories import StandardPageFactory

pytestmark = pytest.mark.django_db
RESTRICTED = {"login", "groups", "password", "private section"}


def home():
    return Page.objects.get(url_path="/home/")


@pytest.mark.parametrize("kind", HIDDEN_KINDS)
def test_parent_hidden_from_anonymous_reads(anonymous_api, admin_api, kind):
    hidden = hidden_page(kind, StandardPageFactory, StandardPageFactory, home(), title="Secret")
    parent = hidden
    child = StandardPageFactory(parent=parent, title="Open child")
    response = anonymous_api.get(f"pages/{child.pk}/")
    if kind in RESTRICTED:
        assert response.status_code == 404  # a view restriction hides the pages under it
        return
    assert response.status_code == 200, response.content
    assert response.json()["meta"]["parent"] is None
    assert "Secret" not in response.content.decode()
    # With a token, the parent is there.
    assert admin_api.get(f"pages/{child.pk}/").json()["meta"]["parent"]["id"] == parent.pk


def test_public_parent_is_shown(anonymous_api):
    parent = StandardPageFactory(parent=home(), title="Open parent")
    child = StandardPageFactory(parent=parent, title="Open child")
    meta = anonymous_api.get(f"pages/{child.pk}/").json()["meta"]
    assert (meta["parent"]["id"], meta["parent"]["title"]) == (parent.pk, "Open parent")


def test_alias_of_a_hidden_page_does_not_name_it(anonymous_api, admin_api):
    hidden = hidden_page(
        "private section", StandardPageFactory, StandardPageFactory, home(), title="Secret"
    )
    alias = hidden.create_alias(parent=home(), update_slug="open-alias")
    response = anonymous_api.get(f"pages/{alias.pk}/")
    assert response.status_code == 200, response.content
    assert response.json()["meta"]["alias_of"] is None
    assert admin_api.get(f"pages/{alias.pk}/").json()["meta"]["alias_of"]["id"] == hidden.pk


def test_alias_of_a_public_page_is_shown(anonymous_api):
    original = StandardPageFactory(parent=home(), title="Open original")
    alias = original.create_alias(parent=original.get_parent(), update_slug="open-copy")
    meta = anonymous_api.get(f"pages/{alias.pk}/").json()["meta"]
    assert meta["alias_of"]["id"] == original.pk
