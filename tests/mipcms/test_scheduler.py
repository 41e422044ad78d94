"""The scheduler publishes and unpublishes on time, once, on every surface, by itself."""

import datetime
import threading
import time
from io import StringIO
from unittest import mock

import pytest
from django.core.management import call_command
from django.test import override_settings
from django.utils import timezone
from wagtail.models import PageLogEntry, Revision

from mipcms.scheduler import Scheduler, next_due
from news.models import NewsArticlePage
from tests.clock import clock_at
from tests.news.factories import NewsArticlePageFactory
from tests.polling import wait_for
from tests.surfaces import EVERYWHERE, NOWHERE, public_view


def in_(seconds):
    return timezone.now().replace(microsecond=0) + datetime.timedelta(seconds=seconds)


def scheduled_post(news_index, title, go_live_at, **fields):
    """A news article an editor has published with a future go-live time."""
    page = NewsArticlePageFactory(parent=news_index, title=title, go_live_at=go_live_at, **fields)
    assert not page.live
    assert page.status_string == "scheduled"
    return page


def log_entries(page, action):
    return PageLogEntry.objects.filter(page=page, action=action)


@pytest.mark.django_db
def test_a_scheduled_post_goes_live_at_its_time_once(news_index):
    go_live_at = in_(3600)
    page = scheduled_post(news_index, "Heat plan okapi", go_live_at)
    revision = page.get_latest_revision()
    scheduler = Scheduler()

    with clock_at(go_live_at - datetime.timedelta(seconds=1)):
        assert scheduler.run_due() == 0
    page.refresh_from_db()
    assert not page.live

    with clock_at(go_live_at + datetime.timedelta(seconds=1)):
        assert scheduler.run_due() == 1
        assert scheduler.run_due() == 0  # a second pass, or a second scheduler, finds nothing
        assert Scheduler().run_due() == 0

    page.refresh_from_db()
    assert page.live
    assert page.live_revision == revision
    assert page.first_published_at == go_live_at + datetime.timedelta(seconds=1)
    assert log_entries(page, "wagtail.publish.scheduled").count() == 1
    assert not Revision.objects.filter(approved_go_live_at__isnull=False).exists()


@pytest.mark.django_db
def test_an_expired_post_is_unpublished_at_its_time(news_index):
    expire_at = in_(3600)
    page = NewsArticlePageFactory(parent=news_index, title="Flood map tapir", expire_at=expire_at)
    assert page.live

    with clock_at(expire_at - datetime.timedelta(seconds=1)):
        assert Scheduler().run_due() == 0
    with clock_at(expire_at + datetime.timedelta(seconds=1)):
        assert Scheduler().run_due() == 1
        assert Scheduler().run_due() == 0

    page.refresh_from_db()
    assert not page.live
    assert page.expired
    assert page.status_string == "expired"
    assert log_entries(page, "wagtail.unpublish.scheduled").count() == 1


@pytest.mark.django_db
def test_a_scheduler_that_was_down_catches_up_on_its_first_pass(news_index):
    start = in_(60)
    due = [
        scheduled_post(news_index, f"Backlog {n}", start + datetime.timedelta(hours=n))
        for n in range(4)
    ]
    later = scheduled_post(news_index, "Not yet due", start + datetime.timedelta(days=2))
    # A post that was scheduled, went live and expired while nothing ran ends up expired.
    short_lived = scheduled_post(
        news_index, "Brief notice", start, expire_at=start + datetime.timedelta(hours=1)
    )

    with clock_at(start + datetime.timedelta(days=1)):
        assert Scheduler().run_due() == len(due) + 2

    for page in due:
        page.refresh_from_db()
        assert page.live, page.title
    later.refresh_from_db()
    assert not later.live
    short_lived.refresh_from_db()
    assert (short_lived.live, short_lived.expired) == (False, True)
    assert log_entries(short_lived, "wagtail.publish.scheduled").count() == 1


