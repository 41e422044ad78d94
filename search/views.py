"""The site search page."""

from django.core.paginator import Paginator
from django.template.response import TemplateResponse
from wagtail.models import Page

MAX_QUERY_LENGTH = 200


def search(request):
    """Search live, public pages; any query string gets a page, never an error."""
    query = " ".join(request.GET.get("q", "").split())[:MAX_QUERY_LENGTH]
    query = "".join(ch for ch in query if ch.isprintable())
    results = Page.objects.none()
    if query:
        results = Page.objects.live().public().specific().search(query)
    page_obj = Paginator(results, 10).get_page(request.GET.get("page"))
    return TemplateResponse(
        request, "search/search.html", {"search_query": query, "page_obj": page_obj}
    )
