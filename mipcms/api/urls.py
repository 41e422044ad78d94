"""Where the content API is mounted: the v2 router, the v3 API and a JSON 404 for the rest.

v2 (/api/v2/) is the public read API; v3 (/api/v3/) is Wagtail 8's token-authenticated read
and write API. See docs/api.md and docs/decisions/0004-two-api-versions.md.
"""

from django.http import JsonResponse
from django.urls import path, re_path
from wagtail.api.v2.router import WagtailAPIRouter

from .endpoints import DocumentsEndpoint, ImagesEndpoint, PagesEndpoint, RedirectsEndpoint
from .forms import form_submissions
from .member_cities import MemberCitiesEndpoint
from .preview import PreviewEndpoint
from .v3 import use_library_privacy_rule, v3_api
from .v3_requests import checked_urls

v2_router = WagtailAPIRouter("wagtailapi")
v2_router.register_endpoint("pages", PagesEndpoint)
v2_router.register_endpoint("images", ImagesEndpoint)
v2_router.register_endpoint("documents", DocumentsEndpoint)
v2_router.register_endpoint("redirects", RedirectsEndpoint)
v2_router.register_endpoint("preview", PreviewEndpoint)
v2_router.register_endpoint("member-cities", MemberCitiesEndpoint)


def api_not_found(request, path=""):
    """A JSON 404 for an address under /api/ that no endpoint answers."""
    return JsonResponse({"message": "not found"}, status=404)


# v3's image and document routers exist only now that every app is ready (see the function).
use_library_privacy_rule()

urlpatterns = [
    path("v2/forms/<int:page_id>/submissions/", form_submissions, name="form_submissions"),
    path("v2/", v2_router.urls),
    path("v3/", checked_urls(v3_api.urls)),
    # Any characters, line breaks (%0A) included: `.` alone stops at one, and the address
    # would fall through to the site's HTML 404.
    re_path(r"^(?P<path>(?s:.*)/)$", api_not_found),
]
