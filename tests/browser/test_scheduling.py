"""Scheduled publishing end to end: an editor schedules a post and it goes live by itself.

The scheduler runs in a thread beside the live server, as `make run` runs it beside
runserver; the test never asks it to do anything. The admin takes go-live times to the
minute, so the post is scheduled for the first whole minute at least LEAD seconds ahead.
"""

import datetime
import math
import threading
import time

import pytest
from django.utils import formats, timezone
from playwright.sync_api import expect

from mipcms.scheduler import Scheduler
from news.models import NewsArticlePage
from tests.browser.conftest import TIMEOUT_MS
from tests.browser.test_editor_smoke import add_block, log_in

pytestmark = pytest.mark.browser

TITLE = "Cooling centres open on the first hot day"
SUMMARY = "Libraries become cooling centres when the heat index passes 95."
PARAGRAPH = "Three branch libraries stay open until ten at night during heat waves."
API_LISTING = "/api/v2/pages/?type=news.NewsArticlePage"

# Seconds between typing the go-live time and that time: room to save the schedule, press
# Publish and check that nothing shows yet, even on a slow machine.
LEAD = 25
# How late the post may appear on the public site: the scheduler looks every 2 s on SQLite
# and the visitor reloads every second. (The promise to visitors is a minute.)
APPEARS_WITHIN = datetime.timedelta(seconds=10)


@pytest.fixture
def scheduler(site):
    """The scheduler service (`manage.py run_scheduler`) running in a thread for one test."""
    service = Scheduler()
    thread = threading.Thread(target=service.run_forever, name="scheduler", daemon=True)
    thread.start()
    yield service
    service.stop.set()
    thread.join(timeout=10)
    assert not thread.is_alive(), "the scheduler did not stop"


@pytest.fixture
def visitor(browser, live_server):
    """An anonymous visitor's tab, signed in to nothing."""
    context = browser.new_context(base_url=live_server.url)
    context.set_default_timeout(TIMEOUT_MS)
    yield context.new_page()
    context.close()


def next_whole_minute(after):
    """The first moment on a whole minute at or after `after`: what the admin can express."""
    minute = math.ceil(after.timestamp() / 60) * 60
    return datetime.datetime.fromtimestamp(minute, tz=datetime.UTC)


def api_ids(tab):
    """Ids of the news articles in the public v2 listing."""
    response = tab.request.get(API_LISTING)
    assert response.status == 200, response.text()
    return {item["id"] for item in response.json()["items"]}


def open_schedule_dialog(page):
    """Open the Status side panel and its publishing schedule dialog."""
    status = page.get_by_role("button", name="Toggle status")
    if status.get_attribute("aria-expanded") != "true":
        status.click()
    page.get_by_role("button", name="Set schedule").click()
    dialog = page.get_by_role("dialog", name="Set publishing schedule")
    expect(dialog).to_be_visible()
    return dialog


def set_go_live(page, dialog, moment):
    """Type `moment` into the dialog's go-live field in the site's time zone; save the schedule."""
    field = dialog.get_by_role("textbox", name="Go live date/time")
    field.fill(timezone.localtime(moment).strftime("%Y-%m-%d %H:%M"))
    # The field's calendar opens a moment after it takes focus and covers the Save button;
    # leaving the field closes it, as it does for an editor who clicks away.
    calendars = page.locator(".xdsoft_datetimepicker:visible")
    expect(calendars).to_have_count(1)
    save = dialog.get_by_role("button", name="Save schedule")
    save.focus()
    expect(calendars).to_have_count(0)
    save.click()


def wait_until_public(visitor, path, go_live_at, patience=30):
    """Reload `path` every second until it answers 200; return [(s after go-live, status)]."""
    seen = []
    deadline = go_live_at + datetime.timedelta(seconds=patience)
    while timezone.now() < deadline:
        status = visitor.goto(path).status
        seen.append((round((timezone.now() - go_live_at).total_seconds(), 1), status))
        if status == 200:
            break
        time.sleep(1)
    return seen


def test_a_post_scheduled_in_the_admin_goes_live_by_itself(page, visitor, site, editor, scheduler):
    """An editor schedules a story for the coming minute; it appears everywhere on time."""
    log_in(page)
    page.goto(f"/admin/pages/{site.pk}/")
    page.get_by_role("link", name="Add a child page to 'News'").click()
    expect(page.get_by_role("heading", name="New: News article")).to_be_visible()
    page.get_by_role("textbox", name="Title*").fill(TITLE)
    page.get_by_role("textbox", name="Summary").fill(SUMMARY)
    paragraph = add_block(page.get_by_role("region", name="Body*"), "Paragraph")
    paragraph.get_by_role("textbox").click()
    page.keyboard.type(PARAGRAPH)

    go_live_at = next_whole_minute(timezone.now() + datetime.timedelta(seconds=LEAD))
    set_go_live(page, open_schedule_dialog(page), go_live_at)
    # The status panel repeats the time in the site's zone, as Django formats dates.
    shown = formats.date_format(timezone.localtime(go_live_at), "DATETIME_FORMAT")
    status_panel = page.locator('[data-side-panel="status"]')
    expect(status_panel).to_contain_text(f"Go-live: {shown}")

    # With a go-live time ahead, Publish becomes "Schedule to publish".
    footer = page.get_by_role("navigation", name="Actions (footer)")
    footer.get_by_role("button", name="More actions").click()
    footer.get_by_role("button", name="Schedule to publish").click()
    expect(page.get_by_text(f"Page '{TITLE}' has been scheduled for publishing.")).to_be_visible()
    row = page.get_by_role("row").filter(has_text=TITLE)
    expect(row).to_contain_text("Current page status: scheduled")

    article = NewsArticlePage.objects.get(title=TITLE)
    assert article.get_latest_revision().approved_go_live_at == go_live_at
    path = f"/news/{article.slug}/"

    # Before its time, the post is nowhere a visitor or an API client can look.
    assert visitor.goto(path).status == 404
    assert article.pk not in api_ids(visitor)
    assert visitor.request.get(f"/api/v2/pages/{article.pk}/").status == 404
    assert timezone.now() < go_live_at, f"the checks above ran after the go-live time (LEAD={LEAD})"

    # Nobody does anything more: the visitor keeps reloading the story's address.
    seen = wait_until_public(visitor, path, go_live_at)
    lateness, status = seen[-1]
    assert status == 200, f"not live 30 s after its go-live time; (s after, status): {seen[-5:]}"
    early = [(after, status) for after, status in seen if after < 0 and status != 404]
    assert early == [], "the story's address answered something other than 404 before its time"
    assert lateness < APPEARS_WITHIN.total_seconds()
    expect(visitor.get_by_role("heading", name=TITLE, level=1)).to_be_visible()
    expect(visitor.get_by_text(PARAGRAPH)).to_be_visible()

    visitor.goto("/news/")
    expect(visitor.get_by_role("main").get_by_role("link", name=TITLE)).to_be_visible()
    assert article.pk in api_ids(visitor)
    detail = visitor.request.get(f"/api/v2/pages/{article.pk}/")
    assert detail.status == 200
    first_published_at = datetime.datetime.fromisoformat(
        detail.json()["meta"]["first_published_at"]
    )
    assert go_live_at <= first_published_at < go_live_at + APPEARS_WITHIN
    published_after = (first_published_at - go_live_at).total_seconds()
    print(f"Published {published_after:.1f} s and seen {lateness:.1f} s after its go-live time")
