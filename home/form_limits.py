"""The per-address limit on form submissions: FORM_SUBMISSIONS_PER_MINUTE, counted in the cache.

Every submission (HTML or JSON, valid or not) counts against the client's address in the
current minute; past the limit the client is told how many seconds to wait. With the cache
away nothing is counted and nobody is refused: forms keep working.
"""

import logging
import time

from django.conf import settings
from django.core.cache import cache

from .client_address import client_ip

logger = logging.getLogger(__name__)

WINDOW_SECONDS = 60


def seconds_to_wait(request, now=None):
    """0 when this submission is within the limit; else the seconds until the next minute."""
    limit = settings.FORM_SUBMISSIONS_PER_MINUTE
    if not limit:
        return 0
    now = time.time() if now is None else now
    window = int(now // WINDOW_SECONDS)
    key = f"form-submissions:{client_ip(request)}:{window}"
    try:
        cache.add(key, 0, timeout=WINDOW_SECONDS + 1)
        count = cache.incr(key)
    except Exception:  # the cache is away (or the key expired between the two calls)
        logger.warning("Form rate limit not counted: the cache did not answer", exc_info=True)
        return 0
    if count <= limit:
        return 0
    return max(1, int((window + 1) * WINDOW_SECONDS - now + 0.999))
