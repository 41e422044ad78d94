"""Wagtail's redirects, never to a page visitors may not see.

A redirect to a draft, a scheduled page not yet live or a private page would tell a visitor
that the page exists and where (promise 1: such pages are indistinguishable from pages that
do not exist). Those old addresses stay a 404 until the page is live and public, and then
redirect at once, with nothing to change: the imported WordPress posts' permalinks rely on it.
"""

from urllib.parse import urlparse

from django import http
from wagtail.contrib.redirects.middleware import RedirectMiddleware, get_redirect
from wagtail.contrib.redirects.models import Redirect

from home.privacy import visible_pages


def visible_redirect(request, path):
    """The redirect for this path, unless it goes to a page visitors may not see."""
    redirect = get_redirect(request, path)
    if redirect is None and urlparse(path).path != path:
        redirect = get_redirect(request, urlparse(path).path)
    if redirect is None or redirect.link is None:
        return None
    if redirect.redirect_page_id is not None and not visible_pages([redirect.redirect_page]):
        return None
    return redirect


class VisibleRedirectMiddleware(RedirectMiddleware):
    """Wagtail's redirect middleware, leaving a 404 alone when the target is not public."""

    def process_response(self, request, response):
        if response.status_code != 404:
            return response
        path = Redirect.normalise_path(request.get_full_path(), decode_unicode=False)
        redirect = visible_redirect(request, path)
        if redirect is None:
            return response
        if redirect.is_permanent:
            return http.HttpResponsePermanentRedirect(redirect.link)
        return http.HttpResponseRedirect(redirect.link)
