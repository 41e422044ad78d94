"""Send queued webhook deliveries: signed POSTs (signing.py) with retries and backoff, logged.

`manage.py run_scheduler` runs a `WebhookWorker` beside the scheduler, in its own thread, so
a slow receiver never delays a scheduled publish. Deliveries are claimed with row locks that
other workers skip, as the scheduler claims pages.
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
from django.db.models import Min
from django.utils import timezone

from mipcms.worker import Worker

from .models import Attempt, Delivery
from .signing import signature_headers
from .targets import TargetRefused, connection_to

logger = logging.getLogger(__name__)

# Wait this long after the 1st, 2nd... failed attempt; after the last one, give up.
BACKOFF = [timedelta(seconds=s) for s in (30, 120, 600, 3600, 6 * 3600)]
MAX_ATTEMPTS = len(BACKOFF) + 1
USER_AGENT = "MIP-CMS-Webhooks/1"


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
        lease = timedelta(seconds=settings.WEBHOOK_TIMEOUT_SECONDS + 30)
        Delivery.objects.filter(pk=delivery.pk).update(next_attempt_at=now + lease)
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


class WebhookWorker(Worker):
    """Sends due deliveries, then sleeps until the next retry or a new delivery."""

    name = "Webhook delivery"
    heartbeat = "webhook_worker"

    def next_due(self):
        pending = Delivery.objects.filter(status=Delivery.PENDING)
        return pending.aggregate(moment=Min("next_attempt_at"))["moment"]

    def run_due(self):
        now = timezone.now()
        due = Delivery.objects.filter(status=Delivery.PENDING, next_attempt_at__lte=now)
        ids = due.order_by("next_attempt_at", "pk").values_list("pk", flat=True)[:100]
        attempted = 0
        for pk in list(ids):
            # Each attempt may wait WEBHOOK_TIMEOUT_SECONDS for a partner: check in between.
            self.check_in()
            attempted += deliver(pk, now)
        return attempted
