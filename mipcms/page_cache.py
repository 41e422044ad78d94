"""The anonymous page cache: published public pages kept as visitors get them.

A page that Wagtail served to a visitor with no session (so no editor, and nobody who has
typed a page's password), that has no view restriction on it or above it, and whose answer
is a 200 that sets no cookie, is kept in the configured cache (Redis in production) with the
site version it was made at (mipcms/site_version.py). The next anonymous GET of the same
address is answered from it while the version is the same: one cache round trip reads the
version and the page together. Any change of content moves the version on, so a publish,
unpublish, move, delete, scheduled publish or expiry, or an edit of a snippet, a setting or
the navigation is shown at once, with nothing to list or purge.

Every such answer carries an ETag (the version and a digest of the body) and
`Cache-Control: public, max-age=0, s-maxage=..., stale-while-revalidate=...`: browsers ask
again each time and get a 304 while nothing changed, answered from the cache before
anything is rendered; a CDN may keep the page for PAGE_CACHE_SECONDS (Wagtail's front-end
cache purge clears it on publish). Until the next time-bound moment at most (an event ending).

The Content-Security-Policy nonce is per response, never shared: a page is stored with the
nonce it was rendered with, and every answer from the cache gets a fresh one.

Sits after the CSP middleware and before the session middleware (MIDDLEWARE in settings).
The views that are not Wagtail pages but are the same for every visitor (the sitemap,
robots.txt) opt in with `@shared_by_visitors`.
"""

import functools
import hashlib

from django.conf import settings
from django.core.cache import cache
from django.http import HttpResponse, HttpResponseNotModified
from django.utils.cache import get_conditional_response, patch_cache_control
from django.utils.http import parse_http_date_safe

from home import site_version
from home.privacy import visible_pages

# Set on the request by the page (or view) when its answer may be shared by all visitors.
SHAREABLE = "_shared_by_visitors"
# Headers set per response by middleware that runs outside this one, or never shared.
UNSTORED_HEADERS = {"content-security-policy", "set-cookie", "x-request-id"}

# Never the same for every visitor: the API (mipcms/api/middleware.py), the admin, files
# behind privacy checks, Wagtail's login and password forms, static files.
NEVER_CACHED_PATHS = ("/api/", "/admin/", "/documents/", "/_util/", "/static/", "/media/")
# Where the site and its settings are not needed, so not looked up.
UNPRIMED_PATHS = ("/api/", "/static/", "/media/", "/health/")


def shared_by_visitors(view):
    """Decorator: this view's GET answers are the same for every visitor (cache them)."""

    @functools.wraps(view)
    def wrapped(request, *args, **kwargs):
        setattr(request, SHAREABLE, True)
        return view(request, *args, **kwargs)

    return wrapped


def mark_public_page(page, request, serve_args, serve_kwargs):
    """Wagtail hook: a page visitors may see (live, unexpired, unrestricted) may be shared."""
    if visible_pages([page]):
        setattr(request, SHAREABLE, True)


def enabled():
    return settings.PAGE_CACHE_SECONDS > 0


def may_use(request):
    """Whether this request may be answered from, and stored in, the shared cache."""
    if request.method not in {"GET", "HEAD"} or not enabled():
        return False
    if settings.SESSION_COOKIE_NAME in request.COOKIES or "HTTP_AUTHORIZATION" in request.META:
        return False
    if request.path_info.startswith(NEVER_CACHED_PATHS):
        return False
    return set(request.GET) <= settings.PAGE_CACHE_QUERY_PARAMETERS


def lifetime(version):
    """How long an answer made at `version` may be kept: bounded by the next time-bound moment."""
    seconds = settings.PAGE_CACHE_SECONDS
    until_moment = site_version.seconds_to_next_moment(version)
    return seconds if until_moment is None else min(seconds, until_moment)


def mark_shareable(response, etag, seconds):
    """The headers of a page every visitor gets the same."""
    response["ETag"] = etag
    patch_cache_control(
        response,
        public=True,
        max_age=0,
        s_maxage=seconds,
        stale_while_revalidate=settings.PAGE_CACHE_STALE_WHILE_REVALIDATE_SECONDS,
    )
    return response


def not_modified(request, entry):
    """Whether the client already holds this answer (If-None-Match, or If-Modified-Since
    where the answer says when it last changed: feeds, the sitemap)."""
    modified = {name.lower(): value for name, value in entry["headers"]}.get("last-modified")
    last_modified = parse_http_date_safe(modified) if modified else None
    return (
        get_conditional_response(request, etag=entry["etag"], last_modified=last_modified)
        is not None
    )


class PageCacheMiddleware:
    """Answers anonymous GETs of public pages from the cache; stores what may be shared."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        if request.path_info.startswith(settings.PAGE_CACHE_EXCLUDED_PATHS):
            return self.get_response(request)
        if not may_use(request):
            if not request.path_info.startswith(UNPRIMED_PATHS):
                site_version.prime(request)
            return self.get_response(request)
        key = site_version.address_key("page", request)
        version, entry = site_version.current_entry(request, key)
        if version is None:  # the cache is away: serve without it
            return self.get_response(request)
        if entry is not None:
            return self.answer_from(request, entry, version)
        site_version.prime(request)
        response = self.get_response(request)
        seconds = lifetime(version)
        if seconds and self.shareable(request, response):
            entry = self.store(request, response, key, version, seconds)
            mark_shareable(response, entry["etag"], seconds)
            if not_modified(request, entry):
                return self.not_modified_response(entry, version)
        return response

    def answer_from(self, request, entry, version):
        """The stored answer, with a fresh nonce; or a 304 when the client holds it."""
        if not_modified(request, entry):
            return self.not_modified_response(entry, version)
        content = entry["content"]
        if entry["nonce"]:
            content = content.replace(entry["nonce"].encode(), str(request.csp_nonce).encode())
        response = HttpResponse(content, status=entry["status"])
        for name, value in entry["headers"]:
            response[name] = value
        response["X-Page-Cache"] = "hit"
        return mark_shareable(response, entry["etag"], lifetime(version))

    def not_modified_response(self, entry, version):
        response = HttpResponseNotModified()
        for name, value in entry["headers"]:
            if name.lower() == "last-modified":
                response[name] = value
        response["X-Page-Cache"] = "hit"
        return mark_shareable(response, entry["etag"], lifetime(version))

    def shareable(self, request, response):
        """Whether every anonymous visitor may get this very answer."""
        return (
            request.method == "GET"
            and getattr(request, SHAREABLE, False)
            and response.status_code == 200
            and not response.streaming
            and not response.cookies
            and not response.has_header("Cache-Control")
        )

    def store(self, request, response, key, version, seconds):
        """Keep the answer, with what it needs to be replayed."""
        content = response.content
        digest = hashlib.blake2b(content, digest_size=12).hexdigest()
        entry = {
            "version": version,
            "status": response.status_code,
            "headers": [
                (name, value)
                for name, value in response.items()
                if name.lower() not in UNSTORED_HEADERS
            ],
            "content": content,
            "nonce": getattr(request, "_csp_nonce", None),
            "etag": f'W/"{digest}"',
        }
        cache.set(key, entry, timeout=seconds)
        response["X-Page-Cache"] = "miss"
        return entry
