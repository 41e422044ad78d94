"""Page actions through v3: what a copy is, and bodies with keys an action does not know."""

import pytest
from wagtail.models import Page, Revision

from news.models import NewsArticlePage
from tests.news.factories import NewsArticlePageFactory
from tests.surfaces import NOWHERE, public_view

pytestmark = pytest.mark.django_db


def copied_page(response):
    assert response.status_code == 201, response.content
    return NewsArticlePage.objects.get(pk=response.json()["id"])


@pytest.fixture
def live_story(news_index):
    return NewsArticlePageFactory(parent=news_index, title="Bike lanes doubled narwhal")


def post_without_a_body(api, path):
    """A POST as `curl -X POST` sends it: no body, no content type."""
    return api.client.generic("POST", f"/api/v3/{path}", headers=api.headers)


@pytest.mark.parametrize(
    "body", [None, {}, {"recursive": False}], ids=["no body", "{}", "recursive"]
)
def test_a_copy_is_a_draft(admin_api, live_story, body):
    path = f"pages/{live_story.pk}/actions/copy/"
    response = post_without_a_body(admin_api, path) if body is None else admin_api.post(path, body)

    copy = copied_page(response)
    assert copy.pk != live_story.pk
    assert not copy.live
    assert copy.title == live_story.title
    assert response.json()["meta"]["slug"] != live_story.slug
    # Only the original shows; the copy is found nowhere.
    assert public_view(copy, "narwhal") == NOWHERE


def test_a_copy_is_live_when_asked(admin_api, live_story):
    response = admin_api.post(f"pages/{live_story.pk}/actions/copy/", {"keep_live": True})

    assert copied_page(response).live


@pytest.mark.parametrize(
    "action, body",
    [
        ("copy", {"keep_alive": False}),
        ("copy", {"keep_live": False, "destination": 3}),
        ("copy", {"Title": "Copied"}),
        ("unpublish", {"recursve": True}),
        ("move", {"destination_id": 3, "pos": "first-child"}),
        ("publish", {"when": "now"}),
    ],
)
def test_keys_an_action_does_not_know_are_refused(admin_api, live_story, action, body):
    pages, revisions = Page.objects.count(), Revision.objects.count()

    response = admin_api.post(f"pages/{live_story.pk}/actions/{action}/", body)

    assert response.status_code == 422, response.content
    unknown = next(key for key in body if key not in {"keep_live", "destination_id"})
    assert f"'{unknown}'" in response.json()["detail"]
    assert (Page.objects.count(), Revision.objects.count()) == (pages, revisions)
    live_story.refresh_from_db()
    assert live_story.live


def test_unknown_keys_from_a_client_without_a_token_are_a_401(anonymous_api, live_story):
    response = anonymous_api.post(f"pages/{live_story.pk}/actions/copy/", {"keep_alive": 1})
    assert response.status_code == 401


@pytest.mark.parametrize("action", ["copy", "create_alias"])
def test_the_root_has_nowhere_to_be_copied_beside(admin_api, action):
    root = Page.objects.get(depth=1)
    pages = Page.objects.count()

    response = admin_api.post(f"pages/{root.pk}/actions/{action}/", {})

    assert response.status_code == 422, response.content
    assert "destination_id" in response.json()["detail"]
    assert Page.objects.count() == pages
