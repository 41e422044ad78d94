"""Every v3 request as it reaches Wagtail's API, and every answer as it leaves it.

Wagtail's v3 views are wrapped where they are mounted (`checked_urls`), so these checks run
before any of Wagtail's code and need nothing of it changed:

- a query parameter no endpoint could use (control characters, ids and offsets too large for
  the database) is a 400 naming it, as in v2 (mipcms/api/checks.py); a path id too large to
  exist is a 404; `search` reaches the search backend as its words only, as in v2 and on the
  site (home.text.search_terms), so no query syntax or length can break it;
- a request body that is not a JSON object, or that holds text no database can store, is a
  422 naming the problem; so is a key a page action does not take (Wagtail ignores it, so a
  misspelled `keep_live` used to copy a page as live);
- a copy is a draft unless the body asks for `"keep_live": true`;
- StreamField content may be written in the shape v3 reads it (v3_stream_input.py);
- an answer outside the API's problem documents (Django Ninja's plain-text 405) becomes one.

A body is looked at only for a request whose token is valid: without one, the request goes
straight to Wagtail's view, whose 401 comes first, as it does for every write.
"""

import json
import re
from functools import wraps

from django.contrib.contenttypes.models import ContentType
from django.urls import URLPattern, URLResolver
from wagtail.api.v2.utils import BadRequestError
from wagtail.api.v3.auth import BearerTokenAuth
from wagtail.api.v3.errors import PROBLEM_JSON, problem_response
from wagtail.api.v3.routers.pages import (
    PageCopyForTranslationSchema,
    PageCopySchema,
    PageCreateAliasSchema,
    PageMoveSchema,
    PageRevertSchema,
    PageUnpublishSchema,
)
from wagtail.models import Page, get_page_models

from home.text import search_terms

from .checks import MAX_ID, check_query_string, is_number
from .v3_stream_input import writable_body

# The keys each page action's body may have (those that take none: no key at all).
ACTION_KEYS = {
    "publish": set(),
    "unpublish": set(PageUnpublishSchema.model_fields),
    "copy": set(PageCopySchema.model_fields),
    "move": set(PageMoveSchema.model_fields),
    "revert": set(PageRevertSchema.model_fields),
    "convert_alias": set(),
    "create_alias": set(PageCreateAliasSchema.model_fields),
    "copy_for_translation": set(PageCopyForTranslationSchema.model_fields),
    "delete": set(),
}
# What an action does unless the body says otherwise, where Wagtail's default is not ours.
ACTION_DEFAULTS = {"copy": {"keep_live": False}}
ACTION_PATH = re.compile(r"/pages/(?P<page_id>\d+)/actions/(?P<action>\w+)/\Z")
# Actions that put the new page beside the original unless given a destination.
PLACED_BESIDE = {"copy", "create_alias"}
PAGE_WRITE_PATH = re.compile(r"/api/v3/pages/(?:(?P<id>\d+)/)?\Z")
PAGE_MODELS = {model._meta.label: model for model in get_page_models()}
WRITE_METHODS = {"POST", "PUT", "PATCH", "DELETE"}


class Refused(Exception):
    """The request cannot be answered as asked; `status` and `detail` say why."""

    def __init__(self, status, detail):
        super().__init__(detail)
        self.status = status
        self.detail = detail


def storable(value):
    """Whether every text in this JSON value can be stored (no NUL, no lone surrogate)."""
    stack = [value]
    while stack:
        item = stack.pop()
        if isinstance(item, dict):
            stack.extend(item.keys())
            stack.extend(item.values())
        elif isinstance(item, list):
            stack.extend(item)
        elif isinstance(item, str):
            if "\x00" in item:
                return False
            try:
                item.encode()
            except UnicodeEncodeError:
                return False
    return True


def checked_query(request, path_values):
    """Raise Refused for a query parameter or path id no endpoint could use.

    Rewrites `search` to its words (the search backends' syntax is not part of the API).
    """
    try:
        check_query_string(request.GET)
    except BadRequestError as error:
        raise Refused(400, str(error)) from error
    if "pk" in request.GET:
        # Wagtail lists `pk` among the page fields to filter by, then fails to find it.
        raise Refused(400, "'pk' is not a filter: to read one page, use /api/v3/pages/<id>/")
    site = request.GET.get("site", "")
    port = site.partition(":")[2]
    if ":" in site and not (is_number(port) and int(port) <= MAX_ID):
        raise Refused(400, f"'site' must be a host name, or a host name:port, got {site!r}")
    for name, value in path_values.items():
        # Django Ninja's routes take ids as text; Wagtail looks some up before checking them.
        if name.endswith("_id") and not (is_number(value) and 0 < int(value) <= MAX_ID):
            raise Refused(404, f"Nothing matches the given {name}: {value!r} is not an id.")
    if "search" in request.GET:
        query = request.GET.copy()
        query["search"] = search_terms(query["search"])
        request.GET = query


