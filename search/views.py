"""The site search page."""

from django.core.paginator import Paginator
from django.template.response import TemplateResponse
from wagtail.models import Page

from .query import clean_query, search_terms


def search(request):
    """Search live, public pages; any query string gets a page, never an error."""
    query = clean_query(request.GET.get("q", ""))
    terms = search_terms(query)
    results = Page.objects.none()
    if terms:
        results = Page.objects.live().public().specific().search(terms)
    page_obj = Paginator(results, 10).get_page(request.GET.get("page"))
    return TemplateResponse(
        request, "search/search.html", {"search_query": query, "page_obj": page_obj}
    )
