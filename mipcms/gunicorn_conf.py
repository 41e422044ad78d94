"""gunicorn's settings: `gunicorn --config python:mipcms.gunicorn_conf mipcms.wsgi`.

Command-line options override these (`make serve` passes --bind). Each value can be set
from the environment (docs/deployment.md).
"""

import multiprocessing
import os

from mipcms.request_log import JSON_FORMATTER

bind = os.environ.get("GUNICORN_BIND", "127.0.0.1:8000")
# gunicorn's rule of thumb for sync workers: two per core, plus one.
workers = int(os.environ.get("WEB_CONCURRENCY", multiprocessing.cpu_count() * 2 + 1))
# A request that takes longer is killed and its worker replaced.
timeout = int(os.environ.get("GUNICORN_TIMEOUT", "30"))
graceful_timeout = 30
keepalive = 5
# Workers are replaced now and then, so a slow leak never grows without bound. Not too often:
# a new worker takes a second or two to start, and pages from the cache go out at hundreds
# per second per worker (at 1,000 a worker was replaced every few seconds under load).
max_requests = int(os.environ.get("GUNICORN_MAX_REQUESTS", "20000"))
max_requests_jitter = max_requests // 10
# The proxy in front (nginx, Caddy, a load balancer) may set X-Forwarded-Proto.
forwarded_allow_ips = os.environ.get("FORWARDED_ALLOW_IPS", "127.0.0.1")
# No access log here: the application logs one line per request, with its request id,
# user and duration (mipcms/request_log.py).
accesslog = None
errorlog = "-"
loglevel = os.environ.get("GUNICORN_LOG_LEVEL", "info")

# gunicorn's own lines (start, worker restarts, timeouts) in the application's format:
# JSON lines on stdout where the settings log JSON (LOG_FORMAT, production's default).
_settings = os.environ.get("DJANGO_SETTINGS_MODULE", "mipcms.settings.production")
_default_format = "json" if _settings.endswith(".production") else "text"
if os.environ.get("LOG_FORMAT", _default_format).strip().lower() == "json":
    logconfig_dict = {
        "version": 1,
        "disable_existing_loggers": False,
        "formatters": {"json": JSON_FORMATTER},
        "handlers": {
            "json_stdout": {
                "class": "logging.StreamHandler",
                "formatter": "json",
                "stream": "ext://sys.stdout",
            }
        },
        "loggers": {
            "gunicorn.error": {"level": loglevel.upper(), "handlers": ["json_stdout"]},
        },
        "root": {"level": "INFO", "handlers": ["json_stdout"]},
    }
# gunicorn 24+ opens a control socket at one fixed path per user, which several servers on
# one host (blue/green deploys, the scale-out tests) would fight over; nothing here uses it.
control_socket_disable = True
