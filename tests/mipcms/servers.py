"""Real app servers for the operations tests: gunicorn processes the test starts and stops."""

import os
import signal
import socket
import subprocess
import sys
import time
import urllib.error
import urllib.request
from pathlib import Path

from django.conf import settings
from django.db import connection


def free_port():
    """A TCP port on 127.0.0.1 that nothing listens on right now."""
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


def database_url(port=None, name=None):
    """The URL of the test database (PostgreSQL), optionally through another port."""
    db = connection.settings_dict
    password = f":{db['PASSWORD']}" if db.get("PASSWORD") else ""
    host = db["HOST"] or "127.0.0.1"
    return (
        f"postgres://{db['USER']}{password}@{host}:{port or db['PORT'] or 5432}/"
        f"{name or db['NAME']}"
    )


def get(url, timeout=10, headers=None):
    """(status, headers, body) of a GET; error statuses are answers too, not exceptions."""
    request = urllib.request.Request(url, headers=headers or {})  # noqa: S310
    try:
        with urllib.request.urlopen(request, timeout=timeout) as response:  # noqa: S310
            return response.status, response.headers, response.read()
    except urllib.error.HTTPError as error:
        return error.code, error.headers, error.read()


class Service:
    """A `manage.py <command>` process (run_scheduler, run_worker), logging to a file."""

    def __init__(self, log_path, command, env, settings_module="mipcms.settings.test"):
        self.command = command
        self.log_path = Path(log_path)
        self.env = {**os.environ, "DJANGO_SETTINGS_MODULE": settings_module, **env}
        self.process = None

    def start(self):
        return self.spawn([sys.executable, "manage.py", *self.command])

    def spawn(self, command):
        log = self.log_path.open("ab")
        self.process = subprocess.Popen(  # noqa: S603
            command, cwd=settings.BASE_DIR, env=self.env, stdout=log, stderr=log
        )
        return self

    def stop(self):
        """Stop gracefully (SIGTERM), and return the exit code."""
        if self.process is None or self.process.poll() is not None:
            return self.process and self.process.returncode
        self.process.send_signal(signal.SIGTERM)
        try:
            return self.process.wait(timeout=30)
        except subprocess.TimeoutExpired:
            self.process.kill()
            return self.process.wait()

    def log(self):
        return self.log_path.read_text(errors="replace") if self.log_path.exists() else ""

    def __enter__(self):
        return self.start()

    def __exit__(self, *exc_info):
        self.stop()


class Gunicorn(Service):
    """`gunicorn mipcms.wsgi` on a free port with the given environment, logging to a file."""

    def __init__(self, log_path, env, workers=2, settings_module="mipcms.settings.test"):
        env = {"MEDIA_ROOT": str(settings.MEDIA_ROOT), **env}
        super().__init__(log_path, ["gunicorn"], env, settings_module)
        self.port = free_port()
        self.url = f"http://127.0.0.1:{self.port}"
        self.workers = workers

    def start(self, ready_path="/", deadline_seconds=90):
        """Start the server and wait until `ready_path` answers 200 (deadline, no sleep)."""
        command = [
            sys.executable,
            "-m",
            "gunicorn",
            "mipcms.wsgi",
            "--config",
            "python:mipcms.gunicorn_conf",
            "--bind",
            f"127.0.0.1:{self.port}",
            "--workers",
            str(self.workers),
        ]
        self.spawn(command)
        deadline = time.monotonic() + deadline_seconds
        while time.monotonic() < deadline:
            if self.process.poll() is not None:
                raise RuntimeError(f"gunicorn exited: {self.log()}")
            try:
                if get(self.url + ready_path, timeout=5)[0] == 200:
                    return self
            except OSError:
                pass
            time.sleep(0.1)  # polling a starting server; not waiting on a clock
        raise RuntimeError(f"gunicorn did not answer within {deadline_seconds} s: {self.log()}")
