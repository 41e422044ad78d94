"""`manage.py run_scheduler`: the scheduler process (publishing and expiry on time)."""

import signal
import threading

from django.conf import settings
from django.core.management.base import BaseCommand
from django.utils import autoreload

from mipcms.scheduler import Scheduler


class Command(BaseCommand):
    """The scheduler service that `make run` starts and docs/deployment.md runs in production."""

    help = (
        "Publish pages at their go-live time and unpublish them at their expiry time, within "
        "seconds, for as long as it runs. Safe to run more than once."
    )

    def add_arguments(self, parser):
        parser.add_argument(
            "--once",
            action="store_true",
            help="Do what is due now and exit (for cron, where no long-running process can run).",
        )
        parser.add_argument(
            "--reload", action="store_true", help="Restart when the code changes (development)."
        )

    def handle(self, *args, once=False, reload=False, **options):
        if settings.STAGING:
            self.stderr.write("STAGING is on: nothing is published or unpublished on schedule.")
        stop = threading.Event()
        scheduler = Scheduler(stop)
        if once:
            scheduler.check_in()
            done = scheduler.run_due()
            self.stdout.write(f"{done} scheduled change(s) made.")
            return
        # systemd and process managers stop services with SIGTERM: finish the item in hand.
        signal.signal(signal.SIGTERM, lambda *_: stop.set())
        try:
            if reload:
                autoreload.run_with_reloader(scheduler.run_forever)
            else:
                scheduler.run_forever()
        except KeyboardInterrupt:
            stop.set()