@pytest.mark.django_db
def test_every_surface_shows_the_post_when_it_goes_live_and_drops_it_when_it_expires(news_index):
    go_live_at = in_(3600)
    expire_at = go_live_at + datetime.timedelta(days=1)
    page = scheduled_post(news_index, "Tree canopy quokka", go_live_at, expire_at=expire_at)
    assert public_view(page, "quokka") == NOWHERE

    with clock_at(go_live_at + datetime.timedelta(seconds=2)):
        Scheduler().run_due()
        assert public_view(page, "quokka") == EVERYWHERE

    with clock_at(expire_at + datetime.timedelta(seconds=2)):
        Scheduler().run_due()
        assert public_view(page, "quokka") == NOWHERE


@pytest.mark.django_db
def test_one_failing_post_does_not_hold_up_the_others(news_index, caplog):
    go_live_at = in_(3600)
    broken = scheduled_post(news_index, "Broken post", go_live_at)
    fine = scheduled_post(news_index, "Fine post", go_live_at + datetime.timedelta(seconds=1))
    real_publish = Revision.publish

    def publish(revision, *args, **kwargs):
        if revision.object_id == str(broken.pk):
            raise RuntimeError("the search index is down")
        return real_publish(revision, *args, **kwargs)

    scheduler = Scheduler()
    with (
        mock.patch.object(Revision, "publish", publish),
        clock_at(go_live_at + datetime.timedelta(seconds=5)),
    ):
        assert scheduler.run_due() == 1
        # Left alone for a while, so the loop does not spin on it...
        assert scheduler.run_due() == 0
    assert "the search index is down" in caplog.text
    fine.refresh_from_db()
    broken.refresh_from_db()
    assert fine.live
    assert not broken.live
    assert broken.get_latest_revision().approved_go_live_at == go_live_at  # still scheduled

    # ...and published once it works again.
    with clock_at(go_live_at + datetime.timedelta(minutes=2)):
        assert scheduler.run_due() == 1
    broken.refresh_from_db()
    assert broken.live


@pytest.mark.django_db
def test_the_scheduler_sleeps_until_the_next_due_moment(news_index):
    now = in_(0)
    scheduler = Scheduler()
    scheduler.listener = mock.Mock()  # as if PostgreSQL could wake it
    with override_settings(SCHEDULER_RECHECK_SECONDS=60), clock_at(now):
        assert next_due() is None
        assert scheduler.seconds_to_sleep() == 60

        scheduled_post(news_index, "Transit pass ibex", now + datetime.timedelta(seconds=40))
        NewsArticlePageFactory(parent=news_index, expire_at=now + datetime.timedelta(seconds=25))
        assert scheduler.seconds_to_sleep() == 25

        scheduler.listener = None  # no NOTIFY: look again every few seconds
        assert scheduler.seconds_to_sleep() == 2


@pytest.mark.django_db
def test_run_scheduler_once_is_the_cron_fallback(news_index):
    page = scheduled_post(news_index, "Cron fallback", in_(3600))
    with clock_at(in_(7200)):
        call_command("run_scheduler", "--once", stdout=(out := StringIO()))
    assert out.getvalue().strip() == "1 scheduled change(s) made."
    page.refresh_from_db()
    assert page.live


@pytest.mark.django_db(transaction=True, serialized_rollback=True)
def test_the_running_service_publishes_a_post_scheduled_while_it_sleeps(news_index):
    """The real loop, on the real clock: scheduled a few seconds ahead, live within 5 s."""
    scheduler = Scheduler()
    thread = threading.Thread(target=scheduler.run_forever, daemon=True)
    thread.start()
    try:
        time.sleep(0.5)  # the scheduler is asleep: nothing was scheduled
        go_live_at = timezone.now() + datetime.timedelta(seconds=3)
        page = scheduled_post(news_index, "Clean air wombat", go_live_at)
        published = wait_for(
            lambda: log_entries(page, "wagtail.publish.scheduled").first(), seconds=13
        )
    finally:
        scheduler.stop.set()
        thread.join(timeout=10)
    assert not thread.is_alive()
    assert published is not None, "not published 10 s after its go-live time"
    assert datetime.timedelta(0) <= published.timestamp - go_live_at < datetime.timedelta(seconds=5)
    assert log_entries(page, "wagtail.publish.scheduled").count() == 1
    assert NewsArticlePage.objects.get(pk=page.pk).live
