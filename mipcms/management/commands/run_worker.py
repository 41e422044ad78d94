"""`manage.py run_worker`: the task worker (cache purges, search index, webhook deliveries)."""

import os

from django_tasks_db.management.commands import db_worker
from django_tasks_db.management.commands.db_worker import DJANGO_AUTORELOAD_ENV

from mipcms.task_worker import TaskWorker

# db_worker's options that its Worker takes as they are.
WORKER_OPTIONS = ("interval", "backend_name", "startup_delay", "max_tasks", "worker_id")


class Command(db_worker.Command):
    """django-tasks-db's `db_worker`, with the same options, running mipcms's TaskWorker."""

    help = (
        "Run the background tasks queued in the database (front-end cache purges, search "
        "index updates, webhook deliveries) for as long as it runs. Safe to run more than "
        "once; it survives a database outage."
    )

    def handle(self, *, verbosity, queue_name, reload, batch, **options):
        self.configure_logging(verbosity)
        worker = TaskWorker(
            queue_names=queue_name.split(","),
            batch=batch,
            **{name: options[name] for name in WORKER_OPTIONS},
        )
        if reload and not batch:
            if os.environ.get(DJANGO_AUTORELOAD_ENV) == "true":
                worker.configure_signals()  # only in the child that runs the tasks
            db_worker.run_with_reloader(worker.run)
        else:
            worker.configure_signals()
            worker.run()
