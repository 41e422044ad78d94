"""A go-live time means the same instant in the admin, the API and the database.

The site's time zone (SITE_TIME_ZONE, default America/Chicago) is the one editors type and
read schedules in; the database and the v3 API carry the instant itself (v3 writes it in
UTC: 09:00 in Chicago on 1 December goes out as "...-12-01T15:00:00Z"). An editor who
picked their own zone in their Wagtail account works in that zone instead, and the instant
is still the same.
"""

import datetime
import html
import re

import pytest
from django.db import connection
from django.test import override_settings
from wagtail.test.utils.form_data import nested_form_data
from wagtail.users.models import UserProfile

from news.models import NewsArticlePage
from tests.api.v3.clients import APIClient, create_token, news_article
from tests.news.factories import NewsArticlePageFactory
from tests.news.forms import news_article_fields

pytestmark = pytest.mark.django_db

UTC = datetime.UTC

# Next year, so that both dates are always ahead: a past go-live time publishes at once.
YEAR = datetime.date.today().year + 1
# (go-live as typed in the admin, the same in the admin's status panel, the instant) in
# Chicago: winter is CST (UTC-6), summer is CDT (UTC-5).
WINTER = (
    f"{YEAR}-12-01 09:00",
    f"Dec. 1, {YEAR}, 9 a.m.",
    datetime.datetime(YEAR, 12, 1, 15, tzinfo=UTC),
)
SUMMER = (
    f"{YEAR}-07-01 09:00",
    f"July 1, {YEAR}, 9 a.m.",
    datetime.datetime(YEAR, 7, 1, 14, tzinfo=UTC),
)


@pytest.fixture
def webmaster(news_index, django_user_model):
    """A superuser, who may publish and schedule anything."""
    return django_user_model.objects.create_superuser("webmaster", "webmaster@mip.example", "pw")


@pytest.fixture
def admin(client, webmaster):
    """The webmaster signed in to the Wagtail admin."""
    client.force_login(webmaster)
    return client


@pytest.fixture
def api(webmaster):
    """The webmaster's v3 API client."""
    return APIClient(create_token(webmaster))


def schedule_in_admin(client, page, go_live_at):
    """Type a go-live time into the page's schedule dialog and press Publish."""
    data = nested_form_data(
        news_article_fields(
            page.title,
            text="<p>Scheduled for later.</p>",
            slug=page.slug,
            summary=page.summary,
            go_live_at=go_live_at,
            expire_at="",
            **{"action-publish": "action-publish"},
        )
    )
    response = client.post(f"/admin/pages/{page.pk}/edit/", data)
    assert response.status_code == 302, response.content.decode()
    page.refresh_from_db()
    assert page.status_string == "scheduled"


def shown_in_admin(client, page):
    """(the schedule dialog's go-live field, the status panel's "Go-live:" line) of the editor."""
    response = client.get(f"/admin/pages/{page.pk}/edit/")
    assert response.status_code == 200
    content = response.content.decode()
    field = re.search(r'<input type="text" name="go_live_at" value="([^"]*)"', content)
    status = re.search(r"Go-live:</span>\s*([^<]*?)\s*</div>", content)
    assert field and status, "the edit page shows no go-live time"
    return html.unescape(field[1]), html.unescape(status[1])


def stored(page):
    """The page's go-live and its scheduled revision's, read from the database in UTC."""
    revision = page.get_latest_revision()
    with connection.cursor() as cursor:
        cursor.execute("SELECT go_live_at FROM wagtailcore_page WHERE id = %s", [page.pk])
        (raw,) = cursor.fetchone()
    # SQLite keeps naive UTC; PostgreSQL hands back an aware timestamp.
    if isinstance(raw, str):
        raw = datetime.datetime.fromisoformat(raw)
    if raw.tzinfo is None:
        raw = raw.replace(tzinfo=UTC)
    return raw.astimezone(UTC), revision.approved_go_live_at


def sent_by_v3(api, page):
    """The go-live time the v3 API gives a staff client, as sent and as an instant."""
    response = api.get(f"pages/{page.pk}/")
    assert response.status_code == 200, response.content
    sent = response.json()["go_live_at"]
    return sent, datetime.datetime.fromisoformat(sent)


@pytest.mark.parametrize(("typed", "status", "instant"), [WINTER, SUMMER], ids=["CST", "CDT"])
def test_go_live_typed_in_the_admin_agrees_everywhere(
    admin, api, news_index, typed, status, instant
):
    page = NewsArticlePageFactory(parent=news_index, title="Snow plan heron", publish=False)

    schedule_in_admin(admin, page, typed)

    assert stored(page) == (instant, instant)
    assert shown_in_admin(admin, page) == (typed, status)
    sent, parsed = sent_by_v3(api, page)
    assert parsed == instant
    assert sent == instant.strftime("%Y-%m-%dT%H:%M:%SZ")  # v3 writes instants in UTC


@pytest.mark.parametrize(
    ("sent", "typed", "status", "instant"),
    [(f"{YEAR}-12-01T09:00:00-06:00", *WINTER), (f"{YEAR}-07-01T09:00:00-05:00", *SUMMER)],
    ids=["CST", "CDT"],
)
def test_go_live_sent_through_v3_agrees_everywhere(
    admin, api, news_index, sent, typed, status, instant
):
    response = api.post(
        "pages/", news_article(news_index, "Bus lanes egret", action="publish", go_live_at=sent)
    )
    assert response.status_code == 201, response.content
    page = NewsArticlePage.objects.get(pk=response.json()["id"])
    assert page.status_string == "scheduled"

    assert stored(page) == (instant, instant)
    assert shown_in_admin(admin, page) == (typed, status)
    assert sent_by_v3(api, page)[1] == instant


@override_settings(TIME_ZONE="America/New_York")
def test_the_site_time_zone_is_configurable(admin, api, news_index):
    page = NewsArticlePageFactory(parent=news_index, title="Harbor plan gull", publish=False)

    schedule_in_admin(admin, page, WINTER[0])

    instant = datetime.datetime(YEAR, 12, 1, 14, tzinfo=UTC)  # 09:00 EST is UTC-5
    assert stored(page) == (instant, instant)
    assert shown_in_admin(admin, page) == WINTER[:2]
    assert sent_by_v3(api, page)[1] == instant


def test_an_editor_in_their_own_time_zone_schedules_the_same_instant(
    client, webmaster, news_index, django_user_model
):
    traveller = django_user_model.objects.create_superuser("traveller", "t@mip.example", "pw")
    profile = UserProfile.get_for_user(traveller)
    profile.current_time_zone = "America/Los_Angeles"
    profile.save()
    page = NewsArticlePageFactory(parent=news_index, title="Wildfire smoke ibis", publish=False)
    client.force_login(traveller)

    schedule_in_admin(client, page, f"{YEAR}-12-01 07:00")  # 07:00 PST is 09:00 in Chicago

    instant = WINTER[2]
    assert stored(page) == (instant, instant)
    assert shown_in_admin(client, page) == (f"{YEAR}-12-01 07:00", f"Dec. 1, {YEAR}, 7 a.m.")
    client.force_login(webmaster)  # who reads the site's zone
    assert shown_in_admin(client, page) == WINTER[:2]
