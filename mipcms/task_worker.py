"""The task worker: runs the background tasks that wait in the database (`manage.py run_worker`).

Publishing hands slow work to django-tasks: Wagtail's front-end cache purges and search index
updates, and our webhook deliveries (mipcms/webhooks/delivery.py). With the database backend
(settings.TASKS) each is a row in the same database, written in the publishing transaction
or as it commits, so a publish returns at once and no queued work is lost when a process
stops. This worker runs them.

It is django-tasks-db's own worker (`db_worker`) with what a service needs besides:

- It outlives a database outage. django-tasks-db's loop ends the process on a database
  error; this one logs it, drops its connections and tries again every RETRY_SECONDS.
- No network call can hold it for ever. A task whose library opens sockets without a
  timeout (Wagtail's HTTP purge of a Varnish, say) would stall every task behind it, so the
  worker gives every socket a default timeout (TASK_NETWORK_TIMEOUT_SECONDS).
- It checks in (mipcms.models.Heartbeat, "task_worker") every HEARTBEAT_SECONDS from a
  thread, for /health/ready and the dashboard, but stops checking in while one task has run
  for longer than STUCK_AFTER: a worker stuck in a task is as good as dead.
- Between heartbeats it runs the upkeep of its queues (UPKEEP), which puts back what a
  killed worker left half-done, and writes the searches counted since (search/hits.py).

Any number of workers can share the queue: each task is claimed under a row lock.
"""

import logging
import socket
import threading
import time
from contextlib import suppress

from django.conf import settings
from django.db import DatabaseError, close_old_connections, connections
from django_tasks_db.management.commands.db_worker import Worker as QueueWorker

from mipcms.webhooks.delivery import requeue_stranded_deliveries
from mipcms.worker import record_heartbeat
from search.hits import flush_search_hits

logger = logging.getLogger(__name__)

HEARTBEAT = "task_worker"
HEARTBEAT_SECONDS = 15.0
# After a database error, wait this long before looking at the queue again.
RETRY_SECONDS = 2.0
# A task running this long has hung: the worker stops checking in (health shows it).
STUCK_AFTER = 300.0
# Jobs run between heartbeats: keep the queues whole, and move the searches counted in the
# cache into the admin's search terms report (search/hits.py).
UPKEEP = [requeue_stranded_deliveries, flush_search_hits]


class TaskWorker(QueueWorker):
    """django-tasks-db's worker loop, kept running through database errors, checking in."""

    def __init__(self, **options):
        super().__init__(**options)
        self.task_started_at = None  # time.monotonic() when the task in hand began

    def run(self):
        stop = threading.Event()
        beats = threading.Thread(target=self.check_in_until, args=[stop], daemon=True)
        beats.start()
        try:
            self.run_through_outages()
        finally:
            stop.set()
            beats.join(timeout=5)
            connections.close_all()  # this thread's: a worker run in a thread leaves none open

    def run_through_outages(self):
        while self.running:
            try:
                return super().run()
            except DatabaseError as error:
                logger.warning("Task worker lost the database (%s); trying again shortly", error)
                with suppress(Exception):
                    connections.close_all()
                time.sleep(RETRY_SECONDS)
        return None

    def run_task(self, db_task_result):
        self.task_started_at = time.monotonic()
        previous_timeout = socket.getdefaulttimeout()
        socket.setdefaulttimeout(settings.TASK_NETWORK_TIMEOUT_SECONDS)
        try:
            super().run_task(db_task_result)
        finally:
            socket.setdefaulttimeout(previous_timeout)
            self.task_started_at = None

    def stuck(self):
        """Whether the task in hand has run for longer than STUCK_AFTER."""
        started = self.task_started_at
        return started is not None and time.monotonic() - started > STUCK_AFTER

    def check_in_until(self, stop):
        """The heartbeat thread: check in and run the upkeep every HEARTBEAT_SECONDS."""
        while not stop.is_set():
            close_old_connections()
            if not self.stuck():
                record_heartbeat(HEARTBEAT, "The task worker")
            for job in UPKEEP:
                try:
                    job()
                except Exception:
                    logger.exception("Task worker upkeep %s failed", job.__name__)
            stop.wait(HEARTBEAT_SECONDS)
        connections.close_all()
