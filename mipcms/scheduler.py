"""The scheduler: publishes and unpublishes content at its go-live and expiry times.

`manage.py run_scheduler` runs one `Scheduler` (a `mipcms.worker.Worker` loop) for as long
as the site runs. It does what
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
from datetime import timedelta

from django.apps import apps
from django.conf import settings
from django.contrib.contenttypes.models import ContentType
from django.db import transaction
from django.db.models import Min
from django.db.models.signals import post_save
from django.utils import timezone
from wagtail.models import DraftStateMixin, Page, Revision

from mipcms.worker import Worker, wake_workers

logger = logging.getLogger(__name__)

# After an item fails, wait this long before trying it again.
RETRY_AFTER = timedelta(seconds=60)


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


class Scheduler(Worker):
    """Publishes what is due and unpublishes what has expired, then sleeps until the next."""

    name = "Scheduler"
    heartbeat = "scheduler"

    def __init__(self, stop=None):
        super().__init__(stop)
        self.retry_at = {}  # item key -> moment before which a failed item is left alone

    def next_due(self):
        return None if settings.STAGING else next_due()

    def run_due(self):
        """Publish everything whose go-live time has come, then unpublish what has expired.

        Publishing goes first so that a page which was both due and expired while no
        scheduler ran ends up expired, not live. Returns the number of items done.
        """
        if settings.STAGING:
            return 0  # a copy of the site never acts on production's timetable
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
        self.check_in()  # a long backlog must not look like a dead scheduler
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


def _revision_saved(sender, instance, **kwargs):
    if instance.approved_go_live_at is not None:
        wake_workers()


def _object_saved(sender, instance, **kwargs):
    if isinstance(instance, DraftStateMixin) and instance.live and instance.expire_at:
        wake_workers()


def connect_signals():
    """Wake the schedulers whenever a go-live or expiry time is set (called from home's ready())."""
    post_save.connect(_revision_saved, sender=Revision, dispatch_uid="mipcms.scheduler.revision")
    post_save.connect(_object_saved, dispatch_uid="mipcms.scheduler.object")
