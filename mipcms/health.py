"""Health endpoints: `/health/live` (the process answers) and `/health/ready` (what it relies on).

`HealthCheckMiddleware` comes first in MIDDLEWARE and answers both paths itself, before
anything else runs: before host validation (load balancers probe by IP address), the HTTPS
redirect (they probe over plain HTTP), sessions, the request log (a probe every few seconds
per server would drown it) and the error pages. Answers are JSON and never cached.

`/health/ready` runs every check and answers 200 when all pass, 503 when any fails:

- database: a trivial query.
- cache: a value written can be read back. Pages ignore cache errors (mipcms/cache.py), so
  this is the one place a Redis outage shows.
- storage: the media storage (disk or S3) answers and holds a small probe file, which the
  check writes the first time.
- scheduler, task_worker: the background processes (`run_scheduler`, `run_worker`) checked
  in within HEARTBEAT_MAX_AGE (they beat every 15 s, asleep or busy: mipcms/worker.py,
  mipcms/task_worker.py).
- task_queue: no queued task has been due for more than QUEUE_STUCK_AFTER.
- webhook_queue: no webhook delivery has been due for more than QUEUE_STUCK_AFTER.

The checks that read the database are skipped (and fail) when the database check fails, so
an outage costs one connection timeout, not four. Details say what failed, never how: the
endpoint is public, so exception messages (host names, addresses) go to the log only.
"""

import logging
import os
import socket
import uuid
from datetime import timedelta

from django.core.cache import cache
from django.core.files.base import ContentFile
from django.core.files.storage import storages
from django.db import connection
from django.db.models import Q
from django.http import JsonResponse
from django.utils import timezone
from django.utils.cache import patch_cache_control
from django_tasks.base import TaskResultStatus
from django_tasks_db.models import DBTaskResult, get_date_max

from mipcms import task_worker
from mipcms.models import Heartbeat
from mipcms.scheduler import Scheduler
from mipcms.webhooks.models import Delivery

logger = logging.getLogger(__name__)

LIVE_PATH = "/health/live"
READY_PATH = "/health/ready"
# A worker that has not checked in for this long is taken for dead (it beats every 15 s).
HEARTBEAT_MAX_AGE = timedelta(seconds=60)
# A task or delivery due for longer than this means the queue is stuck (one attempt takes at
# most WEBHOOK_TIMEOUT_SECONDS, and the worker picks up due tasks within seconds).
QUEUE_STUCK_AFTER = timedelta(minutes=5)
# The media file the storage check looks for (and writes when it is missing).
STORAGE_PROBE_NAME = "health/probe.txt"
# The background workers: (check name and Heartbeat row, what staff call it).
WORKERS = [
    (Scheduler.heartbeat, "Scheduled publishing"),
    (task_worker.HEARTBEAT, "Background tasks (cache purges, search index, webhooks)"),
]

OK, FAILING = "ok", "failing"
# One cache key per process: probes overwrite it rather than leave keys behind.
CACHE_PROBE_KEY = f"health:{socket.gethostname()}:{os.getpid()}"


class CheckFailed(Exception):
    """A check's finding, in words safe to show anyone."""


def check_database():
    """The database answers a trivial query."""
    with connection.cursor() as cursor:
        cursor.execute("SELECT 1")
        cursor.fetchone()


def check_cache():
    """A value written to the cache can be read back (cache errors are otherwise silent)."""
    value = uuid.uuid4().hex
    cache.set(CACHE_PROBE_KEY, value, timeout=60)
    if cache.get(CACHE_PROBE_KEY) != value:
        raise CheckFailed("a value written to the cache could not be read back")


def check_storage():
    """The media storage answers and holds the probe file (written once when missing)."""
    storage = storages["default"]
    if storage.exists(STORAGE_PROBE_NAME):
        return
    storage.save(STORAGE_PROBE_NAME, ContentFile(b"Health check probe; safe to delete.\n"))
    if not storage.exists(STORAGE_PROBE_NAME):
        raise CheckFailed("a file written to media storage could not be found")


def heartbeat_results():
    """{worker: (OK or FAILING, detail)} for every worker, from one query (silent_workers)."""
    silent = {}
    outcome = run_check("heartbeats", lambda: silent.update(silent_workers()))
    if outcome[0] != OK:
        return {worker: outcome for worker, _ in WORKERS}
    return {
        worker: (FAILING, silence(*silent[worker][1:])) if worker in silent else (OK, "")
        for worker, _ in WORKERS
    }


