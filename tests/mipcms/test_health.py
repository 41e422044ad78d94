"""Health endpoints for load balancers and monitoring, and the dashboard's silent-worker warning.

`/health/live` says the process answers; `/health/ready` checks the database, the cache,
media storage, the background workers' heartbeats and the webhook queue, and names what
fails. The dashboard tells staff when the scheduler or webhook delivery stopped checking in.
"""

import datetime
import re
import threading
import time
import uuid
from unittest import mock
from urllib.parse import urlsplit

import pytest
from django.core.cache import cache
from django.db import OperationalError, connection
from django.test import Client, override_settings
from django.test.utils import CaptureQueriesContext
from django.utils import timezone
from django_tasks_db.models import DBTaskResult

from mipcms.cache import outages, redis_cache_settings
from mipcms.models import Heartbeat
from mipcms.scheduler import Scheduler
from mipcms.storage import s3_storage_settings
from mipcms.task_worker import HEARTBEAT as TASK_WORKER
from mipcms.webhooks.delivery import send_delivery
from mipcms.webhooks.models import Delivery, Subscription
from tests.clock import clock_at
from tests.mipcms.services import redis_or_skip
from tests.news.factories import NewsArticlePageFactory
from tests.outage import TCPProxy
from tests.polling import wait_for
from tests.tasks import WORKER_THREAD_NEEDS_POSTGRESQL, worker

CHECKS = {
    "database",
    "cache",
    "storage",
    "scheduler",
    "task_worker",
    "task_queue",
    "webhook_queue",
}


def ready(**headers):
    """(status code, body) of /health/ready, as a monitor sees it."""
    response = Client(raise_request_exception=False).get("/health/ready", **headers)
    assert response["Content-Type"] == "application/json"
    assert "no-store" in response["Cache-Control"]
    return response.status_code, response.json()


def failing(body):
    return {name for name, check in body["checks"].items() if check["status"] != "ok"}


def workers_check_in():
    """Both background processes record a heartbeat now, as `run_scheduler` and `run_worker` do."""
    Heartbeat.beat(Scheduler.heartbeat)
    Heartbeat.beat(TASK_WORKER)


# Live ---------------------------------------------------------------------------------


def test_live_answers_without_database_host_check_or_https_redirect():
    """No database here (no django_db mark: a query would error), a load balancer probing by
    IP address over plain HTTP, and production's HTTPS redirect on: still a plain 200."""
    with override_settings(SECURE_SSL_REDIRECT=True, ALLOWED_HOSTS=["www.example.org"]):
        response = Client().get("/health/live", HTTP_HOST="10.0.0.7:8000")
    assert response.status_code == 200
    assert response.json() == {"status": "ok"}
    assert "no-store" in response["Cache-Control"]


# Ready --------------------------------------------------------------------------------


@pytest.mark.django_db
def test_ready_is_200_when_every_check_passes():
    workers_check_in()
    status, body = ready()
    assert (status, body["status"], failing(body)) == (200, "ok", set())
    assert set(body["checks"]) == CHECKS


@pytest.mark.django_db
def test_ready_names_a_scheduler_that_stopped_checking_in():
    now = timezone.now()
    with clock_at(now):
        workers_check_in()
    with clock_at(now + datetime.timedelta(seconds=50)):
        Heartbeat.beat(TASK_WORKER)
        assert ready()[0] == 200  # 50 s old: still fresh
    with clock_at(now + datetime.timedelta(seconds=61)):
        status, body = ready()
    assert (status, body["status"], failing(body)) == (503, "failing", {"scheduler"})
    assert "61 s ago" in body["checks"]["scheduler"]["detail"]


@pytest.mark.django_db
def test_ready_names_workers_that_never_checked_in():
    status, body = ready()
    assert (status, failing(body)) == (503, {"scheduler", "task_worker"})
    assert "never" in body["checks"]["task_worker"]["detail"]


@pytest.mark.django_db
def test_ready_reads_every_heartbeat_in_one_query():
    """One rule and one query for "which workers are silent", shared with the dashboard."""
    workers_check_in()
    with CaptureQueriesContext(connection) as queries:
        assert ready()[0] == 200
    heartbeat_queries = [q["sql"] for q in queries if Heartbeat._meta.db_table in q["sql"]]
    assert len(heartbeat_queries) == 1, heartbeat_queries


@pytest.mark.django_db
def test_ready_names_a_stuck_webhook_queue():
    workers_check_in()
    subscription = Subscription.objects.create(
        url="https://partner.example.org/hook", events=["page.published"]
    )

    def queued(minutes_overdue):
        return Delivery.objects.create(
            subscription=subscription,
            event="page.published",
            page_id=1,
            body="{}",
            next_attempt_at=timezone.now() - datetime.timedelta(minutes=minutes_overdue),
        )

    queued(1)  # due a minute ago: the worker is on it
    assert ready()[0] == 200
    stuck = queued(10)
    status, body = ready()
    assert (status, failing(body)) == (503, {"webhook_queue"})
    assert "1 delivery" in body["checks"]["webhook_queue"]["detail"]

    stuck.status = Delivery.DELIVERED
    stuck.save()
    assert ready()[0] == 200


