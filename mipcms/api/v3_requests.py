"""Every v3 request as it reaches Wagtail's API, and every answer as it leaves it.

Wagtail's v3 views are wrapped where they are mounted (`checked_urls`), so the checks run
before any of Wagtail's code and need nothing of it changed: an answer outside the API's
problem documents (Django Ninja's plain-text 405) becomes one.
"""

from functools import wraps

from django.urls import URLPattern, URLResolver
from wagtail.api.v3.errors import PROBLEM_JSON, problem_response


def as_problem(request, response):
    """The response, or a problem document saying the same where it was plain text."""
    if response.status_code == 405 and response.get("Content-Type") != PROBLEM_JSON:
        allowed = response["Allow"]
        detail = f"Method {request.method} is not allowed here; allowed: {allowed}."
        response = problem_response(status=405, detail=detail)
        response["Allow"] = allowed
    return response


def checked(view):
    """The v3 view with our checks around it."""

    @wraps(view)
    def checked_view(request, *args, **kwargs):
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
