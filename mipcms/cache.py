"""The shared cache in Redis (REDIS_URL): a Redis outage costs speed, never a page.

django-redis does the work: short socket timeouts, and `IGNORE_EXCEPTIONS` turns every
cache error into a miss (reads) or a no-op (writes). Two things are added here:

- A circuit breaker. A page makes several cache calls; with Redis hanging each would wait
  for its timeout. After one connection error or timeout, the cache is skipped by the whole
  process for `OUTAGE_RETRY_SECONDS`, then tried again; one warning is logged per outage.
- `clear()` deletes only this site's keys (its KEY_PREFIX), never the whole Redis database,
  which other sites, processes or test runs may share.
"""

import functools
import logging
import socket
import threading
import time

from django.core.exceptions import ImproperlyConfigured
from django_redis.client import DefaultClient

# The errors django-redis's own client methods turn into ConnectionInterrupted, and its glob
# escaping: clear() below follows the same rules as the methods it sits beside.
from django_redis.client.default import _main_exceptions, glob_escape
from django_redis.exceptions import ConnectionInterrupted
from redis.exceptions import ConnectionError as RedisConnectionError
from redis.exceptions import TimeoutError as RedisTimeoutError

logger = logging.getLogger(__name__)

# Errors that mean Redis is away (refused, dropped, or too slow to answer), as opposed to
# a bad command.
OUTAGE_ERRORS = (RedisConnectionError, RedisTimeoutError, socket.timeout, OSError)

# The client methods Django and Wagtail call; each one trips the breaker on an outage.
GUARDED_METHODS = (
    "add",
    "get",
    "set",
    "get_many",
    "set_many",
    "delete",
    "delete_many",
    "delete_pattern",
    "has_key",
    "incr",
    "decr",
    "touch",
    "expire",
    "ttl",
    "persist",
    "keys",
    "iter_keys",
    "incr_version",
    "clear",
)


def redis_cache_settings(url, key_prefix="mipcms", timeout=0.25, retry_seconds=5.0):
    """The CACHES setting for a Redis cache at `url` that survives Redis being away."""
    if not key_prefix:
        raise ImproperlyConfigured("The Redis cache needs a KEY_PREFIX (clear() deletes by it).")
    return {
        "default": {
            "BACKEND": "django_redis.cache.RedisCache",
            "LOCATION": url,
            "KEY_PREFIX": key_prefix,
            "OPTIONS": {
                "CLIENT_CLASS": "mipcms.cache.ResilientRedisClient",
                "IGNORE_EXCEPTIONS": True,
                "SOCKET_CONNECT_TIMEOUT": timeout,
                "SOCKET_TIMEOUT": timeout,
                "OUTAGE_RETRY_SECONDS": retry_seconds,
            },
        }
    }


class _Outages:
    """When each Redis server (by its location) may be tried again; shared by all threads."""

    def __init__(self):
        self._lock = threading.Lock()
        self._retry_at = {}

    def is_down(self, server):
        return time.monotonic() < self._retry_at.get(server, 0.0)

    def trip(self, server, seconds, error):
        with self._lock:
            already_down = self.is_down(server)
            self._retry_at[server] = time.monotonic() + seconds
        if not already_down:
            logger.warning(
                "Redis cache unreachable (%s: %s); serving without it, next try in %s s",
                type(error).__name__,
                error,
                seconds,
            )

    def reset(self, server):
        with self._lock:
            self._retry_at.pop(server, None)


outages = _Outages()


class RedisMarkedDown(RedisConnectionError):
    """Raised instead of calling Redis while the circuit breaker is open."""


def _guarded(method):
    @functools.wraps(method)
    def call(self, *args, **kwargs):
        try:
            return method(self, *args, **kwargs)
        except ConnectionInterrupted as interrupted:
            error = interrupted.__cause__
            if isinstance(error, RedisMarkedDown):
                raise
            if isinstance(error, OUTAGE_ERRORS):
                outages.trip(self.server_key, self.retry_seconds, error)
            else:
                logger.warning("Redis cache error ignored (%s: %s)", type(error).__name__, error)
            raise

    return call


class ResilientRedisClient(DefaultClient):
    """django-redis's client that skips Redis for a few seconds after it failed to answer."""

    def __init__(self, server, params, backend):
        super().__init__(server, params, backend)
        self.server_key = ",".join(self._server)
        self.retry_seconds = float(self._options.get("OUTAGE_RETRY_SECONDS", 5.0))

    def get_client(self, write=True, tried=None):
        """The Redis connection, unless Redis failed moments ago (then a miss, at once)."""
        self._refuse_while_down()
        return super().get_client(write=write, tried=tried)

    def get_client_with_index(self, write=True, tried=None):
        """As get_client(), for the calls that pick among several servers (set)."""
        self._refuse_while_down()
        return super().get_client_with_index(write=write, tried=tried)

    def _refuse_while_down(self):
        if outages.is_down(self.server_key):
            raise ConnectionInterrupted(connection=None) from RedisMarkedDown(
                "Redis marked down after a recent failure"
            )

    def clear(self, client=None):
        """Delete this site's keys only (KEY_PREFIX), in batches, never FLUSHDB."""
        prefix = self._backend.key_prefix
        if not prefix:
            raise ImproperlyConfigured("The Redis cache needs a KEY_PREFIX to be cleared.")
        if client is None:
            client = self.get_client(write=True)
        pattern = f"{glob_escape(prefix)}:*"
        try:
            batch = []
            for key in client.scan_iter(match=pattern, count=1000):
                batch.append(key)
                if len(batch) == 500:
                    client.unlink(*batch)
                    batch = []
            if batch:
                client.unlink(*batch)
        except _main_exceptions as error:
            raise ConnectionInterrupted(connection=client) from error


for _name in GUARDED_METHODS:
    setattr(ResilientRedisClient, _name, _guarded(getattr(ResilientRedisClient, _name)))
