"""The shared local services the operations tests talk to (through proxies of their own)."""

import os
import socket
from urllib.parse import urlsplit

import pytest

# The shared Redis; tests use key prefixes of their own and never flush it.
REDIS_TEST_URL = os.environ.get("REDIS_TEST_URL", "redis://127.0.0.1:6379/0")


def redis_or_skip():
    """(host, port) of the shared Redis, or skip the test when none answers."""
    parts = urlsplit(REDIS_TEST_URL)
    host, port = parts.hostname or "127.0.0.1", parts.port or 6379
    try:
        with socket.create_connection((host, port), timeout=1) as sock:
            sock.sendall(b"PING\r\n")
            answered = sock.recv(16).startswith(b"+PONG")
    except OSError:
        answered = False
    if not answered:
        pytest.skip(f"no Redis answers at {REDIS_TEST_URL} (set REDIS_TEST_URL)")
    return host, port
