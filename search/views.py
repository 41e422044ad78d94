"""The site search page."""

from django.core.paginator import Paginator
from django.template.response import TemplateResponse
from wagtail.models import Page

from home.privacy import public_pages

from .query import clean_query, search_terms


def search(request):
    """Search live, public pages; any query string gets a page, never an error."""
    query = clean_query(request.GET.get("q", ""))
    terms = search_terms(query)
    results = Page.objects.none()
    if terms:
        # The search backend filters only on indexed fields, so the visible pages reach it
        # as a list of ids (the expiry time is not indexed).
        visible = Page.objects.filter(pk__in=public_pages().values("pk"))
        results = visible.specific().search(terms)
    page_obj = Paginator(results, 10).get_page(request.GET.get("page"))
    return TemplateResponse(
        request, "search/search.html", {"search_query": query, "page_obj": page_obj}
    )
