"""The site search page."""

import re

from django.core.paginator import Paginator
from django.template.response import TemplateResponse
from wagtail.models import Page

MAX_QUERY_LENGTH = 200
WORD = re.compile(r"\w+")


def search(request):
    """Search live, public pages; any query string gets a page, never an error."""
    query = " ".join(request.GET.get("q", "").split())[:MAX_QUERY_LENGTH]
    query = "".join(ch for ch in query if ch.isprintable())
    # Words only reach the search backend: SQLite's full-text engine treats quotes, stars
    # and colons as syntax and fails on unbalanced ones.
    terms = " ".join(WORD.findall(query))
    results = Page.objects.none()
    if terms:
        results = Page.objects.live().public().specific().search(terms)
    page_obj = Paginator(results, 10).get_page(request.GET.get("page"))
    return TemplateResponse(
        request, "search/search.html", {"search_query": query, "page_obj": page_obj}
    )
