"""The member cities directory: every member city with its mayor, by state, with a map."""

from django.core.paginator import Paginator
from django.db.models import Count, Q

from home.text import clean_query
from home.us_map import SHADES, outlines, state_map

from .listing import CollectionPage
from .snippets import US_STATES, MemberCity

STATE_NAMES = dict(US_STATES)


def state_code(raw):
    """The postal code a ?state= value names ("wi" -> "WI"), or None when it names none."""
    code = str(raw or "").strip().upper()
    return code if code in STATE_NAMES else None


def find_member_cities(state=None, query=""):
    """Member cities in name order: in one state (a postal code) if given, and whose name or
    mayor's name contains the (cleaned) query if given."""
    cities = MemberCity.objects.order_by("name", "state", "pk")
    if state:
        cities = cities.filter(state=state)
    if query:
        cities = cities.filter(Q(name__icontains=query) | Q(mayor__icontains=query))
    return cities


def cities_by_state():
    """{postal code: number of member cities} for the states that have any (one query)."""
    counts = MemberCity.objects.values_list("state").annotate(count=Count("pk")).order_by()
    return dict(counts)


class MemberDirectoryPage(CollectionPage):
    """The member cities directory: a table of member cities and their mayors, filtered by
    state (?state=WI) and searched by city or mayor (?q=), under a map of the states."""

    parent_page_types = ["home.HomePage", "home.StandardPage"]
    subpage_types = []
    max_count = 1

    per_page = 50

    class Meta:
        verbose_name = "member directory page"

    def get_context(self, request, *args, **kwargs):
        context = super().get_context(request, *args, **kwargs)
        raw_state = request.GET.get("state", "")
        state = state_code(raw_state)
        query = clean_query(request.GET.get("q", ""))
        page_obj = Paginator(find_member_cities(state, query), self.per_page).get_page(
            request.GET.get("page")
        )
        context.update(
            page_obj=page_obj,
            cities=page_obj.object_list,
            state=state,
            state_name=STATE_NAMES.get(state, ""),
            # Shown back to the visitor, so cleaned like a search query.
            unknown_state=clean_query(raw_state) if raw_state.strip() and not state else "",
            query=query,
            states=US_STATES,
            map_states=state_map(cities_by_state(), STATE_NAMES),
            map_view_box=outlines()["viewBox"],
            map_source=outlines()["source"],
            map_shades=SHADES,
        )
        return context
