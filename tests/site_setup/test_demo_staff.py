"""`make run` gives a newcomer an editor and a moderator login to try the review workflow."""

from io import StringIO

import pytest
from django.contrib.auth import get_user_model
from django.core import mail
from django.core.management import CommandError, call_command
from django.test import Client
from django.urls import reverse
from wagtail.test.utils.form_data import nested_form_data

from news.models import NewsArticlePage, NewsIndexPage
from tests.news.forms import news_article_fields

pytestmark = pytest.mark.django_db


def run(*command):
    out = StringIO()
    call_command(*command, stdout=out)
    return out.getvalue()


@pytest.fixture
def demo_staff(settings):
    """The site skeleton and the demo logins, as `make run` makes them."""
    settings.DEBUG = True
    run("setup_site")
    return run("ensure_demo_staff")


def signed_in(username, password):
    """A browser signed in through the admin's login form."""
    client = Client()
    client.post("/admin/login/", {"username": username, "password": password})
    assert client.get("/admin/").status_code == 200, f"{username} cannot sign in"
    return client


def test_the_logins_are_printed_like_the_admins(demo_staff):
    assert demo_staff.splitlines() == [
        "editor (Editors) login (created): user 'editor', password 'mip-editor-demo'",
        "moderator (Moderators) login (created): user 'moderator', password 'mip-moderator-demo'",
    ]
    assert "login (exists)" in run("ensure_demo_staff"), "running it again changes nothing"
    users = get_user_model().objects.filter(username__in=["editor", "moderator"])
    accounts = {
        (u.username, u.is_superuser, *u.groups.values_list("name", flat=True)) for u in users
    }
    assert accounts == {("editor", False, "Editors"), ("moderator", False, "Moderators")}


def test_a_changed_password_is_left_alone(demo_staff):
    user = get_user_model().objects.get(username="editor")
    user.set_password("my-own-password")
    user.save()
    assert "exists with a password changed since" in run("ensure_demo_staff")
    assert signed_in("editor", "my-own-password")


def test_refused_outside_development(settings, demo_staff):
    settings.DEBUG = False
    with pytest.raises(CommandError, match="development only"):
        run("ensure_demo_staff")


def test_the_editor_submits_and_the_moderator_approves(demo_staff):
    """The review workflow end to end with the two demo logins, as docs/editing.md tells it."""
    news = NewsIndexPage.objects.get()
    editor = signed_in("editor", "mip-editor-demo")
    data = news_article_fields("Cooling centres open", slug="cooling-centres-open")
    response = editor.post(
        f"/admin/pages/add/news/newsarticlepage/{news.pk}/",
        nested_form_data({**data, "action-submit": "Submit to Editorial review"}),
    )
    assert response.status_code == 302
    article = NewsArticlePage.objects.get(slug="cooling-centres-open")
    assert not article.live
    assert [message.to for message in mail.outbox] == [["moderator@example.org"]]

    moderator = signed_in("moderator", "mip-moderator-demo")
    dashboard = moderator.get("/admin/").content.decode()
    assert "Awaiting your review" in dashboard
    assert "Cooling centres open" in dashboard

    mail.outbox.clear()
    task_state = article.current_workflow_task_state
    approve = reverse(
        "wagtailadmin_pages:workflow_action", args=[article.pk, "approve", task_state.pk]
    )
    moderator.post(approve, {"comment": ""})
    article.refresh_from_db()
    assert article.live
    assert [message.to for message in mail.outbox] == [["editor@example.org"]]


def test_the_admin_login_is_printed_in_development_and_refused_outside_it(settings):
    """`ensure_admin` makes a superuser with a well-known password: never on a real site."""
    settings.DEBUG = True
    assert run("ensure_admin").strip() == (
        "admin login (created): user 'admin', password 'mip-admin-demo'"
    )
    assert get_user_model().objects.get(username="admin").is_superuser
    settings.DEBUG = False
    with pytest.raises(CommandError, match="development only"):
        run("ensure_admin", "--username", "root")
    assert not get_user_model().objects.filter(username="root").exists()
