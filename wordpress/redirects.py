"""Old WordPress addresses kept working: redirects from permalinks and from ?p=ID.

A permalink (/2024/03/lead-pipes/) is a path Wagtail does not serve, so Wagtail's redirect
middleware answers it. `/?p=ID` and `/?page_id=ID` are the home page's address with a
query string: the home page answers those, so `serve_old_query_address` (a before_serve_page
hook) looks the redirect up first, in the same table and in the same way as the middleware
(mipcms/redirects.py: never to a page visitors may not see).
"""

from urllib.parse import urlparse

from django.http import HttpResponsePermanentRedirect
from wagtail.contrib.redirects.models import Redirect

from mipcms.redirects import visible_redirect

# The query parameters by which WordPress finds a post or page whatever its permalink.
ID_PARAMETERS = ("p", "page_id")
MAX_PATH = Redirect._meta.get_field("old_path").max_length


def old_paths(item):
    """The addresses a post or page had on WordPress: its permalink and its ?p= / ?page_id=."""
    parameter = "page_id" if item.post_type == "page" else "p"
    paths = [f"/?{parameter}={item.wp_id}"]
    permalink = urlparse(item.link or "")
    if permalink.path.strip("/") and not permalink.query:
        paths.insert(0, permalink.path)
    return [Redirect.normalise_path(path) for path in paths]


def keep_address(old_path, page):
    """Make (or keep) the redirect from `old_path` to `page`: "created", "unchanged", "same"
    (the page has that address already) or a reason it was skipped."""
    if len(old_path) > MAX_PATH:
        return f"address longer than {MAX_PATH} characters: {old_path[:80]}..."
    parts = page.get_url_parts()
    if parts and Redirect.normalise_path(parts[2]) == old_path:
        return "same"
    existing = Redirect.objects.filter(old_path=old_path, site__isnull=True).first()
    if existing is not None:
        if existing.redirect_page_id == page.pk:
            return "unchanged"
        return f"a redirect from {old_path} already goes elsewhere"
    Redirect.add_redirect(old_path, redirect_to=page, is_permanent=True)
    return "created"


def serve_old_query_address(page, request, serve_args, serve_kwargs):
    """Wagtail hook: the home page asked for with ?p=ID or ?page_id=ID redirects to the
    page imported from that post, if visitors may see it."""
    if not any(name in request.GET for name in ID_PARAMETERS) or page.depth > 2:
        return None
    query = "&".join(f"{name}={request.GET[name]}" for name in ID_PARAMETERS if name in request.GET)
    redirect = visible_redirect(request, Redirect.normalise_path(f"{request.path}?{query}"))
    if redirect is None or redirect.redirect_page_id is None:
        return None
    return HttpResponsePermanentRedirect(redirect.link)
