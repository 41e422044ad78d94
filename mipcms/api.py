"""The content API's wiring: the v2 router, the v3 API, and the middleware both share.

v2 (/api/v2/) is the public read API; v3 (/api/v3/) is Wagtail 8's token-authenticated read
and write API. See docs/api.md and docs/decisions/0004-two-api-versions.md.
"""

from django.conf import settings
from django.utils.cache import get_conditional_response, patch_cache_control, set_response_etag
from wagtail.api.v2.router import WagtailAPIRouter
from wagtail.api.v3.urls import api as v3_api

from home.api.views import DocumentsEndpoint, ImagesEndpoint, PagesEndpoint
from home.richtext import api_rich_text

v2_router = WagtailAPIRouter("wagtailapi")
v2_router.register_endpoint("pages", PagesEndpoint)
v2_router.register_endpoint("images", ImagesEndpoint)
v2_router.register_endpoint("documents", DocumentsEndpoint)

__all__ = ["APIMiddleware", "v2_router", "v3_api"]


class APIMiddleware:
    """For /api/ requests: absolute links in rich text, CDN caching headers, 304 responses.

    A public (v2, or v3 without a token) GET may be cached by browsers and CDNs for
    API_CACHE_MAX_AGE seconds; one made with a token is private. Every successful GET carries
    an ETag of its body, so a client repeating a request with If-None-Match gets a 304 while
    the content is unchanged.
    """

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        if not request.path.startswith("/api/"):
            return self.get_response(request)
        with api_rich_text():
            response = self.get_response(request)
        if request.method not in {"GET", "HEAD"} or response.status_code != 200:
            patch_cache_control(response, no_store=True)
            return response
        if "HTTP_AUTHORIZATION" in request.META:
            patch_cache_control(response, private=True, no_cache=True)
        else:
            patch_cache_control(response, public=True, max_age=settings.API_CACHE_MAX_AGE)
        if not response.streaming:
            set_response_etag(response)
        return get_conditional_response(request, etag=response.get("ETag"), response=response)