def silence(last, age):
    """What a monitor reads about a silent worker."""
    if last is None:
        return "has never checked in"
    return (
        f"last checked in {age.total_seconds():.0f} s ago "
        f"(more than {HEARTBEAT_MAX_AGE.total_seconds():.0f} s)"
    )


def check_task_queue():
    """No queued task has waited more than QUEUE_STUCK_AFTER past its due moment."""
    cutoff = timezone.now() - QUEUE_STUCK_AFTER
    overdue = DBTaskResult.objects.filter(status=TaskResultStatus.READY).filter(
        Q(run_after=get_date_max(), enqueued_at__lt=cutoff) | Q(run_after__lt=cutoff)
    )
    count = overdue.count()
    if count:
        minutes = QUEUE_STUCK_AFTER.total_seconds() / 60
        raise CheckFailed(
            f"{count} {'task' if count == 1 else 'tasks'} due for more than {minutes:.0f} minutes"
        )


def check_webhook_queue():
    """No webhook delivery has waited more than QUEUE_STUCK_AFTER past its due moment."""
    overdue = Delivery.objects.filter(
        status=Delivery.PENDING, next_attempt_at__lt=timezone.now() - QUEUE_STUCK_AFTER
    ).count()
    if overdue:
        minutes = QUEUE_STUCK_AFTER.total_seconds() / 60
        raise CheckFailed(
            f"{overdue} {'delivery' if overdue == 1 else 'deliveries'} due for more than "
            f"{minutes:.0f} minutes"
        )


def readiness():
    """{check name: (OK or FAILING, detail)} for every check, in order."""
    results = {}
    database = run_check("database", check_database)
    results["database"] = database
    results["cache"] = run_check("cache", check_cache)
    results["storage"] = run_check("storage", check_storage)
    if database[0] != OK:
        unchecked = (FAILING, "not checked: the database cannot be reached")
        results.update({worker: unchecked for worker, _ in WORKERS})
        results["task_queue"] = results["webhook_queue"] = unchecked
        return results
    results.update(heartbeat_results())
    results["task_queue"] = run_check("task_queue", check_task_queue)
    results["webhook_queue"] = run_check("webhook_queue", check_webhook_queue)
    return results


def run_check(name, check):
    """(OK, "") or (FAILING, what failed); the exception's own message goes to the log only."""
    try:
        check()
    except CheckFailed as finding:
        return FAILING, str(finding)
    except Exception as error:
        logger.warning("Health check %s failed: %s: %s", name, type(error).__name__, error)
        return FAILING, f"{type(error).__name__} (see the server log)"
    return OK, ""


def silent_workers():
    """{worker: (what staff call it, last check-in or None, its age or None)} for every worker
    silent past HEARTBEAT_MAX_AGE: one query, the one rule for readiness and the dashboard."""
    beats = dict(Heartbeat.objects.values_list("worker", "beat_at"))
    now = timezone.now()
    silent = {}
    for worker, label in WORKERS:
        last = beats.get(worker)
        if last is None or now - last > HEARTBEAT_MAX_AGE:
            silent[worker] = (label, last, now - last if last else None)
    return silent


def live_response():
    """The process answers: no database, cache or storage is touched."""
    return never_cached(JsonResponse({"status": OK}))


def ready_response():
    """Every check with its status; 200 when all pass, 503 when any fails."""
    results = readiness()
    failed = [name for name, (status, _) in results.items() if status != OK]
    if failed:
        logger.warning("Health: failing %s", ", ".join(failed))
    checks = {
        name: {"status": status, **({"detail": detail} if detail else {})}
        for name, (status, detail) in results.items()
    }
    body = {"status": FAILING if failed else OK, "checks": checks}
    return never_cached(JsonResponse(body, status=503 if failed else 200))


def never_cached(response):
    """No CDN, proxy or browser may keep a health answer: the next probe must reach us."""
    patch_cache_control(response, no_store=True, no_cache=True, max_age=0)
    return response


class HealthCheckMiddleware:
    """Answers /health/live and /health/ready before any other middleware runs."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        path = request.path_info.rstrip("/")
        if path == LIVE_PATH:
            return live_response()
        if path == READY_PATH:
            return ready_response()
        return self.get_response(request)
