"""The scheduler through a PostgreSQL outage: it stays up, catches up, and listens again.

`manage.py run_scheduler` runs through a proxy the test breaks for a few seconds. A post
due while the database was away goes live once it is back, and the scheduler opens its
LISTEN connection again, so a post scheduled afterwards wakes it at its moment rather than
at its next fixed look (SCHEDULER_RECHECK_SECONDS).
"""

import datetime
import time

import pytest
from django.db import connection
from django.utils import timezone
from wagtail.models import PageLogEntry

from news.models import NewsIndexPage
from site_setup.skeleton import ensure_site
from tests.mipcms.servers import Service, database_url
from tests.news.factories import NewsArticlePageFactory
from tests.outage import TCPProxy
from tests.polling import wait_for

pytestmark = [
    pytest.mark.skipif(connection.vendor != "postgresql", reason="LISTEN/NOTIFY, a second process"),
    pytest.mark.subprocess,
    pytest.mark.django_db(transaction=True, serialized_rollback=True),
]

OUTAGE_SECONDS = 3


def listeners():
    """How many connections to the test database are LISTENing for schedule changes."""
    with connection.cursor() as cursor:
        cursor.execute(
            "SELECT count(*) FROM pg_stat_activity "
            "WHERE datname = current_database() AND query LIKE 'LISTEN mipcms_schedule%%'"
        )
        return cursor.fetchone()[0]


def went_live(page):
    return PageLogEntry.objects.filter(page=page, action="wagtail.publish.scheduled")


def test_the_scheduler_rides_out_an_outage_catches_up_and_listens_again(tmp_path):
    ensure_site()
    news_index = NewsIndexPage.objects.get()
    proxy = TCPProxy(connection.settings_dict["HOST"] or "127.0.0.1", 5432).start()
    scheduler = Service(
        tmp_path / "scheduler.log",
        ["run_scheduler"],
        {"DATABASE_URL": database_url(port=proxy.port), "SCHEDULER_RECHECK_SECONDS": "120"},
    )
    try:
        scheduler.start()
        assert wait_for(lambda: listeners() == 1, 30), scheduler.log()

        proxy.refuse()
        down = timezone.now()
        during = NewsArticlePageFactory(
            parent=news_index,
            title="Due while the database was away",
            go_live_at=down + datetime.timedelta(seconds=2),
        )
        assert wait_for(lambda: listeners() == 0, 10)
        time.sleep(OUTAGE_SECONDS)  # the outage itself
        assert scheduler.process.poll() is None, scheduler.log()
        proxy.resume()

        assert wait_for(lambda: went_live(during).exists(), 30), scheduler.log()
        assert wait_for(lambda: listeners() == 1, 30), "LISTEN was not opened again"

        go_live_at = timezone.now() + datetime.timedelta(seconds=3)
        after = NewsArticlePageFactory(
            parent=news_index, title="Scheduled after the outage", go_live_at=go_live_at
        )
        assert wait_for(lambda: went_live(after).exists(), 30), scheduler.log()
        late = (went_live(after).get().timestamp - go_live_at).total_seconds()
    finally:
        exit_code = scheduler.stop()
        proxy.stop()
    print(f"\nscheduler outage: caught up; the next post went live {late:.2f} s after its time")
    assert went_live(during).count() == 1 and went_live(after).count() == 1
    assert late < 5, scheduler.log()  # woken by NOTIFY, not its 120 s look
    assert exit_code == 0, scheduler.log()