def checked_body(request):
    """The request's JSON body as the view should see it; raises Refused for a bad one.

    A body that is not JSON at all is left to Wagtail ("Cannot parse request body").
    """
    if request.method not in WRITE_METHODS:
        return
    try:
        data = json.loads(request.body) if request.body else None
    except RecursionError as error:
        raise Refused(422, "The request body is nested too deeply.") from error
    except ValueError:
        return
    if data is not None and not isinstance(data, dict):
        kind = {list: "an array", str: "a string"}.get(type(data), "a single value")
        raise Refused(422, f"The request body must be a JSON object, not {kind}.")
    if not storable(data):
        detail = "Text in the request body may not contain NUL characters or lone surrogates."
        raise Refused(422, detail)
    match = ACTION_PATH.search(request.path_info)
    if request.method == "POST" and match and match["action"] in ACTION_KEYS:
        action = match["action"]
        allowed = ACTION_KEYS[action]
        unknown = sorted(set(data or {}) - allowed)
        if unknown:
            names = ", ".join(repr(key) for key in unknown)
            expected = ", ".join(repr(key) for key in sorted(allowed)) or "no keys"
            raise Refused(
                422, f"The {action!r} action does not take {names} (it takes {expected})."
            )
        if action in PLACED_BESIDE and not (data or {}).get("destination_id"):
            depth = Page.objects.filter(pk=match["page_id"]).values_list("depth", flat=True)
            if depth.first() == 1:  # Wagtail looks for its parent and fails
                raise Refused(
                    422, f"The root of the page tree has no parent: give the {action!r} "
                    "action a 'destination_id'."
                )  # fmt: skip
        if action in ACTION_DEFAULTS:
            rewrite_body(request, {**ACTION_DEFAULTS[action], **(data or {})})
    model = written_page_model(request, data)
    if model is not None:
        rewrite_body(request, writable_body(request, model, data))


def written_page_model(request, data):
    """The page type a create (POST pages/) or update (PATCH pages/<id>/) writes, if known."""
    match = PAGE_WRITE_PATH.search(request.path_info)
    if not data or not match or request.method != ("PATCH" if match["id"] else "POST"):
        return None
    if match["id"]:
        content_type = Page.objects.filter(pk=match["id"]).values_list("content_type", flat=True)
        content_type = content_type.first()
        return content_type and ContentType.objects.get_for_id(content_type).model_class()
    meta = data.get("meta")
    label = meta.get("type") if isinstance(meta, dict) else None
    return PAGE_MODELS.get(label) if isinstance(label, str) else None


def rewrite_body(request, data):
    """Give the view this JSON body instead of the one sent."""
    request._body = json.dumps(data).encode()
    request.META["CONTENT_TYPE"] = "application/json"


def as_problem(request, response):
    """The response, or a problem document saying the same where it was plain text."""
    if response.status_code == 405 and response.get("Content-Type") != PROBLEM_JSON:
        allowed = response["Allow"]
        detail = f"Method {request.method} is not allowed here; allowed: {allowed}."
        response = problem_response(status=405, detail=detail)
        response["Allow"] = allowed
    return response


def has_valid_token(request):
    return BearerTokenAuth()(request) is not None


def checked(view):
    """The v3 view with our checks around it."""

    @wraps(view)
    def checked_view(request, *args, **kwargs):
        try:
            checked_query(request, kwargs)
        except Refused as refusal:
            return problem_response(status=refusal.status, detail=refusal.detail)
        if request.method in WRITE_METHODS and not has_valid_token(request):
            # Wagtail answers 401; nothing reads the body (or the database for it) first.
            return as_problem(request, view(request, *args, **kwargs))
        try:
            checked_body(request)
        except Refused as refusal:
            return problem_response(status=refusal.status, detail=refusal.detail)
        return as_problem(request, view(request, *args, **kwargs))

    return checked_view


def checked_urls(urls):
    """Django Ninja's `api.urls` (patterns, app name, namespace), every view checked."""
    patterns, app_name, namespace = urls
    return [checked_pattern(pattern) for pattern in patterns], app_name, namespace


def checked_pattern(pattern):
    if isinstance(pattern, URLResolver):
        return URLResolver(
            pattern.pattern,
            [checked_pattern(child) for child in pattern.url_patterns],
            pattern.default_kwargs,
            pattern.app_name,
            pattern.namespace,
        )
    return URLPattern(
        pattern.pattern, checked(pattern.callback), pattern.default_args, pattern.name
    )
