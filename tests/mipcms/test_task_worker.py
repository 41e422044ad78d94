"""Background work leaves the request: publishing queues it, the task worker (`run_worker`) runs it.

With the production task backend (the database queue), a publish writes its cache purges,
search index updates and webhook deliveries as queued tasks and returns; the worker runs them,
goes on past a CDN that never answers, and survives a database outage.
"""

import datetime
import os
import signal
import socket
import subprocess
import sys
import threading
import time

import pytest
from django.db import connection
from django.test import Client
from django.utils import timezone
from django_tasks_db.models import DBTaskResult
from modelsearch.tasks import insert_or_update_object_task
from wagtail.contrib.frontend_cache.tasks import purge_urls_from_cache_task

from mipcms.scheduler import Scheduler
from mipcms.webhooks.delivery import STRANDED_AFTER, requeue_stranded_deliveries, send_delivery
from mipcms.webhooks.models import Delivery, Subscription
from news.models import NewsArticlePage, NewsIndexPage
from site_setup.skeleton import ensure_site
from tests.clock import clock_at
from tests.mipcms.servers import database_url
from tests.news.factories import NewsArticlePageFactory
from tests.outage import TCPProxy
from tests.polling import wait_for
from tests.research.factories import ResearchReportDownloadFactory, ResearchReportPageFactory
from tests.tasks import DATABASE_QUEUE, queued, run_tasks, worker
from tests.webhooks.conftest import Receiver

HTTP_PURGE = "wagtail.contrib.frontend_cache.backends.HTTPBackend"


class HungCache:
    """A cache server that accepts connections and never answers (a stuck Varnish)."""

    def __init__(self):
        self.listener = socket.socket()
        self.listener.bind(("127.0.0.1", 0))
        self.listener.listen(16)
        self.location = f"http://127.0.0.1:{self.listener.getsockname()[1]}"
        self.connections = []
        threading.Thread(target=self._accept, daemon=True).start()

    def _accept(self):
        while True:
            try:
                self.connections.append(self.listener.accept()[0])
            except OSError:
                return

    def close(self):
        self.listener.close()
        for sock in self.connections:
            sock.close()


@pytest.fixture
def hung_cache(settings):
    cache = HungCache()
    settings.WAGTAILFRONTENDCACHE = {"default": {"BACKEND": HTTP_PURGE, "LOCATION": cache.location}}
    yield cache
    cache.close()


def search_titles(query):
    return [page.title for page in NewsArticlePage.objects.live().search(query)]


@pytest.mark.django_db
def test_a_publish_queues_purges_index_updates_and_deliveries_and_waits_for_none(
    news_index, task_queue, hung_cache, settings
):
    settings.TASK_NETWORK_TIMEOUT_SECONDS = 0.5
    receiver = Receiver()
    try:
        Subscription.objects.create(url=receiver.url, events=["page.published"])
        page = NewsArticlePageFactory(parent=news_index, title="Lead service line inventory")
        assert page.live
        # Nothing was sent while publishing: the CDN and the partner were never contacted.
        assert hung_cache.connections == [] and receiver.requests == []
        assert queued(send_delivery) == [[Delivery.objects.get().pk]]
        purged = {url for [urls, *_] in queued(purge_urls_from_cache_task) for url in urls}
        assert f"http://testserver{page.url}" in purged
        assert f"http://testserver/api/v2/pages/{page.pk}/" in purged
        assert [str(page.pk)] in [args[2:] for args in queued(insert_or_update_object_task)]
        assert search_titles("inventory") == []  # the index is updated by the worker

        run_tasks()
        assert search_titles("inventory") == ["Lead service line inventory"]
        assert len(receiver.requests) == 1
    finally:
        receiver.close()


@pytest.mark.django_db(transaction=True, serialized_rollback=True)
def test_the_worker_goes_on_past_a_cdn_that_never_answers(hung_cache, settings):
    settings.TASK_NETWORK_TIMEOUT_SECONDS = 1
    ensure_site()
    news_index = NewsIndexPage.objects.get()
    runner = worker()
    thread = threading.Thread(target=runner.run, daemon=True)
    settings.TASKS = DATABASE_QUEUE
    thread.start()
    try:
        first = NewsArticlePageFactory(parent=news_index, title="Heat island mapping")
        second = NewsArticlePageFactory(parent=news_index, title="Cooling centre hours")
        assert wait_for(lambda: not DBTaskResult.objects.filter(status="READY").exists(), 60)
        assert wait_for(lambda: not DBTaskResult.objects.filter(status="RUNNING").exists(), 10)
    finally:
        runner.running = False
        thread.join(timeout=15)
    assert not thread.is_alive()
    purges = DBTaskResult.objects.filter(task_path=purge_urls_from_cache_task.module_path)
    assert purges.count() >= 2
    assert set(purges.values_list("status", flat=True)) == {"FAILED"}  # timed out, each
    assert len(hung_cache.connections) >= 2
    assert set(search_titles("mapping hours")) <= {first.title, second.title}
    assert search_titles("mapping") == [first.title] and search_titles("hours") == [second.title]