@pytest.mark.django_db
def test_ready_names_a_stuck_task_queue(task_queue):
    """Tasks waiting past their moment: the worker is gone or stuck, though it may still beat."""
    workers_check_in()
    now = timezone.now()
    with clock_at(now - datetime.timedelta(minutes=1)):
        send_delivery.enqueue(1)  # due a minute ago: the worker is on it
    assert ready()[0] == 200
    with clock_at(now - datetime.timedelta(minutes=10)):
        send_delivery.enqueue(2)
    later = send_delivery.using(run_after=now - datetime.timedelta(minutes=8)).enqueue(3)
    status, body = ready()
    assert (status, failing(body)) == (503, {"task_queue"})
    assert "2 tasks due for more than 5 minutes" in body["checks"]["task_queue"]["detail"]

    DBTaskResult.objects.exclude(pk=later.id).delete()
    assert ready()[0] == 503  # deferred, then forgotten: as stuck
    DBTaskResult.objects.all().delete()
    assert ready()[0] == 200


@pytest.mark.django_db
def test_ready_names_an_unreachable_cache_though_pages_keep_working(home_page):
    """django-redis ignores cache errors (pages are served from the database), so only
    the health check can tell that Redis is away."""
    host, port = redis_or_skip()
    workers_check_in()
    with TCPProxy(host, port) as proxy:
        caches = redis_cache_settings(
            f"redis://127.0.0.1:{proxy.port}/0",
            key_prefix=f"mipcms-test-{uuid.uuid4().hex}",
            retry_seconds=0.5,
        )
        with override_settings(CACHES=caches):
            try:
                assert ready()[0] == 200
                proxy.refuse()
                status, body = ready()
                assert Client().get(home_page.url).status_code == 200
            finally:
                proxy.resume()
                cache.clear()
                outages.reset(caches["default"]["LOCATION"])
    assert (status, failing(body)) == (503, {"cache"})


@pytest.mark.django_db
def test_ready_names_unreachable_media_storage(settings, tmp_path):
    workers_check_in()
    blocked = tmp_path / "not-a-folder"
    blocked.write_text("a file where the media folder should be")
    settings.STORAGES = {
        **settings.STORAGES,
        "default": {
            "BACKEND": "django.core.files.storage.FileSystemStorage",
            "OPTIONS": {"location": str(blocked)},
        },
    }
    status, body = ready()
    assert (status, failing(body)) == (503, {"storage"})


@pytest.mark.django_db
def test_ready_checks_media_in_s3(s3_media, s3_bucket):
    workers_check_in()
    assert ready()[0] == 200
    client, bucket, _ = s3_bucket
    client.delete_object(Bucket=bucket, Key="health/probe.txt")
    client.delete_bucket(Bucket=bucket)  # gone, as with a wrong bucket name
    status, body = ready()
    assert (status, failing(body)) == (503, {"storage"})


@pytest.mark.django_db
def test_ready_names_a_hung_s3_within_seconds(s3_bucket, settings):
    """A store that accepts connections and never answers: botocore alone would wait 60 s per
    read and retry; MEDIA_S3_TIMEOUT_SECONDS bounds it."""
    workers_check_in()
    endpoint = urlsplit(s3_bucket[2]["MEDIA_S3_ENDPOINT_URL"])
    proxy = TCPProxy(endpoint.hostname, endpoint.port).start()
    environ = {
        **s3_bucket[2],
        "MEDIA_S3_ENDPOINT_URL": f"http://127.0.0.1:{proxy.port}",
        "MEDIA_S3_TIMEOUT_SECONDS": "1",
    }
    settings.STORAGES = {**settings.STORAGES, "default": s3_storage_settings(environ)}
    try:
        assert ready()[0] == 200
        proxy.hang()
        started = time.monotonic()
        status, body = ready()
        waited = time.monotonic() - started
    finally:
        proxy.stop()
    assert (status, failing(body)) == (503, {"storage"})
    assert waited < 10, f"the storage check took {waited:.1f} s"


@pytest.mark.django_db
def test_ready_answers_503_json_while_the_database_is_away():
    """Not the HTML "back shortly" page: a monitor reads which check failed."""
    workers_check_in()
    refused = OperationalError('connection to server at "10.1.2.3", port 5432 failed')
    with mock.patch(
        "django.db.backends.base.base.BaseDatabaseWrapper.ensure_connection",
        side_effect=refused,
    ):
        status, body = ready()
    assert status == 503
    assert failing(body) == {
        "database",
        "scheduler",
        "task_worker",
        "task_queue",
        "webhook_queue",
    }
    # What failed, not the server's address: the endpoint is public.
    assert "10.1.2.3" not in str(body)


