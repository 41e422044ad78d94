"""Wagtail 8's v3 API as we serve it: its router, with malformed bodies answered as 422s."""

from wagtail.api.v3.errors import problem_response
from wagtail.api.v3.urls import api as v3_api


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
