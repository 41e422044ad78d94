"""The database task queue in tests: switch it on, and run what it holds as the worker does.

Tests run tasks at once by default (mipcms/settings/test.py). Tests of what waits in the
queue, and of what the worker does with it, use `task_queue` (the production backend) and
`run_tasks`, or start `manage.py run_worker` itself.
"""

import pytest
from django.utils import timezone
from django_tasks_db.models import DBTaskResult

from mipcms.task_worker import TaskWorker
from tests.clock import clock_at

DATABASE_QUEUE = {
    "default": {"BACKEND": "django_tasks_db.DatabaseBackend"},
    "inline": {"BACKEND": "django_tasks.backends.immediate.ImmediateBackend"},
}


@pytest.fixture
def task_queue(settings):
    """Tasks wait in the database queue, as in production, until a worker runs them."""
    settings.TASKS = DATABASE_QUEUE


def worker(**options):
    """A TaskWorker as `manage.py run_worker` makes one (all queues, no start-up delay)."""
    defaults = {
        "queue_names": ["*"],
        "interval": 0.05,
        "batch": False,
        "backend_name": "default",
        "startup_delay": False,
        "max_tasks": None,
        "worker_id": "tests",
    }
    return TaskWorker(**{**defaults, **options})


def run_tasks(moment=None):
    """Run every queued task due at `moment` (now), in order, as the worker does.

    Returns the rows of the tasks run, finished. The worker's own claim runs in a transaction
    of its own, which a test inside a transaction cannot open on SQLite: this claims without
    it, and runs each task with the worker's run_task.
    """
    runner, ran = worker(), []
    with clock_at(moment or timezone.now()):
        ready = DBTaskResult.objects.ready().order_by("-priority", "run_after", "enqueued_at")
        while (row := ready.first()) is not None:
            row.claim(runner.worker_id)
            runner.run_task(row)
            ran.append(DBTaskResult.objects.get(pk=row.pk))
    return ran


def queued(task):
    """The arguments of each queued (not yet run) call of `task`."""
    rows = DBTaskResult.objects.filter(task_path=task.module_path, status="READY")
    return [row.args_kwargs["args"] for row in rows.order_by("enqueued_at")]
