"""The review workflow in the real admin: submit, approve or schedule, reject, no self-approval."""

import datetime
import re
from types import SimpleNamespace

import pytest
from django.contrib.auth.models import Group
from django.core import mail
from django.core.exceptions import PermissionDenied
from django.urls import reverse
from django.utils import timezone
from wagtail.models import WorkflowState
from wagtail.test.utils.form_data import inline_formset, nested_form_data, rich_text, streamfield

from events.models import EventIndexPage
from news.models import NewsIndexPage
from research.models import ResearchIndexPage
from site_setup.skeleton import ensure_site
from tests.events.factories import EventPageFactory
from tests.home.factories import DocumentFactory
from tests.news.factories import NewsArticlePageFactory
from tests.news.forms import news_article_fields
from tests.research.factories import ResearchReportPageFactory

pytestmark = pytest.mark.django_db

BODY = streamfield([("paragraph", rich_text("<p>Ready for review.</p>"))])


def news_form(page):
    return news_article_fields(
        page.title, text="<p>Ready for review.</p>", slug=page.slug, summary=page.summary
    )


def report_form(page):
    return {
        "title": page.title,
        "slug": page.slug,
        "publication_date": "2026-05-01",
        "summary": page.summary,
        "cover_image": "",
        "key_findings": streamfield([("finding", "Bills outpaced wages.")]),
        "downloads": inline_formset(
            [{"title": "Full report", "document": DocumentFactory().pk, "page_count": "24"}],
            min=1,
        ),
        "authors": inline_formset([]),
        "contact": "",
        "topics": [],
        "body": BODY,
    }


def event_form(page):
    return {
        "title": page.title,
        "slug": page.slug,
        "summary": page.summary,
        "start": "2027-03-03 10:00",
        "end": "2027-03-03 12:00",
        "time_zone": "America/Chicago",
        "status": "scheduled",
        "event_format": "in_person",
        "venue_name": "City Hall",
        "address": "Madison, WI",
        "online_url": "",
        "registration_url": "",
        "registration_deadline": "",
        "speakers": inline_formset([]),
        "contact": "",
        "topics": [],
        "listing_image": "",
        "body": BODY,
    }


# (factory, section model, edit form data) for each page type that goes through review.
REVIEWED_TYPES = {
    "news": (NewsArticlePageFactory, NewsIndexPage, news_form),
    "report": (ResearchReportPageFactory, ResearchIndexPage, report_form),
    "event": (EventPageFactory, EventIndexPage, event_form),
}


@pytest.fixture
def home():
    return ensure_site()


@pytest.fixture
def staff(django_user_model, home):
    """Two editors, two moderators and an admin user in neither group."""

    def person(username, group=None, **extra):
        user = django_user_model.objects.create_user(
            username, email=f"{username}@example.org", password="pw", **extra
        )
        if group:
            user.groups.add(Group.objects.get(name=group))
        return user

    return SimpleNamespace(
        editor=person("erin", "Editors"),
        other_editor=person("eddie", "Editors"),
        moderator=person("mona", "Moderators"),
        other_moderator=person("mo", "Moderators"),
        outsider=person("oscar", is_staff=True),
    )


def draft(kind, home):
    """A new, never published page of this kind in its section."""
    factory, section_model, _ = REVIEWED_TYPES[kind]
    return factory(parent=section_model.objects.child_of(home).get(), publish=False)


def edit(client, page, action, kind="news", go_live_at="", **extra):
    """Post the page's admin edit form with one of the editor's action buttons."""
    data = {**REVIEWED_TYPES[kind][2](page), "go_live_at": go_live_at, "expire_at": ""}
    data[action] = action
    return client.post(f"/admin/pages/{page.pk}/edit/", nested_form_data({**data, **extra}))


def workflow_action(client, page, action, comment="", follow=False):
    """Approve or reject from the moderation dialog, as the dashboard and editor do."""
    task_state = page.current_workflow_task_state
    url = reverse("wagtailadmin_pages:workflow_action", args=[page.pk, action, task_state.pk])
    return client.post(url, {"comment": comment}, follow=follow)


def refused(response):
    """Wagtail answers a forbidden admin action by going back to the dashboard with an error."""
    return response.redirect_chain == [("/admin/", 302)] and (
        "Sorry, you do not have permission" in response.content.decode()
    )


def site_local(moment):
    """A moment as the admin's date and time picker writes it."""
    return timezone.localtime(moment).strftime("%Y-%m-%d %H:%M")


def recipients():
    return sorted(address for message in mail.outbox for address in message.to)


@pytest.mark.parametrize("kind", REVIEWED_TYPES)
def test_moderators_are_asked_and_approval_publishes(client, home, staff, kind):
    page = draft(kind, home)
    client.force_login(staff.editor)
    edit(client, page, "action-submit", kind)
    page.refresh_from_db()

    assert not page.live
    assert page.current_workflow_state.requested_by == staff.editor
    # The moderators are asked; the submitter, the other editor and the outsider are not.
    assert recipients() == ["mo@example.org", "mona@example.org"]
    assert all(page.title in message.subject for message in mail.outbox)

    mail.outbox.clear()
    client.force_login(staff.moderator)
    workflow_action(client, page, "approve")
    page.refresh_from_db()

    assert page.live
    assert page.workflow_states.get().status == WorkflowState.STATUS_APPROVED
    assert recipients() == ["erin@example.org"]
    assert "approved" in mail.outbox[0].subject


