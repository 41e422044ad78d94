"""Run test code as if it were another moment."""

from contextlib import contextmanager
from unittest import mock


@contextmanager
def clock_at(moment):
    """Run the enclosed code as if the time were `moment` (Django's timezone.now())."""
    with mock.patch("django.utils.timezone.now", return_value=moment):
        yield
