"""Filters of the pages endpoint that every section shares, beyond Wagtail's own.

A section adds filters of its own by listing them in its page model's `api_filters` (see
events/api.py); the endpoint collects them. Each filter applies to the page types that have
what it filters on: on a listing of one such type it filters that type; on a listing of
several types (or all pages) the other types drop out; on a listing of a type it cannot
apply to, the client gets a 400 saying so.
"""

import datetime
from zoneinfo import ZoneInfo

from django.conf import settings
from django.core.validators import slug_re
from django.db.models import Q
from django.utils import timezone
from django.utils.dateparse import parse_date, parse_datetime
from rest_framework.filters import BaseFilterBackend
from wagtail.api.v2.utils import BadRequestError
from wagtail.models import get_page_models

from home.models import ArticleMixin, TopicsMixin


def restrict(queryset, param, applies, condition):
    """Keep pages of the types `applies(model)` accepts that meet `condition`."""
    model = queryset.model
    if applies(model):
        return queryset.filter(condition)
    models = [m for m in get_page_models() if applies(m) and issubclass(m, model)]
    if not models:
        raise BadRequestError(f"'{param}' does not apply to {model._meta.label} pages")
    matching = Q()
    for page_model in models:
        matching |= Q(pk__in=page_model.objects.filter(condition).values("pk"))
    return queryset.filter(matching)


def slug_param(request, name):
    """A slug from the query string, or None when absent; 400 when malformed."""
    value = request.GET.get(name)
    if value is None:
        return None
    if not slug_re.fullmatch(value):
        raise BadRequestError(f"'{name}' must be a slug (letters, digits, hyphens), got {value!r}")
    return value


def date_param(request, name):
    """A YYYY-MM-DD date from the query string, or None; 400 when it is not one."""
    value = request.GET.get(name)
    if value is None:
        return None
    try:
        date = parse_date(value)
    except ValueError:
        date = None
    if date is None:
        raise BadRequestError(f"'{name}' must be a date as YYYY-MM-DD, got {value!r}")
    return date


def moment_param(request, name):
    """A date or ISO 8601 date-time from the query string, as (aware moment, was a date).

    A date means its midnight in the site's time zone; (None, False) when absent.
    """
    value = request.GET.get(name)
    if value is None:
        return None, False
    try:
        # A date first: parse_datetime() also reads "2030-06-10", as its midnight, which
        # would make `start_to` end where the day begins.
        date = parse_date(value)
        moment = None if date else parse_datetime(value)
    except ValueError:
        moment = date = None
    if moment is None and date is None:
        raise BadRequestError(
            f"'{name}' must be a date (YYYY-MM-DD) or date-time (ISO 8601), got {value!r}"
        )
    if moment is None:
        moment = datetime.datetime.combine(date, datetime.time())
    if timezone.is_naive(moment):
        moment = moment.replace(tzinfo=ZoneInfo(settings.TIME_ZONE))
    return moment, date is not None


def in_utc(moment, name):
    """An aware moment in UTC, as it should reach the database; a 400 naming `name` if it can't.

    ISO 8601 allows UTC offsets PostgreSQL refuses (beyond ±15:59: a DataError, not a 400),
    and a moment near the years 1 or 9999 may fall outside the calendar in UTC.
    """
    try:
        return moment.astimezone(datetime.UTC)
    except OverflowError as error:
        raise BadRequestError(f"'{name}' is out of range, got {moment.isoformat()!r}") from error


class SlugFilter(BaseFilterBackend):
    """`?<param>=<slug>`: pages related through `lookup` to the record with that slug."""

    param = ""
    lookup = ""

    @staticmethod
    def applies(model):
        """Whether pages of this type have the relation."""
        raise NotImplementedError

    def filter_queryset(self, request, queryset, view):
        slug = slug_param(request, self.param)
        if slug is None:
            return queryset
        return restrict(queryset, self.param, self.applies, Q(**{self.lookup: slug}))


class TopicFilter(SlugFilter):
    """`?topic=housing`: pages tagged with that topic."""

    param = "topic"
    lookup = "topics__slug"

    @staticmethod
    def applies(model):
        return issubclass(model, TopicsMixin)


class AuthorFilter(SlugFilter):
    """`?author=<person slug>`: news articles and reports by that person."""

    param = "author"
    lookup = "authors__person__slug"

    @staticmethod
    def applies(model):
        return issubclass(model, ArticleMixin)


class PublishedFilter(BaseFilterBackend):
    """`?published_from=` and `?published_to=` (inclusive dates): news and reports."""

    def filter_queryset(self, request, queryset, view):
        condition = Q()
        start = date_param(request, "published_from")
        end = date_param(request, "published_to")
        if start:
            condition &= Q(publication_date__gte=start)
        if end:
            condition &= Q(publication_date__lte=end)
        if start is None and end is None:
            return queryset
        param = "published_from" if start else "published_to"
        return restrict(queryset, param, lambda model: issubclass(model, ArticleMixin), condition)
