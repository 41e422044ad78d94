"""Request logging: one line per request, a request id on every line, JSON in production.

`RequestLogMiddleware` (first in MIDDLEWARE) takes the request id from `X-Request-ID`
(set by the proxy or load balancer) or makes one, echoes it in the response, and logs
method, path, status, duration and the signed-in user's id once the response is ready.
`RequestIdFilter` adds the id to every other log line written during that request, so
an application warning can be traced to the request that caused it.
`logging_settings()` builds the LOGGING setting: JSON lines (LOG_FORMAT=json, the
production default) or plain text.
"""

import contextvars
import logging
import re
import time
import uuid

from django.utils.functional import LazyObject
from pythonjsonlogger.core import RESERVED_ATTRS

logger = logging.getLogger("mipcms.request")

request_id_var = contextvars.ContextVar("request_id", default=None)

# A request id we accept from the outside: short, and nothing a log reader could trip on.
VALID_REQUEST_ID = re.compile(r"^[A-Za-z0-9._:-]{1,128}$")

# Record attributes never written as JSON fields: Django's `request` object would print
# the query string (preview tokens travel there), and runserver's own timestamp repeats ours.
EXCLUDED_FIELDS = ("request", "server_time", "color_message")


# One JSON object per line: timestamp, level, logger, message, and the record's extra
# fields (request_id, and on request lines method, path, status, duration_ms, user_id).
JSON_FORMATTER = {
    "()": "pythonjsonlogger.json.JsonFormatter",
    "fmt": "%(levelname)s %(name)s %(message)s",
    "rename_fields": {"levelname": "level", "name": "logger"},
    "timestamp": True,
    "reserved_attrs": [*RESERVED_ATTRS, *EXCLUDED_FIELDS],
}


def logging_settings(log_format="text", level="INFO", wagtail_level="WARNING", stream=None):
    """The LOGGING setting: everything to one console handler, as JSON lines or text."""
    formatters = {
        "text": {"format": "%(levelname)s %(name)s [%(request_id)s] %(message)s"},
        "json": JSON_FORMATTER,
    }
    if log_format not in formatters:
        raise ValueError(f"LOG_FORMAT must be one of {', '.join(formatters)}, not {log_format!r}")
    handler = {
        "class": "logging.StreamHandler",
        "formatter": log_format,
        "filters": ["request_id"],
    }
    if stream:
        handler["stream"] = stream
    return {
        "version": 1,
        "disable_existing_loggers": False,
        "filters": {"request_id": {"()": "mipcms.request_log.RequestIdFilter"}},
        "formatters": {log_format: formatters[log_format]},
        "handlers": {"console": handler},
        "root": {"handlers": ["console"], "level": level},
        "loggers": {
            "django.request": {"handlers": ["console"], "level": "WARNING", "propagate": False},
            # Background task bookkeeping (search index, reference index) is noise at INFO.
            "django_tasks": {"level": "WARNING"},
            "wagtail": {"level": wagtail_level},
        },
    }


class RequestIdFilter(logging.Filter):
    """Adds `request_id` (None outside a request) to every record the handler writes."""

    def filter(self, record):
        if getattr(record, "request_id", None) is None:
            record.request_id = request_id_var.get()
        return True


def signed_in_user_id(request):
    """The signed-in user's id, if the request has looked its user up; never a new query.

    AuthenticationMiddleware loads the user lazily and keeps it in `_cached_user` once
    something asked for it; the token-authenticated API (DRF) sets `request.user` directly.
    A user nobody asked for is not looked up here: that would cost a query on every
    request, and fail while the database is away.
    """
    user = request.__dict__.get("_cached_user")
    if user is None:
        user = request.__dict__.get("user")
        if user is None or isinstance(user, LazyObject):
            return None
    return user.pk if getattr(user, "is_authenticated", False) else None


def request_id_for(request):
    """The id a proxy gave this request in `X-Request-ID`, or a new one."""
    given = request.headers.get("X-Request-ID", "")
    return given if VALID_REQUEST_ID.match(given) else uuid.uuid4().hex


class RequestLogMiddleware:
    """Logs one line per request and echoes its request id in `X-Request-ID`."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        request.request_id = request_id_for(request)
        token = request_id_var.set(request.request_id)
        started = time.perf_counter()
        try:
            response = self.get_response(request)
            duration_ms = round((time.perf_counter() - started) * 1000, 1)
            response["X-Request-ID"] = request.request_id
            # The path without its query string: preview tokens travel in query strings.
            logger.info(
                "%s %s %s %.1f ms",
                request.method,
                request.path,
                response.status_code,
                duration_ms,
                extra={
                    "method": request.method,
                    "path": request.path,
                    "status": response.status_code,
                    "duration_ms": duration_ms,
                    "user_id": signed_in_user_id(request),
                },
            )
            return response
        finally:
            request_id_var.reset(token)
