"""What every /api/ request shares: no cookies, CDN caching headers and 304 responses."""

from django.conf import settings
from django.http import JsonResponse
from django.utils.cache import (
    get_conditional_response,
    patch_cache_control,
    patch_vary_headers,
    set_response_etag,
)

# Drafts shown through a preview token (docs/api.md): never stored by a browser or CDN.
PREVIEW_PATH = "/api/v2/preview/"

# Rich text formats an anonymous client may ask for. The stored formats (db_html,
# db_markdown) name the ids of linked pages, and Wagtail's markdown resolves links to
# pages visitors may not see; only `html` goes through our link handlers (home/richtext.py).
PUBLIC_RICH_TEXT_FORMATS = {"html"}


class APIMiddleware:
    """For /api/ requests: no cookies, CDN caching headers and 304 responses.

    The API ignores cookies, so being logged in to the admin or having typed a page's
    password never changes what it shows, and public responses can be shared by a CDN. A
    public (v2, or v3 without a token) GET may be cached for API_CACHE_MAX_AGE seconds; one
    made with a token is private, and a draft from the preview endpoint is never stored.
    Every other successful GET carries an ETag of its body, so a client repeating a request
    with If-None-Match gets a 304 while the content is unchanged.
    Sits before the session middleware (see MIDDLEWARE in settings).
    """

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        if not request.path.startswith("/api/"):
            return self.get_response(request)
        request.COOKIES = {}
        has_token = "HTTP_AUTHORIZATION" in request.META
        rich_text_format = request.GET.get("rich_text_format")
        if not has_token and rich_text_format not in {None, *PUBLIC_RICH_TEXT_FORMATS}:
            return JsonResponse(
                {"message": "rich_text_format must be 'html' without an API token"}, status=400
            )
        response = self.get_response(request)
        if request.path.startswith("/api/v3/"):
            patch_vary_headers(response, ["Authorization"])
        if request.method not in {"GET", "HEAD"} or response.status_code != 200:
            patch_cache_control(response, no_store=True)
            return response
        if request.path.startswith(PREVIEW_PATH):
            patch_cache_control(response, private=True, no_store=True)
            return response
        if has_token:
            patch_cache_control(response, private=True, no_cache=True)
        else:
            patch_cache_control(response, public=True, max_age=settings.API_CACHE_MAX_AGE)
        if not response.streaming:
            set_response_etag(response)
        return get_conditional_response(request, etag=response.get("ETag"), response=response)
