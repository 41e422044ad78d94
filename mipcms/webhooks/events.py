"""Queue a webhook delivery for each subscription when a page is published or unpublished.

Wagtail's page_published and page_unpublished signals fire for editors' actions, the v3 API
and the scheduler alike, so a scheduled publish is a publish here too. Queueing is a few
inserts in the publishing transaction (a rolled-back publish announces nothing); sending is
a background task for each (mipcms/webhooks/delivery.py), so publishing never waits for a
receiver. A failure to queue is logged and never fails the publish. A STAGING copy of the
site queues nothing: its partners are production's.
"""

import json
import logging

from django.conf import settings
from django.db import transaction
from django.utils import timezone
from wagtail.models import Page, PageLogEntry
from wagtail.signals import page_published, page_unpublished

from home.privacy import page_restricted, visible_pages
from home.representations import api_detail_url

from .delivery import queue_attempts
from .models import Delivery, Subscription

logger = logging.getLogger(__name__)

PUBLISH_ACTIONS = ("wagtail.publish", "wagtail.publish.scheduled")
UNPUBLISH_ACTIONS = ("wagtail.unpublish", "wagtail.unpublish.scheduled")


def payload(page, event, now):
    """The JSON body partners receive: what happened, to which page, and when."""
    return {
        "event": event,
        "time": now.isoformat(),
        "page": {
            "id": page.pk,
            "type": page.specific_class._meta.label,
            "title": page.title,
            "url": page.full_url,
            "api_url": api_detail_url(page.pk),
        },
    }


def queue(page, event, subscriptions):
    """Queue `event` about `page` for each of these subscriptions that wants it."""
    wanted = [s for s in subscriptions if event in s.events]
    if not wanted:
        return []
    now = timezone.now()
    body = json.dumps(payload(page, event, now), separators=(",", ":"))
    deliveries = [
        Delivery(subscription=s, event=event, page_id=page.pk, body=body, next_attempt_at=now)
        for s in wanted
    ]
    with transaction.atomic():  # a savepoint: if this fails, the publish still stands
        Delivery.objects.bulk_create(deliveries)
    queue_attempts(deliveries)
    return deliveries


def was_live(page):
    """Whether the page was live before the publish now in progress.

    Wagtail sends page_published before it writes that publish's log entry, so the latest
    publish or unpublish entry tells the state before it.
    """
    latest = (
        PageLogEntry.objects.filter(page_id=page.pk, action__in=PUBLISH_ACTIONS + UNPUBLISH_ACTIONS)
        .order_by("-timestamp", "-pk")
        .values_list("action", flat=True)
        .first()
    )
    return latest in PUBLISH_ACTIONS


def page_was_published(sender, instance, **kwargs):
    # Wagtail also sends page_published when a publish only schedules the page: not live yet.
    if instance.live:
        _safely(instance, published_event)


def page_was_unpublished(sender, instance, **kwargs):
    _safely(instance, unpublished_event)


def published_event(page):
    """page.published or page.updated, or None for a page visitors cannot see.

    A page the scheduler publishes after its expiry time (catching up) is never visible, so
    it is not announced, and neither is one under a view restriction (promise 1).
    """
    if not visible_pages([page]):
        return None
    return "page.updated" if was_live(page) else "page.published"


def unpublished_event(page):
    """page.unpublished, or None for a page under a view restriction (never announced)."""
    if Page.objects.filter(pk=page.pk).filter(page_restricted()).exists():
        return None
    return "page.unpublished"


def _safely(page, event_for):
    if settings.STAGING:
        return
    try:
        subscriptions = list(Subscription.objects.filter(active=True))
        event = event_for(page) if subscriptions else None
        if event is not None:
            queue(page, event, subscriptions)
    except Exception:
        logger.exception("Could not queue webhooks for page %s; publishing goes on", page.pk)


def connect_signals():
    """Listen to every page type's publish and unpublish (called from the app's ready())."""
    page_published.connect(page_was_published, dispatch_uid="mipcms.webhooks.published")
    page_unpublished.connect(page_was_unpublished, dispatch_uid="mipcms.webhooks.unpublished")
