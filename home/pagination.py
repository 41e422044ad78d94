"""Paging through long listings at a cost that does not grow with the listing or the page.

Two costs grow with a listing: counting it (the paginator's COUNT, the API's total_count) and
reaching a deep page (`OFFSET 49980` sorts and skips every row before it). Both are worked
out once per version of the site's content (home/site_version.py) and kept: the count, and
the sort key of every STEP-th row. A deep slice then starts at the nearest kept key (a
keyset: `WHERE (date, id) < (...)`, which the ordering's index finds at once) and skips
fewer than STEP rows.

What keeps them is home.site_version.cached().
"""

from django.core.paginator import Paginator
from django.db.models import Q

from home.site_version import cached

# Rows between kept sort keys: a deep slice skips fewer than this.
STEP = 100
# Slices starting before this row use OFFSET: the ordering's index makes it cheap, and
# keeping the keys would cost more.
SHALLOW = 200


def cached_count(queryset, key, request=None):
    """queryset.count(), once per site version (`key` names the queryset)."""
    return cached(f"count:{key}", queryset.count, request)


def ordering_fields(queryset):
    """The queryset's ordering as (field, descending) pairs; None when it is not plain fields.

    The ordering must end with the primary key or another unique field (a page's path), so
    every row has its own sort key.
    """
    fields = []
    for name in queryset.query.order_by:
        if not isinstance(name, str) or name.lstrip("-") in {"?", ""} or "__" in name:
            return None
        fields.append((name.lstrip("-"), name.startswith("-")))
    if not fields:
        return None
    last = fields[-1][0]
    if last != "pk" and not queryset.model._meta.get_field(last).unique:
        return None
    return fields


def _after_or_at(fields, key):
    """Q: rows at or after `key` in the ordering (lexicographic, each field's direction)."""
    condition = Q()
    equal = Q()
    for index, ((name, descending), value) in enumerate(zip(fields, key, strict=True)):
        last = index == len(fields) - 1
        lookup = ("lte" if last else "lt") if descending else ("gte" if last else "gt")
        condition |= equal & Q(**{f"{name}__{lookup}": value})
        equal &= Q(**{name: value})
    # The same bound on the first field alone, which the ordering's index can seek to.
    (first, descending), value = fields[0], key[0]
    return Q(**{f"{first}__{'lte' if descending else 'gte'}": value}) & condition


def deep_slice(queryset, start, stop, key, request=None):
    """queryset[start:stop], reached through a kept sort key when start is deep.

    `key` names the queryset (the same key must always mean the same rows and order).
    Falls back to OFFSET when the ordering is not plain fields ending with the primary key,
    or when a sort key is missing (NULL).
    """
    fields = ordering_fields(queryset)
    if start < SHALLOW or fields is None:
        return queryset[start:stop]

    def every_step():
        rows = list(queryset.values_list(*(name for name, _ in fields)))
        keys = rows[::STEP]
        return None if any(None in row for row in rows) else keys

    keys = cached(f"keys:{key}", every_step, request)
    if keys is None:
        return queryset[start:stop]
    index = start // STEP
    if index >= len(keys):
        return queryset.none()
    skipped = index * STEP
    return queryset.filter(_after_or_at(fields, keys[index]))[start - skipped : stop - skipped]


class DeepPaginator(Paginator):
    """Django's Paginator with a count and deep pages kept per site version (see above)."""

    def __init__(self, object_list, per_page, key, request=None, **kwargs):
        super().__init__(object_list, per_page, **kwargs)
        self.key = key
        self.request = request
        # Paginator.count is a cached_property: filled in here from the kept count.
        self.__dict__["count"] = cached_count(object_list, key, request)

    def page(self, number):
        number = self.validate_number(number)
        bottom = (number - 1) * self.per_page
        top = min(bottom + self.per_page, self.count)
        items = deep_slice(self.object_list, bottom, top, self.key, self.request)
        return self._get_page(items, number, self)
