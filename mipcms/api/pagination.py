"""The API's `limit` and `offset`: counts and deep offsets at a cost that does not grow.

Wagtail's pagination counts every match (COUNT) and reaches `offset=9000` with OFFSET,
which sorts and skips 9,000 pages on each request. Here the count and the sort key of every
hundredth page are kept once per version of the site's content (home/pagination.py), keyed
on the request's filters, so a deep offset starts at the nearest kept key. A search counts
up to its limit (search/candidates.py) and is sliced as it is.
"""

from django.db.models import QuerySet
from wagtail.api.v2.pagination import WagtailPagination

from home.pagination import cached_count, deep_slice

# Parameters that choose which items and in what order (the rest shape each item).
NOT_FILTERS = {"offset", "limit", "fields", "format"}


def query_key(request):
    """The request's site, endpoint and filters: the cache key of its count and sort keys.

    One key per distinct filter combination and site version, in each process's memory.
    """
    filters = sorted(
        (name, value) for name, value in request.GET.items() if name not in NOT_FILTERS
    )
    return f"api:{request.get_host()}:{request.path}:{filters!r}"


class KeptCountPagination(WagtailPagination):
    """Wagtail's limit/offset pagination with kept counts and deep offsets (see above)."""

    def paginate_queryset(self, queryset, request, view=None):
        if not isinstance(queryset, QuerySet):
            return super().paginate_queryset(queryset, request, view)
        counted = CountedQuerySet(queryset, query_key(request), request)
        return super().paginate_queryset(counted, request, view)


class CountedQuerySet:
    """What WagtailPagination asks of a queryset (count, slice), answered from kept values."""

    def __init__(self, queryset, key, request):
        self.queryset = queryset
        self.key = key
        self.request = request

    def count(self):
        return cached_count(self.queryset, self.key, self.request)

    def __getitem__(self, index):
        return deep_slice(self.queryset, index.start, index.stop, self.key, self.request)
