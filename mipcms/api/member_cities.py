"""The public API's member cities (/api/v2/member-cities/): the member directory's data.

Every member city with its mayor, state, population and join year, in name order (or
`?order=` a field); `?state=` (a postal code) and `?search=` (city or mayor) narrow the list
as on the directory page.
"""

from django.http import Http404
from rest_framework.filters import BaseFilterBackend
from wagtail.api.v2.utils import BadRequestError
from wagtail.api.v2.views import BaseAPIViewSet

from home.models import MemberCity
from home.models.directory import find_member_cities, state_code
from home.text import MAX_QUERY_LENGTH, clean_query

from .endpoints import OrderingFilter, PublicAPIMixin


class MemberCityFilter(BaseFilterBackend):
    """`?state=WI` and `?search=madison`; a state that does not exist is a 400 naming it."""

    def filter_queryset(self, request, queryset, view):
        raw_state = request.GET.get("state")
        state = state_code(raw_state)
        if raw_state is not None and state is None:
            raise BadRequestError(f"'state' must be a US state's postal code, got {raw_state!r}")
        raw_search = request.GET.get("search", "")
        if len(raw_search) > MAX_QUERY_LENGTH:
            raise BadRequestError(f"'search' must be at most {MAX_QUERY_LENGTH} characters")
        # The endpoint's queryset is every member city: the directory's search, same order.
        return find_member_cities(state, clean_query(raw_search))


class MemberCitiesEndpoint(PublicAPIMixin, BaseAPIViewSet):
    """Member cities with their mayors: the same list the member directory page shows."""

    model = MemberCity
    filter_backends = [MemberCityFilter, OrderingFilter]
    known_query_parameters = BaseAPIViewSet.known_query_parameters.union(["state", "search"])
    listing_default_fields = [
        *BaseAPIViewSet.listing_default_fields,
        *(field.name for field in MemberCity.api_fields),
    ]

    def get_queryset(self):
        return find_member_cities()

    def load_object(self):
        self.check_pk()
        city = self.get_queryset().filter(pk=self.kwargs["pk"]).first()
        if city is None:
            raise Http404("not found")
        return city