# The running workers -------------------------------------------------------------------


@pytest.mark.django_db(transaction=True, serialized_rollback=True)
@pytest.mark.parametrize("worker_class", [Scheduler])
def test_a_running_worker_keeps_checking_in_while_it_sleeps(news_index, worker_class, monkeypatch):
    """The real loop in a thread, asleep until a post due in a day: it still beats."""
    # Without PostgreSQL's NOTIFY (SQLite) the loop would look again every 2 s; here it
    # sleeps as long as on PostgreSQL, so only the heartbeat can show it is alive.
    monkeypatch.setattr("mipcms.worker.FALLBACK_RECHECK_SECONDS", 24 * 3600)
    NewsArticlePageFactory(
        parent=news_index, go_live_at=timezone.now() + datetime.timedelta(days=1)
    )
    worker = worker_class()
    worker.heartbeat_seconds = 0.5  # production beats every 15 s
    thread = threading.Thread(target=worker.run_forever, daemon=True)
    with override_settings(SCHEDULER_RECHECK_SECONDS=24 * 3600):
        thread.start()
        try:
            first = wait_for(lambda: Heartbeat.objects.filter(worker=worker.heartbeat).first())
            assert first is not None, "no heartbeat from the running worker"
            later = wait_for(
                lambda: Heartbeat.objects.filter(
                    worker=worker.heartbeat, beat_at__gt=first.beat_at
                ).first()
            )
        finally:
            worker.stop.set()
            thread.join(timeout=10)
    assert not thread.is_alive()
    assert later is not None, "no second heartbeat while asleep"
    _, body = ready()
    assert body["checks"][worker.heartbeat]["status"] == "ok"


@WORKER_THREAD_NEEDS_POSTGRESQL
@pytest.mark.django_db(transaction=True, serialized_rollback=True)
def test_the_running_task_worker_keeps_checking_in_while_the_queue_is_empty(monkeypatch):
    monkeypatch.setattr("mipcms.task_worker.HEARTBEAT_SECONDS", 0.5)  # production: 15 s
    runner = worker(interval=0.5)
    thread = threading.Thread(target=runner.run, daemon=True)
    thread.start()
    try:
        first = wait_for(lambda: Heartbeat.objects.filter(worker=TASK_WORKER).first())
        assert first is not None, "no heartbeat from the running task worker"
        later = wait_for(
            lambda: Heartbeat.objects.filter(worker=TASK_WORKER, beat_at__gt=first.beat_at).first()
        )
    finally:
        runner.running = False
        thread.join(timeout=10)
    assert not thread.is_alive()
    assert later is not None, "no second heartbeat while idle"


@pytest.mark.django_db
def test_a_worker_that_cannot_check_in_logs_it_and_carries_on(caplog):
    """While the database is away the heartbeat fails: one warning, no crash of the loop."""
    worker = Scheduler()
    with mock.patch(
        "django.db.backends.base.base.BaseDatabaseWrapper.ensure_connection",
        side_effect=OperationalError("connection refused"),
    ):
        worker.check_in()
    assert "Scheduler could not record its heartbeat: connection refused" in caplog.text
    worker.heartbeat_seconds = 0  # the next interval: the database is back
    worker.check_in()
    assert Heartbeat.objects.filter(worker="scheduler").exists()


# The commands production runs (`run_scheduler`, `run_worker`) checking in, with the
# production settings: tests/mipcms/test_scale_out.py.


# The dashboard --------------------------------------------------------------------------


def warning_text(client):
    """The dashboard's background-services warning as staff read it, or None."""
    html = client.get("/admin/").content.decode()
    match = re.search(r'<section[^>]*id="background-services-section".*?</section>', html, re.S)
    if match is None:
        return None
    return re.sub(r"\s+", " ", re.sub(r"<[^>]+>", " ", match.group())).strip()


@pytest.mark.django_db
def test_dashboard_warns_staff_while_a_worker_is_silent(client, django_user_model, settings):
    settings.TIME_ZONE = "America/Chicago"
    started = datetime.datetime(2036, 3, 2, 15, 0, tzinfo=datetime.UTC)

    with clock_at(started):
        client.force_login(django_user_model.objects.create_superuser("webmaster", "", "pw"))
        text = warning_text(client)
        assert "Scheduled publishing has never checked in" in text
        assert "Background tasks (cache purges, search index, webhooks) has never" in text

        workers_check_in()
        assert warning_text(client) is None

    with clock_at(started + datetime.timedelta(seconds=90)):
        Heartbeat.beat(TASK_WORKER)
        text = warning_text(client)
    assert "Scheduled publishing has not checked in since Mar 2, 2036, 9:00 a.m. CST" in text
    assert "Background tasks" not in text

    Heartbeat.beat(Scheduler.heartbeat)
    assert warning_text(client) is None
