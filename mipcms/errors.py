"""Error pages: a database outage answers 503 "back shortly" (JSON on the API), not 500.

Django turns an exception raised anywhere in a request (a view, a middleware, a template)
into the response of `handler500`, while the exception is still being handled. This
handler looks at that exception: if the database could not be reached or dropped the
connection, the visitor gets a 503 with Retry-After, rendered without touching the
database (no request context, so no context processors); anything else gets the usual 500.
An outage is logged as one warning line per request rather than a traceback each (Sentry
still receives the exception, through Django's got_request_exception signal).
"""

import logging
import sys

from django.db import InterfaceError, OperationalError
from django.http import HttpResponse, JsonResponse
from django.template import loader
from django.utils.cache import patch_cache_control
from django.views import defaults

logger = logging.getLogger(__name__)

# Seconds a client is asked to wait before trying again while the database is away.
RETRY_AFTER_SECONDS = 10
API_MESSAGE = (
    "The service is briefly unavailable: the database cannot be reached. "
    f"Try again in {RETRY_AFTER_SECONDS} seconds."
)


def is_database_unavailable(error):
    """Whether an exception means the database is away (refused, dropped, timed out)."""
    return isinstance(error, OperationalError | InterfaceError)


def service_unavailable(request, error=None):
    """The 503 answer while the database is away: JSON for /api/, plain HTML elsewhere."""
    logger.warning(
        "Database unavailable, %s %s answered 503: %s",
        request.method,
        request.path,
        " ".join(str(error).split()),
    )
    if request.path.startswith("/api/"):
        response = JsonResponse({"message": API_MESSAGE}, status=503)
    else:
        response = HttpResponse(loader.render_to_string("503.html"), status=503)
    response["Retry-After"] = str(RETRY_AFTER_SECONDS)
    # Never stored by a CDN or browser: the next try must reach the site.
    patch_cache_control(response, no_store=True)
    # Logged above in one line: tells Django's request logging not to add a traceback.
    response._has_been_logged = True
    return response


def server_error(request):
    """handler500: 503 while the database is away, Django's plain 500 page otherwise."""
    error = sys.exc_info()[1]
    if is_database_unavailable(error):
        return service_unavailable(request, error)
    return defaults.server_error(request)