def test_approval_before_the_go_live_time_schedules_the_page(client, home, staff):
    page = draft("news", home)
    go_live = (timezone.now() + datetime.timedelta(days=3)).replace(second=0, microsecond=0)
    client.force_login(staff.editor)
    edit(client, page, "action-submit", go_live_at=site_local(go_live))

    client.force_login(staff.moderator)
    workflow_action(client, page, "approve")
    page.refresh_from_db()

    assert not page.live
    assert page.status_string == "scheduled"
    assert page.scheduled_revision.approved_go_live_at == go_live
    assert client.get(page.get_url()).status_code == 404
    # The section's listing in the admin says so.
    listing = client.get(f"/admin/pages/{page.get_parent().pk}/").content.decode()
    row = listing[listing.index(f'id="page_{page.pk}_title"') :]
    assert re.search(r"Current page status:</span>\s*scheduled\s*<", row[: row.index("</tr>")])


def test_rejection_reaches_the_editor_with_the_comment(client, home, staff):
    page = draft("report", home)
    client.force_login(staff.editor)
    edit(client, page, "action-submit", "report")
    mail.outbox.clear()

    client.force_login(staff.moderator)
    workflow_action(client, page, "reject", comment="Please cite the rate survey.")
    page.refresh_from_db()

    assert not page.live
    state = page.workflow_states.get()
    assert state.status == WorkflowState.STATUS_NEEDS_CHANGES
    assert recipients() == ["erin@example.org"]
    assert "Please cite the rate survey." in mail.outbox[0].body

    # The editor finds the comment in the editor's workflow status and in the page history.
    client.force_login(staff.editor)
    editor_html = client.get(f"/admin/pages/{page.pk}/edit/").content.decode()
    assert re.search(r'with comment:\s*<em>"Please cite the rate survey."</em>', editor_html)
    history = reverse("wagtailadmin_pages:workflow_history_detail", args=[page.pk, state.pk])
    assert "Please cite the rate survey." in client.get(history).content.decode()


def test_a_moderator_cannot_approve_their_own_submission(client, home, staff):
    page = draft("event", home)
    client.force_login(staff.moderator)
    edit(client, page, "action-submit", "event")
    page.refresh_from_db()

    # Only the other moderator is asked.
    assert recipients() == ["mo@example.org"]
    editor_html = client.get(f"/admin/pages/{page.pk}/edit/").content.decode()
    assert 'data-workflow-action-name="approve"' not in editor_html
    assert "Cancel workflow" in editor_html  # they may still withdraw it
    assert refused(workflow_action(client, page, "approve", follow=True))
    page.refresh_from_db()
    assert not page.live
    assert page.current_workflow_task_state.status == "in_progress"

    client.force_login(staff.other_moderator)
    editor_html = client.get(f"/admin/pages/{page.pk}/edit/").content.decode()
    assert 'data-workflow-action-name="approve"' in editor_html
    workflow_action(client, page, "approve")
    page.refresh_from_db()
    assert page.live


def test_the_edit_form_refuses_approval_by_the_submitter(client, home, staff):
    page = draft("news", home)
    client.force_login(staff.moderator)
    edit(client, page, "action-submit")

    edit(client, page, "action-workflow-action", **{"workflow-action-name": "approve"})
    page.refresh_from_db()
    assert not page.live
    assert page.current_workflow_task_state.status == "in_progress"
    assert not page.workflow_states.get().task_states.filter(status="approved").exists()


def test_a_renewed_review_is_not_sent_to_the_submitter(client, home, staff):
    page = draft("news", home)
    client.force_login(staff.moderator)
    edit(client, page, "action-submit")
    page.refresh_from_db()
    outdated = page.current_workflow_task_state
    edit(client, page, "action-save")  # a further edit while in review
    mail.outbox.clear()

    # Approving the outdated revision asks for a review of the latest one.
    client.force_login(staff.other_moderator)
    response = client.post(
        reverse("wagtailadmin_pages:workflow_action", args=[page.pk, "approve", outdated.pk])
    )
    assert response.status_code == 302
    page.refresh_from_db()
    assert not page.live
    assert page.current_workflow_task_state != outdated
    assert recipients() == ["mo@example.org"]


def test_a_superuser_cannot_approve_their_own_submission(client, home, django_user_model):
    boss = django_user_model.objects.create_superuser("boss", "boss@example.org", "pw")
    page = draft("news", home)
    client.force_login(boss)
    edit(client, page, "action-submit")
    page.refresh_from_db()

    assert refused(workflow_action(client, page, "approve", follow=True))
    page.refresh_from_db()
    assert not page.live
    assert page.current_workflow_state.status == WorkflowState.STATUS_IN_PROGRESS


def test_the_task_itself_refuses_the_submitters_approval(home, staff):
    page = draft("news", home)
    page.save_revision(user=staff.moderator)
    page.get_workflow().start(page, staff.moderator)
    task_state = page.current_workflow_task_state

    with pytest.raises(PermissionDenied):
        task_state.task.specific.on_action(task_state, staff.moderator, "approve")
    task_state.refresh_from_db()
    assert task_state.status == "in_progress"


@pytest.mark.parametrize("submitter", ["editor", "moderator"])
def test_the_submitter_can_withdraw_their_submission(client, home, staff, submitter):
    page = draft("news", home)
    client.force_login(getattr(staff, submitter))
    edit(client, page, "action-submit")
    page.refresh_from_db()

    edit(client, page, "action-cancel-workflow")
    page.refresh_from_db()
    assert page.current_workflow_state is None
    assert page.workflow_states.get().status == WorkflowState.STATUS_CANCELLED
    assert not page.live


def test_own_submissions_are_not_waiting_for_your_review(client, home, staff):
    page = draft("news", home)
    client.force_login(staff.moderator)
    edit(client, page, "action-submit")

    def awaiting_review(user):
        client.force_login(user)
        html = client.get("/admin/").content.decode()
        return "Awaiting your review" in html and page.title in html

    assert not awaiting_review(staff.moderator)
    assert awaiting_review(staff.other_moderator)
