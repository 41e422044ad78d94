"""The dashboard's publishing panels: what goes live when, and what went out lately."""

import datetime
import re
from io import StringIO

import pytest
from django.contrib.auth.models import Group, Permission
from django.core.management import call_command
from django.db import connection
from django.test import RequestFactory
from django.test.utils import CaptureQueriesContext
from django.utils import timezone
from wagtail.models import GroupPagePermission, PageLogEntry
from wagtail.users.models import UserProfile

from events.models import EventIndexPage
from home.admin_panels import PublishingSchedulePanel
from news.models import NewsIndexPage
from research.models import ResearchIndexPage
from site_setup.skeleton import ensure_site
from tests.events.factories import EventPageFactory
from tests.news.factories import NewsArticlePageFactory
from tests.research.factories import ResearchReportPageFactory

pytestmark = pytest.mark.django_db

UTC = datetime.UTC
SITE_TIME = r"\w{3} \d+, \d{4}, \d+:\d\d [ap]\.m\. C[SD]T"


@pytest.fixture(autouse=True)
def site_in_chicago(settings):
    settings.TIME_ZONE = "America/Chicago"


@pytest.fixture
def home():
    return ensure_site()


@pytest.fixture
def moderator(django_user_model):
    user = django_user_model.objects.create_user(
        "mona", password="pw", first_name="Mona", last_name="Reyes"
    )
    user.groups.add(Group.objects.get(name="Moderators"))
    return user


def in_section(factory, section_model, home, **kwargs):
    return factory(parent=section_model.objects.child_of(home).get(), **kwargs)


def schedule(page, when, user):
    """Press Publish with a go-live time still to come, as an editor in the admin does."""
    page.go_live_at = when
    page.save_revision(user=user).publish(user=user)


def panel_text(client, panel_id):
    """The visible text of one dashboard panel, or None when the dashboard does not show it."""
    html = client.get("/admin/").content.decode()
    match = re.search(rf'<section[^>]*id="{panel_id}-section".*?</section>', html, re.S)
    if match is None:
        return None
    return re.sub(r"\s+", " ", re.sub(r"<[^>]+>", " ", match.group())).strip()


def test_scheduled_pages_soonest_first_in_the_sites_time_zone(client, home, moderator):
    report = in_section(ResearchReportPageFactory, ResearchIndexPage, home, publish=False)
    schedule(report, datetime.datetime(2037, 1, 15, 18, 30, tzinfo=UTC), moderator)
    article = in_section(NewsArticlePageFactory, NewsIndexPage, home, publish=False)
    schedule(article, datetime.datetime(2036, 12, 1, 15, 0, tzinfo=UTC), moderator)
    # A live event whose next version is scheduled keeps its title until then.
    event = in_section(EventPageFactory, EventIndexPage, home, title="Winter meeting")
    event.title = "Winter meeting (new venue)"
    schedule(event, datetime.datetime(2036, 7, 4, 14, 0, tzinfo=UTC), moderator)
    # Whatever the viewer's own time zone, times are the site's.
    profile = UserProfile.get_for_user(moderator)
    profile.current_time_zone = "Europe/London"
    profile.save()

    client.force_login(moderator)
    text = panel_text(client, "scheduled-pages")

    assert text == " ".join(
        [
            "Scheduled to go live Title Section Goes live Scheduled by",
            "Winter meeting (new venue) Events Jul 4, 2036, 9:00 a.m. CDT Mona Reyes",
            f"{article.title} News Dec 1, 2036, 9:00 a.m. CST Mona Reyes",
            f"{report.title} Research Jan 15, 2037, 12:30 p.m. CST Mona Reyes",
        ]
    )
    html = client.get("/admin/").content.decode()
    assert f'href="/admin/pages/{article.pk}/edit/"' in html


def test_nothing_scheduled_says_so(client, home, moderator):
    client.force_login(moderator)
    assert "Nothing is scheduled to go live." in panel_text(client, "scheduled-pages")


def test_recently_published_newest_first_and_marked_when_by_schedule(client, home, moderator):
    by_hand = in_section(NewsArticlePageFactory, NewsIndexPage, home, publish=False)
    by_hand.save_revision(user=moderator).publish(user=moderator)
    on_time = in_section(ResearchReportPageFactory, ResearchIndexPage, home, publish=False)
    schedule(on_time, timezone.now() + datetime.timedelta(hours=1), moderator)
    on_time.revisions.update(approved_go_live_at=timezone.now() - datetime.timedelta(minutes=1))
    call_command("publish_scheduled", stdout=StringIO())
    long_ago = in_section(EventPageFactory, EventIndexPage, home, publish=False)
    long_ago.save_revision(user=moderator).publish(user=moderator)
    PageLogEntry.objects.filter(page=long_ago).update(
        timestamp=timezone.now() - datetime.timedelta(days=8)
    )

    client.force_login(moderator)
    text = panel_text(client, "recently-published-pages")

    assert text.startswith("Published in the last 7 days")
    assert re.search(rf"{re.escape(on_time.title)} Research {SITE_TIME} On schedule", text)
    assert re.search(rf"{re.escape(by_hand.title)} News {SITE_TIME} Mona Reyes", text)
    assert text.index(on_time.title) < text.index(by_hand.title)
    assert long_ago.title not in text


def test_only_people_who_work_on_pages_see_the_panels(client, home, moderator, django_user_model):
    records_only = django_user_model.objects.create_user("rita", password="pw")
    records_only.user_permissions.add(Permission.objects.get(codename="access_admin"))
    client.force_login(records_only)
    assert client.get("/admin/").status_code == 200
    assert panel_text(client, "scheduled-pages") is None

    client.force_login(moderator)
    assert panel_text(client, "scheduled-pages") is not None


def test_pages_the_user_cannot_edit_are_left_out(client, home, moderator, django_user_model):
    report = in_section(ResearchReportPageFactory, ResearchIndexPage, home, publish=False)
    schedule(report, timezone.now() + datetime.timedelta(days=2), moderator)
    article = in_section(NewsArticlePageFactory, NewsIndexPage, home, publish=False)
    schedule(article, timezone.now() + datetime.timedelta(days=2), moderator)
    researchers = Group.objects.create(name="Research team")
    researchers.permissions.add(Permission.objects.get(codename="access_admin"))
    GroupPagePermission.objects.create(
        group=researchers, page=report.get_parent(), permission_type="change"
    )
    researcher = django_user_model.objects.create_user("ravi", password="pw")
    researcher.groups.add(researchers)

    client.force_login(researcher)
    text = panel_text(client, "scheduled-pages")
    assert report.title in text
    assert article.title not in text


def test_the_panels_cost_the_same_queries_for_one_page_or_many(home, moderator):
    def render_queries():
        request = RequestFactory().get("/admin/")
        request.user = type(moderator).objects.get(pk=moderator.pk)
        with CaptureQueriesContext(connection) as queries:
            PublishingSchedulePanel().render_html({"request": request})
        return len(queries)

    def add_pages():
        for factory, section in (
            (NewsArticlePageFactory, NewsIndexPage),
            (ResearchReportPageFactory, ResearchIndexPage),
        ):
            page = in_section(factory, section, home, publish=False)
            page.save_revision(user=moderator).publish(user=moderator)
            page = in_section(factory, section, home, publish=False)
            schedule(page, timezone.now() + datetime.timedelta(days=3), moderator)

    add_pages()
    with_few = render_queries()
    for _ in range(4):
        add_pages()
    assert render_queries() == with_few
