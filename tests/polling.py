"""Waiting for what a background thread or process does, by polling, with a deadline."""

import time

from django.db import OperationalError


def wait_for(check, seconds=10, every=0.1):
    """Poll `check` until it returns something truthy, or None after `seconds`.

    A database error counts as "not yet": SQLite may be busy with the worker being watched.
    """
    deadline = time.monotonic() + seconds
    while time.monotonic() < deadline:
        try:
            found = check()
        except OperationalError:
            found = None
        if found:
            return found
        time.sleep(every)
    return None
