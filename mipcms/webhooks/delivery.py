"""Send queued webhook deliveries: signed POSTs with retries and backoff, every attempt logged.

`manage.py run_scheduler` runs a `WebhookWorker` beside the scheduler, in its own thread, so
a slow receiver never delays a scheduled publish. Deliveries are claimed with row locks that
other workers skip, as the scheduler claims pages.
"""

import hashlib
import hmac
import http.client
import logging
import time
import urllib.error
import urllib.request
from datetime import timedelta

from django.conf import settings
from django.db import transaction
from django.db.models import Min
from django.utils import timezone

from mipcms.worker import Worker

from .models import Attempt, Delivery

logger = logging.getLogger(__name__)

# Wait this long after the 1st, 2nd... failed attempt; after the last one, give up.
BACKOFF = [timedelta(seconds=s) for s in (30, 120, 600, 3600, 6 * 3600)]
MAX_ATTEMPTS = len(BACKOFF) + 1
SIGNATURE_HEADER = "X-MIP-Signature"
USER_AGENT = "MIP-CMS-Webhooks/1"


def sign(secret, body):
    """The signature header's value: sha256=<hex HMAC-SHA256 of the body with the secret>."""
    digest = hmac.new(secret.encode(), body.encode(), hashlib.sha256).hexdigest()
    return f"sha256={digest}"


class _NoRedirects(urllib.request.HTTPRedirectHandler):
    """A redirect is an answer, not a delivery: report it rather than re-POST elsewhere."""

    def redirect_request(self, *args, **kwargs):
        return None


# No proxies from the environment: deliveries go straight to the partner.
_opener = urllib.request.build_opener(urllib.request.ProxyHandler({}), _NoRedirects)


def post(delivery):
    """POST one delivery; return (status code or None, error text, milliseconds)."""
    subscription = delivery.subscription
    request = urllib.request.Request(  # noqa: S310 (staff enter http(s) URLs; URLField checks)
        subscription.url,
        data=delivery.body.encode(),
        method="POST",
        headers={
            "Content-Type": "application/json",
            "User-Agent": USER_AGENT,
            "X-MIP-Event": delivery.event,
            "X-MIP-Delivery": str(delivery.pk),
            SIGNATURE_HEADER: sign(subscription.secret, delivery.body),
        },
    )
    started = time.monotonic()
    status, error = None, ""
    try:
        with _opener.open(request, timeout=settings.WEBHOOK_TIMEOUT_SECONDS) as response:
            status = response.status
    except urllib.error.HTTPError as answer:
        status = answer.code
    except (urllib.error.URLError, http.client.HTTPException, OSError, ValueError) as problem:
        error = str(getattr(problem, "reason", problem))[:500] or type(problem).__name__
    return status, error, int((time.monotonic() - started) * 1000)


def deliver(delivery_id, now):
    """Attempt one due delivery unless another worker holds it; True when attempted."""
    with transaction.atomic():
        delivery = (
            Delivery.objects.select_for_update(skip_locked=True, of=("self",))
            .select_related("subscription")
            .filter(pk=delivery_id, status=Delivery.PENDING, next_attempt_at__lte=now)
            .first()
        )
        if delivery is None:
            return False
        subscription = delivery.subscription
        if not subscription.active:
            delivery.status = Delivery.CANCELLED
            delivery.save(update_fields=["status"])
            return False
        status, error, duration = post(delivery)
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
    return True


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

    def next_due(self):
        pending = Delivery.objects.filter(status=Delivery.PENDING)
        return pending.aggregate(moment=Min("next_attempt_at"))["moment"]

    def run_due(self):
        now = timezone.now()
        due = Delivery.objects.filter(status=Delivery.PENDING, next_attempt_at__lte=now)
        ids = due.order_by("next_attempt_at", "pk").values_list("pk", flat=True)[:100]
        return sum(deliver(pk, now) for pk in list(ids))
