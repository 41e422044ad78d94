"""`manage.py run_scheduler`: the background process (scheduled publishing, webhook delivery)."""

import signal
import threading

from django.conf import settings
from django.core.management.base import BaseCommand
from django.utils import autoreload

from mipcms.scheduler import Scheduler
from mipcms.webhooks.delivery import WebhookWorker


class Command(BaseCommand):
    """The background service that `make run` starts and docs/deployment.md runs in production."""

    help = (
        "Publish pages at their go-live time and unpublish them at their expiry time, within "
        "seconds, and deliver webhooks, for as long as it runs. Safe to run more than once."
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
        stop = threading.Event()
        scheduler, webhooks = Scheduler(stop), WebhookWorker(stop)
        if once:
            scheduler.check_in()
            webhooks.check_in()
            done = scheduler.run_due()
            sent = webhooks.run_due()
            self.stdout.write(f"{done} scheduled change(s) made, {sent} webhook(s) attempted.")
            return
        # systemd and process managers stop services with SIGTERM: finish the item in hand.
        signal.signal(signal.SIGTERM, lambda *_: stop.set())

        def serve():
            # Its own thread, so a slow receiver never delays a scheduled publish.
            sender = threading.Thread(target=webhooks.run_forever, name="webhooks", daemon=True)
            sender.start()
            scheduler.run_forever()
            sender.join(timeout=settings.WEBHOOK_TIMEOUT_SECONDS + 5)

        try:
            if reload:
                autoreload.run_with_reloader(serve)
            else:
                serve()
        except KeyboardInterrupt:
            stop.set()
