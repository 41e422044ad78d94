"""The scheduler: publishes and unpublishes content at its go-live and expiry times.

`manage.py run_scheduler` runs one `Scheduler` for as long as the site runs. It does what
Wagtail's `publish_scheduled` command does, with three differences that make schedules
dependable (docs/decisions/0005-scheduler-process.md):

- On time: it sleeps until the next go-live or expiry moment, not for a fixed minute, and a
  schedule made while it sleeps wakes it (PostgreSQL LISTEN/NOTIFY; on other databases it
  looks again every two seconds).
- Exactly once: each item is claimed with a row lock that other schedulers skip
  (SELECT ... FOR UPDATE SKIP LOCKED) and checked again under that lock, so any number of
  schedulers can share one database.
- Catch-up: everything that fell due while no scheduler ran is done on the first pass, and
  one item that fails is logged and retried later without holding up the others.
"""

import logging
import threading
import time
from contextlib import suppress
from datetime import timedelta

from django.apps import apps
from django.conf import settings
from django.contrib.contenttypes.models import ContentType
from django.db import close_old_connections, connection, connections, transaction
from django.db.models import Min
from django.db.models.signals import post_save
from django.utils import timezone
from wagtail.models import DraftStateMixin, Page, Revision

logger = logging.getLogger(__name__)

# The PostgreSQL channel that carries "a schedule changed" from the site to the schedulers.
CHANNEL = "mipcms_schedule"
# After an item fails, wait this long before trying it again.
RETRY_AFTER = timedelta(seconds=60)
# Without NOTIFY (SQLite), how often to look for schedules made while asleep: well inside
# the 5 seconds a schedule may be late.
FALLBACK_RECHECK_SECONDS = 2.0


def scheduled_models():
    """Page and every other model with drafts: what can go live or expire on a schedule."""
    others = [
        model
        for model in apps.get_models()
        if issubclass(model, DraftStateMixin) and not issubclass(model, Page)
    ]
    return [Page, *others]


def next_due():
    """The earliest go-live or expiry moment still to act on, or None when nothing is scheduled."""
    moments = [Revision.objects.aggregate(moment=Min("approved_go_live_at"))["moment"]]
    for model in scheduled_models():
        expiring = model.objects.filter(live=True, expire_at__isnull=False)
        moments.append(expiring.aggregate(moment=Min("expire_at"))["moment"])
    return min((moment for moment in moments if moment is not None), default=None)


def publish_revision(revision_id, now):
    """Publish one due revision, unless another scheduler holds it or has published it.

    Returns (object, go-live moment), or None. The object's row is locked before the revision's,
    the order Wagtail's own publish and unpublish actions write them in, so two schedulers
    never wait on each other in a cycle.
    """
    with transaction.atomic():
        found = Revision.objects.filter(pk=revision_id).values("base_content_type", "object_id")
        if not found:
            return None
        model = ContentType.objects.get_for_id(found[0]["base_content_type"]).model_class()
        if not _claim(model.objects.filter(pk=found[0]["object_id"])):
            return None
        revision = (
            Revision.objects.select_for_update(skip_locked=True)
            .filter(pk=revision_id, approved_go_live_at__lte=now)
            .first()
        )
        if revision is None:
            return None  # published (or rescheduled) since we listed it
        due = revision.approved_go_live_at
        revision.publish(log_action="wagtail.publish.scheduled")
        return revision.content_object, due


def unpublish_expired(model, pk, now):
    """Unpublish one expired object, unless another scheduler holds it or has done it.

    Returns (object, expiry moment), or None.
    """
    with transaction.atomic():
        obj = (
            model.objects.select_for_update(skip_locked=True)
            .filter(pk=pk, live=True, expire_at__lte=now)
            .first()
        )
        if obj is None:
            return None
        obj.unpublish(set_expired=True, log_action="wagtail.unpublish.scheduled")
        return obj, obj.expire_at


def _claim(queryset):
    """Lock the rows of `queryset` for this transaction; False when another scheduler has them."""
    return bool(list(queryset.select_for_update(skip_locked=True).values_list("pk", flat=True)))


