"""Wagtail 8's v3 API as we serve it: its router, our privacy rule, errors that say what is wrong.

The checks every request passes before Wagtail's views are in v3_requests.py.
"""

from ninja.errors import AuthenticationError
from wagtail.api.v3 import querysets as v3_querysets
from wagtail.api.v3.errors import problem_response
from wagtail.api.v3.urls import api as v3_api

from home.privacy import public_pages

# Wagtail's own rule for anonymous v3 reads: live, no view restriction the request passes.
wagtail_public_pages = v3_querysets.get_public_pages_queryset


def public_pages_for(request, model):
    """What an anonymous v3 client may read: Wagtail's rule and ours (`home.privacy`).

    Wagtail's rule checks `live` only, so an expired page stays readable until the scheduler
    unpublishes it; `public_pages` also drops pages whose expiry has passed, as v2, the site,
    feeds and search do. The search backends take plain field filters only, so the rule
    reaches them as a list of ids (as in v2's search).
    """
    public = public_pages(wagtail_public_pages(request, model))
    return model._default_manager.filter(pk__in=public.values("pk"))


def use_site_privacy_rule():
    """Make v3's anonymous reads use `public_pages_for` (called once, from AppConfig.ready).

    Wagtail 8.0.1 offers no hook for v3's public queryset: every read endpoint (list, detail,
    find, the `child_of`-style filters) calls `get_pages_queryset`, which looks up
    `get_public_pages_queryset` in wagtail.api.v3.querysets. Replacing that one name keeps
    Wagtail's endpoints whole; tests/api/test_privacy.py fails if an upgrade bypasses it.
    """
    v3_querysets.get_public_pages_queryset = public_pages_for


def raised_in(exc, module_name):
    """Whether the exception was raised (at any depth) by code of this module."""
    frame = exc.__traceback__
    while frame is not None:
        if frame.tb_frame.f_globals.get("__name__") == module_name:
            return True
        frame = frame.tb_next
    return False


def malformed_body(request, exc):
    """A 422 for a write whose body Wagtail 8.0.1 cannot take apart (not a 500).

    Wagtail's v3 form builder (wagtail/api/v3/form_data.py) assumes every StreamField item
    is an object with "type" and "value": `[{"type": "paragraph"}]` raises a KeyError there
    before any validation runs. Only errors raised inside that module are answered here; any
    other KeyError or TypeError is a real server error and stays a 500.
    """
    if not raised_in(exc, "wagtail.api.v3.form_data"):
        raise exc
    detail = "Malformed request body: every StreamField item needs a 'type' and a 'value'."
    return problem_response(status=422, detail=detail)


for error_class in (KeyError, TypeError, AttributeError):
    v3_api.add_exception_handler(error_class, malformed_body)

__all__ = ["v3_api"]


def authentication_required(request, exc):
    """A 401 that says what is missing (Django Ninja's says only "Unauthorized")."""
    detail = "Authentication required: send a valid API token as 'Authorization: Bearer <token>'."
    return problem_response(status=401, detail=detail)


v3_api.add_exception_handler(AuthenticationError, authentication_required)
