"""Send queued webhook deliveries: signed POSTs (signing.py) with retries and backoff, logged.

Each attempt is a background task (`send_delivery`), run by the task worker
(`manage.py run_worker`, mipcms/task_worker.py), so neither a publish nor the scheduler ever
waits for a partner. The Delivery row holds the signed body and the retry state the admin
shows; a failed attempt queues the next task for its backoff moment. An attempt is claimed
under a row lock and only when due, so a delivery's task run twice (two workers, or the
upkeep putting back one a killed worker dropped) sends it once.
"""

import http.client
import logging
import socket
import threading
import time
from contextlib import suppress
from datetime import timedelta
from urllib.parse import urlsplit, urlunsplit

from django.conf import settings
from django.db import transaction
from django.db.models import Q
from django.utils import timezone
from django_tasks import task
from django_tasks.backends.immediate import ImmediateBackend
from django_tasks.base import TaskResultStatus
from django_tasks_db.models import DBTaskResult

from .models import Attempt, Delivery
from .signing import signature_headers
from .targets import TargetRefused, connection_to

logger = logging.getLogger(__name__)

# Wait this long after the 1st, 2nd... failed attempt; after the last one, give up.
BACKOFF = [timedelta(seconds=s) for s in (30, 120, 600, 3600, 6 * 3600)]
MAX_ATTEMPTS = len(BACKOFF) + 1
USER_AGENT = "MIP-CMS-Webhooks/1"
# A pending delivery this long past its moment with no task waiting for it lost its task (a
# worker was killed mid-attempt, or a process stopped between a commit and the enqueue).
STRANDED_AFTER = timedelta(minutes=1)


@task()
def send_delivery(delivery_id):
    """The background task: attempt the delivery if it is due; True when attempted."""
    return deliver(delivery_id, timezone.now())


def queue_attempts(deliveries):
    """Queue the first attempt of each delivery.

    In the database queue the tasks are rows of the publishing transaction: queued if and only
    if the publish commits. A backend that runs tasks at once (tests) waits for the commit,
    so no partner is called from inside it.
    """
    if isinstance(send_delivery.get_backend(), ImmediateBackend):
        pks = [delivery.pk for delivery in deliveries]
        transaction.on_commit(lambda: [send_delivery.enqueue(pk) for pk in pks])
        return
    for delivery in deliveries:
        # Due at its own moment: the worker takes due tasks earliest first, so a partner
        # hears of a page's changes in the order they happened.
        send_delivery.using(run_after=delivery.next_attempt_at).enqueue(delivery.pk)


def lease():
    """How long an attempt may take: other workers leave a claimed delivery alone meanwhile."""
    return timedelta(seconds=settings.WEBHOOK_TIMEOUT_SECONDS + 30)


def message_id(delivery):
    """The delivery's `webhook-id`: the same on each retry, so receivers can drop repeats."""
    return f"msg_{delivery.pk}"


def post(delivery):
    """POST one delivery; return (status code or None, error text, milliseconds).

    Only http and https, straight to the partner (no proxies, no redirects followed), only
    to a public address checked just before connecting (mipcms/webhooks/targets.py), and
    within WEBHOOK_TIMEOUT_SECONDS in all: a receiver that answers byte by byte is cut off.
    """
    subscription = delivery.subscription
    timeout = settings.WEBHOOK_TIMEOUT_SECONDS
    started = time.monotonic()
    url = urlsplit(subscription.url)
    try:
        connection = connection_to(subscription.url, timeout)
    except TargetRefused as refused:
        return None, str(refused), int((time.monotonic() - started) * 1000)
    # The socket timeout bounds each read; this bounds the whole exchange.
    deadline = threading.Timer(timeout, _cut_off, [connection])
    deadline.start()
    status, error = None, ""
    try:
        connection.request(
            "POST",
            urlunsplit(("", "", url.path or "/", url.query, "")),
            body=delivery.body.encode(),
            headers={
                "Content-Type": "application/json",
                "User-Agent": USER_AGENT,
                "X-MIP-Event": delivery.event,
                "X-MIP-Delivery": str(delivery.pk),
                **signature_headers(
                    subscription.secret,
                    message_id(delivery),
                    timezone.now().timestamp(),
                    delivery.body.encode(),
                ),
            },
        )
        status = connection.getresponse().status
    except (OSError, http.client.HTTPException, ValueError) as problem:
        error = str(problem)[:500] or type(problem).__name__
    finally:
        deadline.cancel()
        connection.close()
    elapsed = time.monotonic() - started
    if status is None and elapsed >= timeout:
        error = f"No answer within {timeout:g} s."
    return status, error, int(elapsed * 1000)


