"""What every /api/ request shares: no cookies, CDN caching headers and 304 responses."""

import hashlib

from django.conf import settings
from django.core.cache import cache
from django.http import HttpResponse, JsonResponse
from django.utils.cache import (
    get_conditional_response,
    patch_cache_control,
    patch_vary_headers,
    set_response_etag,
)

from home import site_version

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
    A public GET's ETag is made of the site version and the address, so a client repeating a
    request with If-None-Match gets its 304 before the view runs, while nothing changed; an
    answer made with a token carries an ETag of its body. A public answer is kept for the
    next request of the same address at the same site version (API_ITEM_CACHE_SECONDS).
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
        public_read = not has_token and request.method in {"GET", "HEAD"}
        stored = read_stored_answer(request) if public_read else None
        etag = version_etag(request) if not has_token else None
        if etag and request.method in {"GET", "HEAD"}:
            # The answer to the same address at the same site version is the same: a client
            # that holds it gets its 304 before anything is queried or serialized.
            held = get_conditional_response(request, etag=etag)
            if held is not None:
                held["ETag"] = etag
                patch_cache_control(held, public=True, max_age=settings.API_CACHE_MAX_AGE)
                return held
        if stored is not None:
            response = HttpResponse(stored["content"], content_type=stored["content_type"])
            response["Vary"] = stored["vary"]
            response["X-API-Cache"] = "hit"
        else:
            if public_read:
                site_version.prime(request)  # site and settings: once per site version
            response = self.get_response(request)
            store_answer(request, response)
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
        if etag:
            response["ETag"] = etag
        elif not response.streaming:
            set_response_etag(response)
        return get_conditional_response(request, etag=response.get("ETag"), response=response)


def answer_key(request):
    """Where a public answer to this address is kept (None: not kept)."""
    if not settings.API_ITEM_CACHE_SECONDS or request.path.startswith(PREVIEW_PATH):
        return None
    return site_version.address_key("api-answer", request)


def read_stored_answer(request):
    """The answer kept for this address at the current site version, or None.

    Read in the same round trip as the site version (home/site_version.py): a public answer
    depends on nothing but its address and the content, so it is never stale.
    """
    key = answer_key(request)
    if key is None:
        return None
    return site_version.current_entry(request, key)[1]


def store_answer(request, response):
    """Keep a successful public answer for the next request of the same address."""
    key = answer_key(request)
    version = getattr(request, "_site_version", None)
    if (
        key is None
        or version is None
        or request.method != "GET"
        or "HTTP_AUTHORIZATION" in request.META
        or response.status_code != 200
        or response.streaming
    ):
        return
    stored = {
        "version": version,
        "content": response.content,
        "content_type": response["Content-Type"],
        "vary": response.get("Vary", ""),
    }
    cache.set(key, stored, timeout=settings.API_ITEM_CACHE_SECONDS)


def version_etag(request):
    """An ETag for a public answer: the site version and the full address (None: unknown)."""
    if request.path.startswith(PREVIEW_PATH):
        return None
    version = site_version.for_request(request)
    if version is None:
        return None
    address = f"{request.get_host()}{request.get_full_path()}"
    digest = hashlib.blake2b(f"{version} {address}".encode(), digest_size=12).hexdigest()
    return f'W/"{digest}"'
