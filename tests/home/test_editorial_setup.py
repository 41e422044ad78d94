"""Editorial setup: editors submit for review, moderators publish, scheduling fields exist."""

import pytest
from django.contrib.auth.models import Group
from wagtail.models import WorkflowState
from wagtail.test.utils.form_data import inline_formset, nested_form_data, rich_text, streamfield

from events.models import EventIndexPage
from home.site_setup import REVIEW_WORKFLOW_NAME, ensure_site
from news.models import NewsArticlePage, NewsIndexPage
from research.models import ResearchIndexPage
from tests.events.factories import EventPageFactory
from tests.home.factories import CohortPageFactory, StandardPageFactory
from tests.news.factories import NewsArticlePageFactory
from tests.research.factories import ResearchReportPageFactory

pytestmark = pytest.mark.django_db


def staff(django_user_model, group_name):
    user = django_user_model.objects.create_user(f"{group_name.lower()}-1", password="pw")
    user.groups.add(Group.objects.get(name=group_name))
    return user


def article_form(title, action):
    return nested_form_data(
        {
            "title": title,
            "slug": title.lower().replace(" ", "-"),
            "summary": "A short summary.",
            "authors": inline_formset([]),
            "body": streamfield([("paragraph", rich_text("<p>Text.</p>"))]),
            action: action,
        }
    )


@pytest.fixture
def news_index():
    home = ensure_site()
    return NewsIndexPage.objects.child_of(home).get()


def test_review_workflow_covers_news_research_and_events():
    home = ensure_site()
    for model in (NewsIndexPage, ResearchIndexPage, EventIndexPage):
        section = model.objects.child_of(home).get()
        assert section.get_workflow().name == REVIEW_WORKFLOW_NAME


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
