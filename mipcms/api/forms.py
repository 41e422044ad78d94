"""The JSON form submission endpoint: other sites send what visitors type into a form page.

`POST /api/v2/forms/<page id>/submissions/` with a JSON object of field names and values
(docs/api.md). It validates with the page's own form class, exactly as the HTML form does,
stores and e-mails through the page's `accept()`, and answers 201, 400 with per-field
messages, 404 (no live, public form page), 405, 409 (the form is closed), 413, 415 or 429.
Cookies never reach it (mipcms/api/middleware.py), so it is csrf_exempt: nothing it does
depends on who is signed in. Cross-origin requests are allowed for FORMS_CORS_ALLOWED_ORIGINS
only, answered here (corsheaders serves the read API, for every origin, with GET only).
"""

import json

from django.conf import settings
from django.contrib.auth.models import AnonymousUser
from django.core.exceptions import RequestDataTooBig
from django.http import JsonResponse, QueryDict
from django.utils.cache import patch_vary_headers
from django.views.decorators.csrf import csrf_exempt
from wagtail.models import Page

from home.form_limits import seconds_to_wait
from home.models import AbstractFormPage, FormClosed
from home.models.forms import TOO_MANY
from home.privacy import public_pages

from .checks import MAX_ID

# Far more than any form's answers: a larger body is refused before it is read.
MAX_BODY_BYTES = 64 * 1024
# How long a browser may keep a preflight's answer.
PREFLIGHT_MAX_AGE = 86400
NOT_A_VALUE = "Give text, a number, true, false or null, or a list of those."
NOT_TEXT = "This is not valid text."


def errors(status, message, field_errors=None):
    """A JSON error: a message, and messages per field ("__all__" for the whole form)."""
    return JsonResponse(
        {"message": message, "errors": field_errors or {"__all__": [message]}}, status=status
    )


def form_page(page_id):
    """The live, public form page with this id, or None."""
    if page_id > MAX_ID:
        return None
    page = public_pages(Page.objects.filter(pk=page_id)).specific().first()
    return page if isinstance(page, AbstractFormPage) else None


def as_text(value):
    """A JSON scalar as the text a browser would send for it; None when it has none."""
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, int | float):
        return str(value)
    if isinstance(value, str):
        value.encode("utf-8")  # UnicodeEncodeError for lone surrogates, which no browser sends
        return value
    raise TypeError(type(value).__name__)


def form_input(data):
    """A JSON object as the form data a browser would post, and errors for unusable values.

    A list gives a field several values (checkboxes, multiple select); null leaves it out.
    """
    query, field_errors = QueryDict(mutable=True), {}
    for name, value in data.items():
        values = value if isinstance(value, list) else [value]
        try:
            texts = [as_text(item) for item in values if item is not None]
        except TypeError:
            field_errors[name] = [NOT_A_VALUE]
        except UnicodeEncodeError:
            field_errors[name] = [NOT_TEXT]
        else:
            query.setlist(name, texts)
    return query, field_errors


def read_object(request):
    """The request's JSON object, or an error response saying what is wrong with the body."""
    content_type = request.content_type or ""
    if content_type.lower() != "application/json":
        return errors(415, "Send the submission as JSON (Content-Type: application/json).")
    try:
        length = int(request.META.get("CONTENT_LENGTH") or 0)
    except ValueError:
        length = 0
    if length > MAX_BODY_BYTES:
        return errors(413, f"The submission is larger than {MAX_BODY_BYTES} bytes.")
    try:
        data = json.loads(request.body)
    except RequestDataTooBig:
        return errors(413, f"The submission is larger than {MAX_BODY_BYTES} bytes.")
    except (ValueError, RecursionError):  # not JSON, not UTF-8, numbers too long, too deep
        return errors(400, "The body is not valid JSON.")
    if not isinstance(data, dict):
        return errors(400, "The body must be a JSON object of field names and values.")
    return data


def submit(request, page):
    """Validate and accept one JSON submission to a form page."""
    if wait := seconds_to_wait(request):
        response = errors(429, TOO_MANY.format(seconds=wait))
        response["Retry-After"] = str(wait)
        return response
    data = read_object(request)
    if isinstance(data, JsonResponse):
        return data
    if closed := page.closed_message():
        return errors(409, closed)
    form_data, field_errors = form_input(data)
    if field_errors:
        return errors(400, "Some answers are not valid.", field_errors)
    form = page.get_form(form_data, page=page, user=AnonymousUser())
    if not form.is_valid():
        messages = {name: list(items) for name, items in form.errors.items()}
        return errors(400, "Some answers are not valid.", messages)
    try:
        page.accept(form)
    except FormClosed as closed:
        return errors(409, str(closed))
    return JsonResponse({"message": "Thank you: the submission was received."}, status=201)


def allowed_origin(request):
    """The request's Origin when it is one of FORMS_CORS_ALLOWED_ORIGINS, else None."""
    origin = request.headers.get("Origin", "").rstrip("/")
    allowed = {item.rstrip("/") for item in settings.FORMS_CORS_ALLOWED_ORIGINS}
    return origin if origin and origin in allowed else None


def with_cors(request, response, preflight=False):
    """The response, with the CORS headers an allowed origin needs to send and read it."""
    patch_vary_headers(response, ["Origin"])
    origin = allowed_origin(request)
    if origin is None:
        return response
    response["Access-Control-Allow-Origin"] = origin
    if preflight:
        response["Access-Control-Allow-Methods"] = "POST, OPTIONS"
        response["Access-Control-Allow-Headers"] = "Content-Type"
        response["Access-Control-Max-Age"] = str(PREFLIGHT_MAX_AGE)
    else:
        response["Access-Control-Expose-Headers"] = "Retry-After"
    return response


@csrf_exempt
def form_submissions(request, page_id):
    """POST a JSON submission to a form page; OPTIONS answers a browser's CORS preflight."""
    if request.method == "OPTIONS":
        response = JsonResponse({}, status=200)
        response["Allow"] = "POST, OPTIONS"
        return with_cors(request, response, preflight=True)
    if request.method != "POST":
        response = errors(405, "Send submissions with POST.")
        response["Allow"] = "POST, OPTIONS"
        return with_cors(request, response)
    page = form_page(page_id)
    if page is None:
        return with_cors(request, errors(404, "not found"))
    return with_cors(request, submit(request, page))
