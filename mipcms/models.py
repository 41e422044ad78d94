"""The services' own records: when each background worker last said it was running."""

import os
import socket

from django.db import models
from django.utils import timezone


class Heartbeat(models.Model):
    """The last moment a background worker (the scheduler, the task worker) checked in.

    Kept in the database, not the cache, so a Redis outage does not make a running
    scheduler look dead. One row per kind of worker: with several schedulers running, the
    latest beat of any of them is what counts.
    """

    worker = models.CharField(max_length=40, primary_key=True)
    beat_at = models.DateTimeField()
    process = models.CharField(max_length=200, blank=True, help_text="Host and process id.")

    def __str__(self):
        return f"{self.worker} at {self.beat_at:%Y-%m-%d %H:%M:%S}"

    @classmethod
    def beat(cls, worker):
        """Record that `worker` is running now."""
        cls.objects.update_or_create(
            worker=worker,
            defaults={
                "beat_at": timezone.now(),
                "process": f"{socket.gethostname()}:{os.getpid()}",
            },
        )
