"""The events section's filters of the pages API: `?when=`, `?start_from=`, `?start_to=`.

EventPage lists them in its `api_filters`; the pages endpoint (mipcms/api/endpoints.py)
applies every page type's filters.
"""

import datetime

from django.db.models import Q
from rest_framework.filters import BaseFilterBackend
from wagtail.api.v2.utils import BadRequestError

from mipcms.api.filters import in_utc, moment_param, restrict

from .models import EventPage, upcoming


class EventFilter(BaseFilterBackend):
    """`?when=upcoming|past`, `?start_from=` and `?start_to=`: events."""

    query_parameters = ("when", "start_from", "start_to")

    def filter_queryset(self, request, queryset, view):
        when = request.GET.get("when")
        if when is not None and when not in {"upcoming", "past"}:
            raise BadRequestError(f"'when' must be 'upcoming' or 'past', got {when!r}")
        start_from, _ = moment_param(request, "start_from")
        start_to, whole_day = moment_param(request, "start_to")
        condition = Q()
        if when == "upcoming":
            condition &= upcoming()
        elif when == "past":
            condition &= ~upcoming()
        if start_from:
            condition &= Q(start__gte=in_utc(start_from, "start_from"))
        if start_to and whole_day and start_to.date() < datetime.date.max:
            # The day after, on the site's clock (a day across a DST change is not 24 hours).
            condition &= Q(start__lt=in_utc(start_to + datetime.timedelta(days=1), "start_to"))
        elif start_to and not whole_day:
            condition &= Q(start__lte=in_utc(start_to, "start_to"))
        if not condition:
            return queryset
        param = "when" if when else ("start_from" if start_from else "start_to")
        queryset = restrict(queryset, param, lambda model: issubclass(model, EventPage), condition)
        if when and "order" not in request.GET:
            # Soonest first, or latest first for past events, also when no type was given
            # (the listing is then of Page, which reaches `start` through the event row).
            start = "start"
            if queryset.model is not EventPage:
                link = EventPage._meta.get_ancestor_link(queryset.model)
                start = f"{link.related_query_name()}__start"
            queryset = queryset.order_by(start if when == "upcoming" else f"-{start}", "pk")
        return queryset
