"""A background loop that sleeps until its next due moment and wakes when told to.

`manage.py run_scheduler` runs one: the scheduler (mipcms/scheduler.py). It sleeps until its
next due moment; a change saved by the site wakes it early through PostgreSQL LISTEN/NOTIFY.
Other databases have no NOTIFY, so there it looks again every FALLBACK_RECHECK_SECONDS. (Work
that is not due at a moment, such as webhook deliveries, is a task for the task worker:
mipcms/task_worker.py.)

Every worker records a heartbeat in the database (mipcms.models.Heartbeat) at least every
`heartbeat_seconds`, asleep or busy, so /health/ready and the admin dashboard can tell a
worker that waits for a far-off moment from one that has died (mipcms/health.py).
"""

import logging
import threading
import time
from contextlib import suppress

from django.conf import settings
from django.db import close_old_connections, connection, connections, transaction
from django.utils import timezone

from mipcms.models import Heartbeat

logger = logging.getLogger(__name__)

# The PostgreSQL channel that carries "something is scheduled" from the site to the workers.
CHANNEL = "mipcms_schedule"
# Without NOTIFY (SQLite), how often to look for work added while asleep: well inside the
# 5 seconds a scheduled post may be late.
FALLBACK_RECHECK_SECONDS = 2.0


class Worker:
    """Runs `run_due()`, then sleeps until `next_due()` or a wake-up, until `stop` is set."""

    name = "worker"
    # The worker's row in Heartbeat (and its check in /health/ready).
    heartbeat = "worker"
    # How often it checks in: well inside the minute after which health checks call it silent.
    heartbeat_seconds = 15.0

    def __init__(self, stop=None):
        self.stop = stop or threading.Event()
        self.listener = None
        self._last_check_in = None  # time.monotonic() of the last heartbeat attempted

    def check_in(self):
        """Record a heartbeat unless one was recorded (or tried) in the last heartbeat_seconds.

        Cheap enough to call between items of work. A failure (the database is away) is
        logged and tried again at the next interval; the work itself goes on.
        """
        now = time.monotonic()
        if self._last_check_in is not None and now - self._last_check_in < self.heartbeat_seconds:
            return
        self._last_check_in = now
        record_heartbeat(self.heartbeat, self.name)

    def run_due(self):
        """Do the work that is due now; return how many items were done."""
        raise NotImplementedError

    def next_due(self):
        """The earliest moment more work falls due, or None."""
        raise NotImplementedError

    def seconds_to_sleep(self):
        """How long to sleep: until the next due moment, capped by the recheck interval."""
        recheck = settings.SCHEDULER_RECHECK_SECONDS
        if self.listener is None:
            recheck = min(recheck, FALLBACK_RECHECK_SECONDS)
        due = self.next_due()
        if due is None:
            return recheck
        left = (due - timezone.now()).total_seconds()
        # An item that is due but was skipped (failed, or another process holds it) must
        # not make the loop spin: look again a second later.
        return min(recheck, left if left > 0 else 1.0)

    def run_forever(self):
        """Run until `stop` is set (it starts even while the database is away)."""
        self.listen_again(starting=True)
        logger.info(
            "%s started (%s)",
            self.name,
            "woken by PostgreSQL NOTIFY" if self.listener else "looking again every few seconds",
        )
        try:
            while not self.stop.is_set():
                close_old_connections()
                self.check_in()
                self.listen_again()
                try:
                    self.run_due()
                    pause = self.seconds_to_sleep()
                except Exception:
                    # The database went away, say: keep the service up and try again.
                    logger.exception("%s pass failed; trying again shortly", self.name)
                    connections.close_all()
                    pause = FALLBACK_RECHECK_SECONDS
                self.wait(pause)
        finally:
            if self.listener is not None:
                with suppress(Exception):
                    self.listener.close()
            connections.close_all()
            logger.info("%s stopped", self.name)

    def wait(self, seconds):
        """Sleep up to `seconds`; return early when woken or when `stop` is set."""
        deadline = time.monotonic() + seconds
        while not self.stop.is_set():
            self.check_in()
            left = deadline - time.monotonic()
            if left <= 0:
                return
            # Short slices keep a stop request prompt and the heartbeat regular; between
            # heartbeats they cost no database queries.
            slice_ = min(left, 1.0, self.heartbeat_seconds)
            if self.listener is None:
                self.stop.wait(slice_)
            elif self._notified(slice_):
                return

    def _notified(self, timeout):
        """True when a NOTIFY arrived within `timeout` seconds, or the listener was lost."""
        try:
            return any(True for _ in self.listener.notifies(timeout=timeout, stop_after=1))
        except Exception as error:
            logger.warning("%s lost its PostgreSQL listener (%s); reconnecting", self.name, error)
            with suppress(Exception):
                self.listener.close()
            self.listener = None
            return True  # something may have changed while we were not listening

    def listen_again(self, starting=False):
        """Open the LISTEN connection again if it was lost (the database was away).

        Tried on every pass, so also after an outage longer than any one wait; until it
        succeeds the worker looks every FALLBACK_RECHECK_SECONDS instead.
        """
        if self.listener is not None or connection.vendor != "postgresql":
            return
        try:
            self.listener = open_listener()
        except Exception as error:
            logger.warning("%s cannot listen for changes yet: %s", self.name, error)
            return
        if not starting:
            logger.info("%s listens for changes again (PostgreSQL NOTIFY)", self.name)


def record_heartbeat(heartbeat, name):
    """Record that a background process runs (its Heartbeat row); never raises.

    A failure (the database is away) is logged as one line, and the connection is dropped
    if broken, so the next heartbeat reconnects rather than waiting for the next pass.
    """
    try:
        Heartbeat.beat(heartbeat)
    except Exception as error:
        logger.warning("%s could not record its heartbeat: %s", name, error)
        with suppress(Exception):
            connection.close_if_unusable_or_obsolete()


def open_listener():
    """A separate PostgreSQL connection LISTENing on CHANNEL, or None on other databases."""
    if connection.vendor != "postgresql":
        return None
    listener = connection.get_new_connection(connection.get_connection_params())
    listener.autocommit = True
    listener.execute(f"LISTEN {CHANNEL}")
    return listener


def wake_workers():
    """Wake every worker once the current transaction commits (PostgreSQL only)."""
    if connection.vendor != "postgresql":
        return

    def send():
        with connection.cursor() as cursor:
            cursor.execute("SELECT pg_notify(%s, '')", [CHANNEL])

    transaction.on_commit(send)