def _cut_off(connection):
    """End an exchange that ran out of time: the blocked read returns at once."""
    with suppress(OSError, AttributeError):
        connection.sock.shutdown(socket.SHUT_RDWR)


def deliver(delivery_id, now):
    """Attempt one due delivery unless another worker holds it; True when attempted.

    The delivery is claimed in one short transaction and its outcome recorded in another:
    no transaction stays open while the partner answers (on SQLite it would block every
    writer, publishing included).
    """
    with transaction.atomic():
        delivery = (
            Delivery.objects.select_for_update(skip_locked=True, of=("self",))
            .select_related("subscription")
            .filter(pk=delivery_id, status=Delivery.PENDING, next_attempt_at__lte=now)
            .first()
        )
        if delivery is None:
            return False
        if not delivery.subscription.active:
            delivery.status = Delivery.CANCELLED
            delivery.save(update_fields=["status"])
            return False
        # A lease: other workers leave it alone until this attempt must have ended.
        Delivery.objects.filter(pk=delivery.pk).update(next_attempt_at=now + lease())
    status, error, duration = post(delivery)
    record(delivery, status, error, duration)
    return True


@transaction.atomic
def record(delivery, status, error, duration):
    """Log the attempt and settle the delivery: delivered, retried later, cancelled or failed."""
    subscription = delivery.subscription
    attempted_at = timezone.now()
    Attempt.objects.create(
        delivery=delivery,
        attempted_at=attempted_at,
        status_code=status,
        error=error,
        duration_ms=duration,
    )
    delivery.attempts += 1
    if status is not None and 200 <= status < 300:
        delivery.status, delivery.delivered_at = Delivery.DELIVERED, attempted_at
    elif status == 410:
        gone(subscription, attempted_at)
        delivery.status = Delivery.CANCELLED
    elif delivery.attempts >= MAX_ATTEMPTS:
        delivery.status = Delivery.FAILED
    else:
        delivery.next_attempt_at = attempted_at + BACKOFF[delivery.attempts - 1]
        if send_delivery.get_backend().supports_defer:
            # In this transaction: the retry is queued if and only if the attempt is logged.
            send_delivery.using(run_after=delivery.next_attempt_at).enqueue(delivery.pk)
    delivery.save(update_fields=["status", "attempts", "next_attempt_at", "delivered_at"])
    log = logger.info if delivery.status == Delivery.DELIVERED else logger.warning
    log(
        "Webhook %s for page %s to %s: %s (attempt %s, %s)",
        delivery.event,
        delivery.page_id,
        subscription.url,
        status or error,
        delivery.attempts,
        delivery.get_status_display().lower(),
    )


def gone(subscription, moment):
    """The receiver answered 410 Gone: switch the subscription off and drop what is queued."""
    subscription.active = False
    subscription.deactivated_reason = (
        f"The receiver answered 410 Gone on {moment:%Y-%m-%d %H:%M} UTC."
    )
    subscription.save(update_fields=["active", "deactivated_reason"])
    subscription.deliveries.filter(status=Delivery.PENDING).update(status=Delivery.CANCELLED)


def requeue_stranded_deliveries():
    """Queue a task again for each pending delivery that lost its own; return how many.

    The task worker runs this between heartbeats. A task still waiting, or one running within
    its lease, keeps its delivery; anything else overdue by STRANDED_AFTER is queued again.
    """
    now = timezone.now()
    overdue = Delivery.objects.filter(
        status=Delivery.PENDING, next_attempt_at__lte=now - STRANDED_AFTER
    )
    overdue = list(overdue.order_by("next_attempt_at").values_list("pk", flat=True)[:500])
    if not overdue:
        return 0
    waiting = DBTaskResult.objects.filter(task_path=send_delivery.module_path).filter(
        Q(status=TaskResultStatus.READY)
        | Q(status=TaskResultStatus.RUNNING, started_at__gte=now - lease())
    )
    held = {entry["args"][0] for entry in waiting.values_list("args_kwargs", flat=True)}
    stranded = [pk for pk in overdue if pk not in held]
    for pk in stranded:
        send_delivery.enqueue(pk)
    if stranded:
        logger.warning("Queued %s stranded webhook deliveries again", len(stranded))
    return len(stranded)