class Scheduler:
    """Runs due publishing and expiry, then sleeps until the next due moment or a change."""

    def __init__(self, stop=None):
        self.stop = stop or threading.Event()
        self.retry_at = {}  # item key -> moment before which a failed item is left alone
        self.listener = None

    def run_due(self):
        """Publish everything whose go-live time has come, then unpublish what has expired.

        Publishing goes first so that a page which was both due and expired while no
        scheduler ran ends up expired, not live. Returns the number of items done.
        """
        now = timezone.now()
        done = 0
        revisions = Revision.objects.filter(approved_go_live_at__lte=now)
        for pk in revisions.order_by("approved_go_live_at", "pk").values_list("pk", flat=True):
            done += self._attempt(now, "publish", publish_revision, pk)
        for model in scheduled_models():
            expired = model.objects.filter(live=True, expire_at__lte=now)
            for pk in expired.order_by("expire_at", "pk").values_list("pk", flat=True):
                done += self._attempt(now, "expire", unpublish_expired, model, pk)
        return done

    def _attempt(self, now, verb, action, *item):
        """Do one item; log a failure and leave that item alone for RETRY_AFTER."""
        key = (verb, *item)
        if self.retry_at.get(key, now) > now:
            return 0
        try:
            done = action(*item, now)
        except Exception:
            logger.exception("Scheduled %s of %s failed; retrying in %s", verb, item, RETRY_AFTER)
            self.retry_at[key] = now + RETRY_AFTER
            return 0
        self.retry_at.pop(key, None)
        if done is None:
            return 0
        obj, moment = done
        late = (timezone.now() - moment).total_seconds()
        logger.info("Scheduled %s: %r (id %s), %.1f s after its time", verb, str(obj), obj.pk, late)
        return 1

    def seconds_to_sleep(self):
        """How long to sleep: until the next due moment, capped by the recheck interval."""
        recheck = settings.SCHEDULER_RECHECK_SECONDS
        if self.listener is None:
            recheck = min(recheck, FALLBACK_RECHECK_SECONDS)
        due = next_due()
        if due is None:
            return recheck
        left = (due - timezone.now()).total_seconds()
        # An item that is due but was skipped (failed, or another scheduler holds it) must
        # not make the loop spin: look again a second later.
        return min(recheck, left if left > 0 else 1.0)

    def run_forever(self):
        """Run until `stop` is set; the body of `manage.py run_scheduler`."""
        self.listener = open_listener()
        logger.info(
            "Scheduler started (%s)",
            "woken by PostgreSQL NOTIFY" if self.listener else "looking again every few seconds",
        )
        try:
            while not self.stop.is_set():
                close_old_connections()
                self.run_due()
                self.wait(self.seconds_to_sleep())
        finally:
            if self.listener is not None:
                with suppress(Exception):
                    self.listener.close()
            connections.close_all()
            logger.info("Scheduler stopped")

    def wait(self, seconds):
        """Sleep up to `seconds`; return early when a schedule changes or `stop` is set."""
        deadline = time.monotonic() + seconds
        while not self.stop.is_set():
            left = deadline - time.monotonic()
            if left <= 0:
                return
            # Short slices keep a stop request prompt; they cost no database queries.
            slice_ = min(left, 1.0)
            if self.listener is None:
                self.stop.wait(slice_)
            elif self._notified(slice_):
                return

    def _notified(self, timeout):
        """True when a NOTIFY arrived within `timeout` seconds (reconnecting if need be)."""
        try:
            return any(True for _ in self.listener.notifies(timeout=timeout, stop_after=1))
        except Exception:
            logger.warning("Lost the PostgreSQL listener connection; reconnecting", exc_info=True)
            with suppress(Exception):
                self.listener.close()
            self.stop.wait(timeout)
            self.listener = open_listener()
            return True  # something may have changed while we were not listening


def open_listener():
    """A separate PostgreSQL connection LISTENing on CHANNEL, or None on other databases."""
    if connection.vendor != "postgresql":
        return None
    listener = connection.get_new_connection(connection.get_connection_params())
    listener.autocommit = True
    listener.execute(f"LISTEN {CHANNEL}")
    return listener


def notify_schedulers():
    """Wake every scheduler once the current transaction commits (PostgreSQL only)."""
    if connection.vendor != "postgresql":
        return

    def send():
        with connection.cursor() as cursor:
            cursor.execute("SELECT pg_notify(%s, '')", [CHANNEL])

    transaction.on_commit(send)


def _revision_saved(sender, instance, **kwargs):
    if instance.approved_go_live_at is not None:
        notify_schedulers()


def _object_saved(sender, instance, **kwargs):
    if isinstance(instance, DraftStateMixin) and instance.live and instance.expire_at:
        notify_schedulers()


def connect_signals():
    """Wake the schedulers whenever a go-live or expiry time is set (called from home's ready())."""
    post_save.connect(_revision_saved, sender=Revision, dispatch_uid="mipcms.scheduler.revision")
    post_save.connect(_object_saved, dispatch_uid="mipcms.scheduler.object")
