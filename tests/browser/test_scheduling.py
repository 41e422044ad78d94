"""Scheduled publishing end to end: an editor schedules a post and it goes live by itself.

The scheduler runs in a thread beside the live server, as `make run` runs it beside
runserver; the test never asks it to do anything, and waits for its publishing (a signal,
with a deadline), not for a length of time. The admin takes go-live times to the minute, so
the post is scheduled for a whole minute LEAD seconds ahead: every clock of the process (the
test, the live server, the scheduler) first jumps to LEAD seconds before a whole minute. Once
the editor has typed that time, the clocks jump again, to SCHEDULED_LEAD seconds before it,
just before the editor presses "Schedule to publish": the scheduler hears of the schedule
(and reads the clock) only then, so it still has to wake up by itself at the go-live time,
and the test waits seconds, not most of a minute, for it.
"""

import datetime
import math
import threading

import pytest
import time_machine
from django.db import transaction
from django.utils import formats, timezone
from playwright.sync_api import expect
from wagtail.signals import page_published

from mipcms.scheduler import Scheduler
from news.models import NewsArticlePage
from tests.browser.admin import add_block, footer_action, log_in
from tests.browser.conftest import csp_violations

pytestmark = pytest.mark.browser

TITLE = "Cooling centres open on the first hot day"
SUMMARY = "Libraries become cooling centres when the heat index passes 95."
PARAGRAPH = "Three branch libraries stay open until ten at night during heat waves."
API_LISTING = "/api/v2/pages/?type=news.NewsArticlePage"

# Seconds between typing the go-live time and that time: room to fill in the page and save
# the schedule, on a machine whose two cores serve several test runs at once.
LEAD = 45
# Seconds between pressing "Schedule to publish" and the go-live time: room to save, see the
# page listed as scheduled and check that nothing shows yet (3.5 s on a busy machine).
SCHEDULED_LEAD = 15
# How late the scheduler may publish: it sleeps until the go-live moment (PostgreSQL wakes it
# when a schedule changes). The promise to visitors is "within seconds".
APPEARS_WITHIN = datetime.timedelta(seconds=10)
# How long after the go-live time the test waits for the publishing before failing.
PATIENCE = datetime.timedelta(seconds=60)


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
def published():
    """An event set (after the commit) when the scheduler publishes the story."""
    event = threading.Event()

    def on_published(sender, instance, **kwargs):
        # Wagtail sends the signal when a page is scheduled too; only going live counts.
        if instance.title == TITLE and instance.live:
            # Visitors see it once the scheduler's transaction commits, not before.
            transaction.on_commit(event.set)

    page_published.connect(on_published, weak=False)
    yield event
    page_published.disconnect(on_published)


@pytest.fixture
def clock():
    """Every clock of the process (time-machine), ticking on from where the test moves it."""
    with time_machine.travel(timezone.now(), tick=True) as traveller:
        yield traveller


@pytest.fixture
def go_live_at(clock):
    """A whole minute LEAD seconds from now.

    Without the jump (forward by less than a minute) the test would wait for the next whole
    minute as well as LEAD.
    """
    lead = datetime.timedelta(seconds=LEAD)
    moment = next_whole_minute(timezone.now() + lead)
    skip_ahead(clock, moment - lead)
    return moment


def skip_ahead(clock, moment):
    """Move every clock of the process forward to `moment`, ticking on (never backward)."""
    ahead = moment - timezone.now()
    if ahead > datetime.timedelta(0):
        clock.shift(ahead)


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


def test_a_post_scheduled_in_the_admin_goes_live_by_itself(
    page, visitor, site, editor, scheduler, published, clock, go_live_at
):
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

    set_go_live(page, open_schedule_dialog(page), go_live_at)
    # The status panel repeats the time in the site's zone, as Django formats dates.
    shown = formats.date_format(timezone.localtime(go_live_at), "DATETIME_FORMAT")
    status_panel = page.locator('[data-side-panel="status"]')
    expect(status_panel).to_contain_text(f"Go-live: {shown}")

    # Nothing is scheduled until the editor presses the button below: skip the rest of LEAD.
    skip_ahead(clock, go_live_at - datetime.timedelta(seconds=SCHEDULED_LEAD))
    # With a go-live time ahead, Publish becomes "Schedule to publish".
    scheduled = page.get_by_text(f"Page '{TITLE}' has been scheduled for publishing.")
    footer_action(page, "Schedule to publish", outcome=scheduled)
    row = page.get_by_role("row").filter(has_text=TITLE)
    expect(row).to_contain_text("Current page status: scheduled")

    article = NewsArticlePage.objects.get(title=TITLE)
    assert article.get_latest_revision().approved_go_live_at == go_live_at
    path = f"/news/{article.slug}/"

    # Before its time, the post is nowhere a visitor or an API client can look.
    assert visitor.goto(path).status == 404
    assert article.pk not in api_ids(visitor)
    assert visitor.request.get(f"/api/v2/pages/{article.pk}/").status == 404
    checked_at = timezone.now()
    assert checked_at < go_live_at, (
        f"the checks above ended {(checked_at - go_live_at).total_seconds():.0f} s after the "
        f"go-live time: the machine is slower than SCHEDULED_LEAD={SCHEDULED_LEAD} allows"
    )
    assert not published.is_set()

    # Nobody does anything more; the scheduler publishes the story at its time.
    deadline = go_live_at + PATIENCE - timezone.now()
    assert published.wait(deadline.total_seconds()), f"not published {PATIENCE} after its time"
    article.refresh_from_db()
    lateness = article.first_published_at - go_live_at
    assert datetime.timedelta(0) <= lateness < APPEARS_WITHIN, lateness

    # Every surface shows it at once.
    assert visitor.goto(path).status == 200
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
    assert first_published_at == article.first_published_at
    assert csp_violations(page) == []
    assert csp_violations(visitor) == []
    print(f"Published {lateness.total_seconds():.1f} s after its go-live time")
