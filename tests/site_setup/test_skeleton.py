"""Editorial setup: editors submit for review, moderators publish, scheduling fields exist."""

import pytest
from django.contrib.auth.models import Group
from wagtail.models import (
    GroupApprovalTask,
    GroupPagePermission,
    Task,
    Workflow,
    WorkflowState,
    WorkflowTask,
)
from wagtail.test.utils.form_data import nested_form_data

from events.models import EventIndexPage
from home.models import ModeratorApprovalTask
from news.models import NewsArticlePage, NewsIndexPage
from research.models import ResearchIndexPage
from site_setup.skeleton import REVIEW_TASK_NAME, REVIEW_WORKFLOW_NAME, ensure_site
from tests.events.factories import EventPageFactory
from tests.home.factories import CohortPageFactory, StandardPageFactory
from tests.news.factories import NewsArticlePageFactory
from tests.news.forms import news_article_fields
from tests.research.factories import ResearchReportPageFactory

pytestmark = pytest.mark.django_db


def staff(django_user_model, group_name):
    user = django_user_model.objects.create_user(f"{group_name.lower()}-1", password="pw")
    user.groups.add(Group.objects.get(name=group_name))
    return user


def article_form(title, action):
    slug = title.lower().replace(" ", "-")
    return nested_form_data(news_article_fields(title, slug=slug, **{action: action}))


def test_review_workflow_covers_news_research_and_events():
    home = ensure_site()
    for model in (NewsIndexPage, ResearchIndexPage, EventIndexPage):
        section = model.objects.child_of(home).get()
        assert section.get_workflow().name == REVIEW_WORKFLOW_NAME


def test_setup_runs_again_without_duplicating_anything():
    ensure_site()
    # Wagtail's own grants on the root page already cover the sections: nothing is added.
    assert not GroupPagePermission.objects.filter(page__depth__gt=1).exists()
    counts = (Workflow.objects.count(), Task.objects.count(), GroupPagePermission.objects.count())
    ensure_site()
    assert (
        Workflow.objects.count(),
        Task.objects.count(),
        GroupPagePermission.objects.count(),
    ) == counts
    task = Workflow.objects.get(name=REVIEW_WORKFLOW_NAME).tasks.get().specific
    assert isinstance(task, ModeratorApprovalTask)
    assert list(task.groups.values_list("name", flat=True)) == ["Moderators"]


def test_setup_upgrades_the_plain_approval_task_of_an_earlier_setup(django_user_model):
    """A site set up before self-approval was blocked keeps its task, now with the rule."""
    home = ensure_site()
    workflow = Workflow.objects.get(name=REVIEW_WORKFLOW_NAME)
    ModeratorApprovalTask.objects.all().delete()
    plain = GroupApprovalTask.objects.create(name=REVIEW_TASK_NAME)
    plain.groups.set([Group.objects.get(name="Moderators")])
    WorkflowTask.objects.create(workflow=workflow, task=plain, sort_order=0)
    moderator = staff(django_user_model, "Moderators")
    article = NewsArticlePageFactory(
        parent=NewsIndexPage.objects.child_of(home).get(), publish=False
    )
    article.save_revision(user=moderator)
    workflow.start(article, moderator)  # a review in progress during the upgrade

    ensure_site()

    task = Task.objects.get(name=REVIEW_TASK_NAME).specific
    assert isinstance(task, ModeratorApprovalTask)
    assert task.pk == plain.pk
    assert list(workflow.tasks.values_list("pk", flat=True)) == [task.pk]
    assert list(task.groups.values_list("name", flat=True)) == ["Moderators"]
    # The review in progress now follows the rule: its submitter cannot approve it.
    assert article.current_workflow_task.get_actions(article, moderator) == []


def test_editors_and_moderators_get_page_rights_in_the_reviewed_sections(django_user_model):
    """Where a site lacks Wagtail's default grants, setup adds them on the sections."""
    GroupPagePermission.objects.all().delete()
    home = ensure_site()
    editor = staff(django_user_model, "Editors")
    moderator = django_user_model.objects.create_user("moderators-1", password="pw")
    moderator.groups.add(Group.objects.get(name="Moderators"))
    for model in (NewsIndexPage, ResearchIndexPage, EventIndexPage):
        section = model.objects.child_of(home).get()
        editor_rights = section.permissions_for_user(editor)
        assert editor_rights.can_add_subpage()
        assert editor_rights.can_edit()
        assert not editor_rights.can_publish()
        assert section.permissions_for_user(moderator).can_publish()


def test_editor_submits_for_review_but_cannot_publish(client, django_user_model, news_index):
    client.force_login(staff(django_user_model, "Editors"))
    url = f"/admin/pages/add/news/newsarticlepage/{news_index.pk}/"

    client.post(url, article_form("Tried to publish", "action-publish"))
    attempted = NewsArticlePage.objects.get(slug="tried-to-publish")
    assert not attempted.live

    client.post(url, article_form("Sent for review", "action-submit"))
    submitted = NewsArticlePage.objects.get(slug="sent-for-review")
    assert not submitted.live
    state = WorkflowState.objects.get(base_content_type__isnull=False, object_id=str(submitted.pk))
    assert state.status == WorkflowState.STATUS_IN_PROGRESS
    assert state.workflow.name == REVIEW_WORKFLOW_NAME


def test_moderator_can_publish(client, django_user_model, news_index):
    client.force_login(staff(django_user_model, "Moderators"))
    url = f"/admin/pages/add/news/newsarticlepage/{news_index.pk}/"
    client.post(url, article_form("Straight out", "action-publish"))
    assert NewsArticlePage.objects.get(slug="straight-out").live


@pytest.mark.parametrize(
    "page_factory",
    [
        StandardPageFactory,
        CohortPageFactory,
        NewsArticlePageFactory,
        ResearchReportPageFactory,
        EventPageFactory,
    ],
    ids=lambda f: f.__name__,
)
def test_every_page_type_offers_go_live_and_expiry(admin_client, page_factory):
    page = page_factory()
    html = admin_client.get(f"/admin/pages/{page.pk}/edit/").content.decode()
    assert 'name="go_live_at"' in html
    assert 'name="expire_at"' in html
