"""The site search page."""

from django.core.paginator import Paginator
from django.template.response import TemplateResponse
from wagtail.models import Site

from home.models import Topic
from home.text import clean_query, search_terms

from .hits import count_search
from .results import SEARCH_TYPES, find_hits

PER_PAGE = 10


def search(request):
    """Search live, public pages; any query string gets a page, never an error."""
    query = clean_query(request.GET.get("q", ""))
    type_value = request.GET.get("type", "").strip()
    topic_value = request.GET.get("topic", "").strip()
    kind = type_value if type_value in SEARCH_TYPES else None
    topic = Topic.from_slug(topic_value)
    # A filter the site does not have finds nothing, and the page says so.
    unknown_type = bool(type_value) and kind is None
    unknown_topic = bool(topic_value) and topic is None
    terms = "" if unknown_type or unknown_topic else search_terms(query)
    results = find_hits(request, Site.find_for_request(request), query, terms, kind, topic)
    page_obj = Paginator(results, PER_PAGE).get_page(request.GET.get("page"))
    if terms and "page" not in request.GET:
        # One hit per search (not per results page), by its words, for the admin's "Search
        # terms" report: counted in the cache, written by the task worker (search/hits.py).
        count_search(terms)
    return TemplateResponse(
        request,
        "search/search.html",
        {
            "search_query": query,
            "page_obj": page_obj,
            "hits": page_obj.object_list,
            # Past SEARCH_LIMIT hits the count stops: "More than 200 results".
            "more_results": results.more,
            "types": [(value, label) for value, (label, _) in SEARCH_TYPES.items()],
            "topics": Topic.objects.all(),
            "active_type": kind or "",
            "active_type_label": SEARCH_TYPES[kind][0] if kind else "",
            "active_topic": topic,
            # Shown back to the visitor, so cleaned like the query.
            "unknown_type": clean_query(type_value) if unknown_type else "",
            "unknown_topic": clean_query(topic_value) if unknown_topic else "",
            "filtered": bool(type_value or topic_value),
        },
    )