@pytest.mark.django_db
def test_the_embargo_on_a_drafts_pdf_does_not_wait_for_the_worker(news_index, task_queue):
    """The reference index, which the embargo reads, is updated as the page is saved."""
    research = news_index.get_parent().get_children().get(slug="research").specific
    report = ResearchReportPageFactory(parent=research, publish=False)
    pdf = ResearchReportDownloadFactory(page=report).document
    assert Client().get(pdf.url).status_code == 404
    assert DBTaskResult.objects.filter(status="READY").exists()  # other work did wait


@pytest.mark.django_db
def test_a_delivery_whose_task_was_lost_is_queued_again(news_index, task_queue):
    receiver = Receiver()
    try:
        Subscription.objects.create(url=receiver.url, events=["page.published"])
        NewsArticlePageFactory(parent=news_index)
        delivery = Delivery.objects.get()
        assert requeue_stranded_deliveries() == 0  # its task is waiting
        DBTaskResult.objects.all().delete()  # the task was lost (a killed worker)
        assert requeue_stranded_deliveries() == 0  # not overdue yet
        later = timezone.now() + STRANDED_AFTER + datetime.timedelta(seconds=1)
        with clock_at(later):
            assert requeue_stranded_deliveries() == 1
            assert requeue_stranded_deliveries() == 0  # once
        run_tasks(later)
        delivery.refresh_from_db()
        assert delivery.status == Delivery.DELIVERED and len(receiver.requests) == 1
    finally:
        receiver.close()


@pytest.mark.django_db
def test_a_staging_copy_publishes_nothing_on_schedule_and_sends_no_webhooks(
    news_index, task_queue, settings
):
    settings.STAGING = True
    Subscription.objects.create(url="https://partner.example.org/hook", events=["page.published"])
    go_live_at = timezone.now() + datetime.timedelta(minutes=5)
    scheduled = NewsArticlePageFactory(parent=news_index, go_live_at=go_live_at)
    NewsArticlePageFactory(parent=news_index)  # published by hand on the copy
    assert Delivery.objects.count() == 0
    with clock_at(go_live_at + datetime.timedelta(seconds=1)):
        assert Scheduler().run_due() == 0
        assert Scheduler().next_due() is None
    scheduled.refresh_from_db()
    assert not scheduled.live

    settings.STAGING = False  # told to act as production
    with clock_at(go_live_at + datetime.timedelta(seconds=2)):
        assert Scheduler().run_due() == 1
    assert Delivery.objects.count() == 1


@pytest.mark.subprocess
@pytest.mark.skipif(connection.vendor != "postgresql", reason="a second process on one database")
@pytest.mark.django_db(transaction=True, serialized_rollback=True)
def test_run_worker_survives_a_database_outage_and_catches_up(tmp_path, settings):
    """The command production runs, through a proxy the test breaks for a few seconds."""
    settings.TASKS = DATABASE_QUEUE
    ensure_site()
    news_index = NewsIndexPage.objects.get()
    receiver = Receiver()
    proxy = TCPProxy(connection.settings_dict["HOST"] or "127.0.0.1", 5432).start()
    env = {
        **os.environ,
        "DJANGO_SETTINGS_MODULE": "mipcms.settings.test",
        "TEST_TASK_QUEUE": "database",
        "DATABASE_URL": database_url(port=proxy.port),
    }
    log_path = tmp_path / "run_worker.log"
    process = subprocess.Popen(
        [sys.executable, "manage.py", "run_worker", "--interval", "0.2", "--no-reload"],
        cwd=settings.BASE_DIR,
        env=env,
        stdout=log_path.open("w"),
        stderr=subprocess.STDOUT,
    )
    try:
        Subscription.objects.create(url=receiver.url, events=["page.published"])
        NewsArticlePageFactory(parent=news_index, title="Before the outage")
        assert wait_for(lambda: len(receiver.requests) == 1, 30), log_path.read_text()

        proxy.refuse()
        NewsArticlePageFactory(parent=news_index, title="During the outage")
        assert wait_for(lambda: "lost the database" in log_path.read_text(), 30)
        assert process.poll() is None, log_path.read_text()
        assert len(receiver.requests) == 1
        proxy.resume()
        back = time.monotonic()
        assert wait_for(lambda: len(receiver.requests) == 2, 30), log_path.read_text()
        recovery = time.monotonic() - back
        print(f"\ntask worker outage: delivered {recovery:.2f} s after PostgreSQL returned")
    finally:
        process.send_signal(signal.SIGTERM)
        exit_code = process.wait(timeout=20)
        proxy.stop()
        receiver.close()
    assert exit_code == 0, log_path.read_text()
    titles = [b'"During the outage"' in body for _, body in receiver.requests]
    assert titles == [False, True]
