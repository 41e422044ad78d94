"""A token can do exactly what its user can do in the admin, and nothing more.

Wagtail's own migration gives the Editors group "add" and "change" on the whole tree and the
Moderators group "publish" as well; neither may bulk-delete. A refused write changes nothing.
"""

import pytest
from django.contrib.auth.models import Group, Permission
from wagtail.models import GroupPagePermission, Page, Revision

from news.models import NewsArticlePage
from tests.api.v3.clients import APIClient, create_token, news_article, staff_user
from tests.news.factories import NewsArticlePageFactory
from tests.research.factories import ResearchReportPageFactory

pytestmark = pytest.mark.django_db


def snapshot():
    """What a refused request must leave as it was: pages, revisions, and what is live."""
    return (
        Page.objects.count(),
        Revision.objects.count(),
        set(Page.objects.live().values_list("pk", flat=True)),
    )


def assert_refused(response, status=403):
    assert response.status_code == status, response.content
    assert response["Content-Type"] == "application/problem+json"
    assert response.json()["detail"]


def test_editors_group_has_no_publish_or_delete_rights(site):
    """The premise of the tests below, read from the database the migrations built."""
    rights = set(
        GroupPagePermission.objects.filter(group__name="Editors").values_list(
            "page__depth", "permission__codename"
        )
    )
    assert rights == {(1, "add_page"), (1, "change_page")}


def test_editor_creates_and_edits_drafts(editor_api, editor, news_index):
    created = editor_api.post("pages/", news_article(news_index, "Drafted by an editor"))
    assert created.status_code == 201, created.content
    page = NewsArticlePage.objects.get(pk=created.json()["id"])
    assert page.owner == editor
    assert not page.live

    updated = editor_api.patch(f"pages/{page.pk}/", {"summary": "A better summary."})
    assert updated.status_code == 200, updated.content
    page.refresh_from_db()
    assert page.summary == "A better summary."


def test_editor_cannot_publish_in_any_way(editor_api, news_index):
    draft = NewsArticlePageFactory(parent=news_index, publish=False)
    before = snapshot()

    assert_refused(editor_api.post("pages/", news_article(news_index, "Straight out", "publish")))
    assert_refused(editor_api.post(f"pages/{draft.pk}/actions/publish/"))
    assert_refused(editor_api.patch(f"pages/{draft.pk}/", {"meta": {"action": "publish"}}))

    assert snapshot() == before


def test_editor_cannot_unpublish_or_delete_a_live_page(editor_api, news_index):
    live = NewsArticlePageFactory(parent=news_index)
    before = snapshot()

    assert_refused(editor_api.post(f"pages/{live.pk}/actions/unpublish/"))
    assert_refused(editor_api.delete(f"pages/{live.pk}/"))
    assert_refused(editor_api.delete(f"pages/{live.pk}/actions/delete/"))
    assert_refused(editor_api.delete(f"pages/{news_index.pk}/"))

    assert snapshot() == before


def test_editor_may_delete_an_unpublished_draft_as_in_the_admin(editor_api, editor, news_index):
    """The admin lets an editor delete a page that has never been published; so does v3."""
    draft = NewsArticlePageFactory(parent=news_index, publish=False)
    assert draft.permissions_for_user(editor).can_delete()

    response = editor_api.delete(f"pages/{draft.pk}/")

    assert response.status_code == 204
    assert not Page.objects.filter(pk=draft.pk).exists()


def test_moderator_publishes(moderator_api, news_index):
    response = moderator_api.post("pages/", news_article(news_index, "Approved", "publish"))
    assert response.status_code == 201, response.content
    assert NewsArticlePage.objects.get(pk=response.json()["id"]).live


@pytest.fixture
def news_writer_api(site, django_user_model, news_index):
    """A token of a user whose group may add, edit and publish under /news/ only."""
    group = Group.objects.create(name="News desk")
    group.permissions.add(Permission.objects.get(codename="access_admin"))
    for codename in ("add_page", "change_page", "publish_page"):
        GroupPagePermission.objects.create(
            group=group, page=news_index, permission=Permission.objects.get(codename=codename)
        )
    return APIClient(create_token(staff_user(django_user_model, "newsdesk", "News desk")))


def test_section_rights_stop_at_the_section(news_writer_api, news_index, research_index):
    report = ResearchReportPageFactory(parent=research_index, title="Not yours")
    inside = news_writer_api.post("pages/", news_article(news_index, "Ours", "publish"))
    assert inside.status_code == 201, inside.content
    before = snapshot()

    assert_refused(news_writer_api.patch(f"pages/{report.pk}/", {"title": "Taken over"}))
    assert_refused(news_writer_api.post(f"pages/{report.pk}/actions/unpublish/"))
    assert_refused(news_writer_api.delete(f"pages/{report.pk}/"))
    assert_refused(
        news_writer_api.post(
            "pages/",
            {
                "meta": {"type": "research.ResearchReportPage", "parent_id": research_index.pk},
                "title": "Planted report",
            },
        )
    )

    assert snapshot() == before
    report.refresh_from_db()
    assert report.title == "Not yours"


def test_section_writer_lists_only_what_it_may_edit(news_writer_api, news_index, research_index):
    """An authenticated v3 listing is the user's editable pages, not the public site."""
    ResearchReportPageFactory(parent=research_index)
    listing = news_writer_api.get("pages/").json()["items"]
    assert {item["id"] for item in listing} == {news_index.pk}


@pytest.fixture
def no_rights_api(site, django_user_model):
    """A token of an active user with no page permissions at all."""
    return APIClient(create_token(staff_user(django_user_model, "reader")))


def test_user_without_page_rights_gets_403_on_every_write(no_rights_api, news_index):
    live = NewsArticlePageFactory(parent=news_index)
    before = snapshot()

    assert_refused(no_rights_api.post("pages/", news_article(news_index, "Nope")))
    assert_refused(no_rights_api.patch(f"pages/{live.pk}/", {"title": "Nope"}))
    assert_refused(no_rights_api.post(f"pages/{live.pk}/actions/publish/"))
    assert_refused(no_rights_api.post(f"pages/{live.pk}/actions/unpublish/"))
    assert_refused(no_rights_api.delete(f"pages/{live.pk}/"))
    assert_refused(no_rights_api.post(f"pages/{live.pk}/actions/copy/"))

    assert snapshot() == before


def test_anonymous_writes_get_401(anonymous_api, news_index):
    live = NewsArticlePageFactory(parent=news_index)
    before = snapshot()

    assert_refused(anonymous_api.post("pages/", news_article(news_index, "Nope")), 401)
    assert_refused(anonymous_api.patch(f"pages/{live.pk}/", {"title": "Nope"}), 401)
    assert_refused(anonymous_api.post(f"pages/{live.pk}/actions/publish/"), 401)
    assert_refused(anonymous_api.delete(f"pages/{live.pk}/"), 401)

    assert snapshot() == before
