"""Several schedulers, as separate processes on one PostgreSQL database, publish each post once."""

import datetime
import os
import signal
import subprocess
import sys
import time

import pytest
from django.conf import settings
from django.db import connection
from django.utils import timezone
from wagtail.models import PageLogEntry, Revision

from news.models import NewsArticlePage, NewsIndexPage
from site_setup.skeleton import ensure_site
from tests.clock import clock_at
from tests.news.factories import NewsArticlePageFactory

pytestmark = [
    pytest.mark.skipif(
        connection.vendor != "postgresql",
        reason="row locks that other schedulers skip are PostgreSQL's",
    ),
    pytest.mark.subprocess,
    pytest.mark.django_db(transaction=True, serialized_rollback=True),
]

SCHEDULERS = 3
PUBLISHED = "wagtail.publish.scheduled"
UNPUBLISHED = "wagtail.unpublish.scheduled"


def start_schedulers(tmp_path):
    """`manage.py run_scheduler` processes on the test database, logging to files."""
    db = connection.settings_dict
    env = {
        **os.environ,
        "DJANGO_SETTINGS_MODULE": "mipcms.settings.test",
        "DATABASE_URL": f"postgres://{db['USER']}@{db['HOST']}:{db['PORT']}/{db['NAME']}",
        "LOG_LEVEL": "INFO",
    }
    processes = []
    for n in range(SCHEDULERS):
        log = (tmp_path / f"scheduler-{n}.log").open("w")
        command = [sys.executable, "manage.py", "run_scheduler"]
        processes.append(
            subprocess.Popen(command, cwd=settings.BASE_DIR, env=env, stdout=log, stderr=log)  # noqa: S603
        )
    return processes


def stop(processes):
    for process in processes:
        process.send_signal(signal.SIGTERM)
    return [process.wait(timeout=20) for process in processes]


def scheduled(news_index, title, go_live_at, **fields):
    return NewsArticlePageFactory(parent=news_index, title=title, go_live_at=go_live_at, **fields)


def wait_until(check, deadline):
    while timezone.now() < deadline:
        if check():
            return True
        time.sleep(0.25)
    return check()


def test_schedulers_in_separate_processes_publish_each_post_exactly_once(tmp_path):
    ensure_site()
    news_index = NewsIndexPage.objects.get()
    start = timezone.now()

    # Fell due while no scheduler ran: four posts to publish and two to unpublish, scheduled
    # two hours ago.
    with clock_at(start - datetime.timedelta(hours=2)):
        due = start - datetime.timedelta(hours=1)
        overdue = [scheduled(news_index, f"Overdue {n}", due) for n in range(4)]
        stale = [
            NewsArticlePageFactory(parent=news_index, title=f"Stale {n}", expire_at=due)
            for n in range(2)
        ]

    processes = start_schedulers(tmp_path)
    try:
        started = wait_until(
            lambda: all("Scheduler started" in log for log in read_logs(tmp_path)),
            deadline=timezone.now() + datetime.timedelta(seconds=90),
        )
        assert started, read_logs(tmp_path)
        # The first pass does the backlog (allowing for cold imports on a busy CI machine).
        caught_up = wait_until(
            lambda: PageLogEntry.objects.filter(action__in=[PUBLISHED, UNPUBLISHED]).count() == 6,
            deadline=timezone.now() + datetime.timedelta(seconds=20),
        )
        assert caught_up, read_logs(tmp_path)

        # Scheduled while the schedulers sleep (nothing else is due), all for the same
        # moment: NOTIFY must wake them, and they race for every post.
        moment = timezone.now().replace(microsecond=0) + datetime.timedelta(seconds=12)
        burst = [scheduled(news_index, f"Burst {n}", moment) for n in range(24)]
        expiring = [
            NewsArticlePageFactory(parent=news_index, title=f"Expiring {n}", expire_at=moment)
            for n in range(3)
        ]
        assert timezone.now() < moment - datetime.timedelta(seconds=2), "the machine is too slow"

        wait_until(
            lambda: (
                NewsArticlePage.objects.filter(pk__in=[p.pk for p in burst], live=True).count()
                == len(burst)
                and not NewsArticlePage.objects.filter(
                    pk__in=[p.pk for p in expiring], live=True
                ).exists()
            ),
            deadline=moment + datetime.timedelta(seconds=10),
        )
        time.sleep(2)  # room for a duplicate publish, if one were going to happen
    finally:
        exit_codes = stop(processes)

    logs = read_logs(tmp_path)
    assert exit_codes == [0] * SCHEDULERS, logs
    for log in logs:
        assert "Scheduler started (woken by PostgreSQL NOTIFY)" in log
        for trouble in ("Traceback", "deadlock", "ERROR", "failed"):
            assert trouble not in log, log

    for page in [*overdue, *burst]:
        page.refresh_from_db()
        entries = PageLogEntry.objects.filter(page=page, action=PUBLISHED)
        assert entries.count() == 1, page.title
        assert page.live, page.title
        assert page.live_revision_id == entries.get().revision_id == page.latest_revision_id
        assert Revision.page_revisions.filter(object_id=str(page.pk)).count() == 1
    for page in [*stale, *expiring]:
        page.refresh_from_db()
        assert (page.live, page.expired) == (False, True), page.title
        assert PageLogEntry.objects.filter(page=page, action=UNPUBLISHED).count() == 1

    # On time: within 5 seconds of the moment.
    for page in burst:
        entry = PageLogEntry.objects.get(page=page, action=PUBLISHED)
        assert datetime.timedelta(0) <= entry.timestamp - moment < datetime.timedelta(seconds=5)
    for page in expiring:
        entry = PageLogEntry.objects.get(page=page, action=UNPUBLISHED)
        assert datetime.timedelta(0) <= entry.timestamp - moment < datetime.timedelta(seconds=5)

    # Each process logs only what it did itself: together, every item exactly once.
    done = sum(log.count("Scheduled publish:") + log.count("Scheduled expire:") for log in logs)
    assert done == len(overdue) + len(stale) + len(burst) + len(expiring)


def read_logs(tmp_path):
    return [path.read_text() for path in sorted(tmp_path.glob("scheduler-*.log"))]
