"""The public API's per-item cache: each page, image or document serialized once per version.

A listing of twenty items asks the cache for the twenty at once and serializes only the ones
it lacks, with their related rows loaded in bulk as before. An item is keyed on the site
version (home/site_version.py), which any change of content moves on, so an item is never
stale: not when it is republished, nor when a page, image or snippet it shows changes. It
is also keyed on its own publish time, and on what the request asks to see of it (the
serializer: page type and `fields`, the image sizes, and the host its URLs are made for).

Drafts (the preview endpoint) are never cached: they set `item_cache = False`. An item stays
API_ITEM_CACHE_SECONDS unused at most (0 switches the cache off).
"""

import hashlib

from django.conf import settings
from django.core.cache import cache

from home import site_version


def item_key(version, serializer_class, request, item, sizes=None):
    """The cache key of one item as this request would see it (`sizes`: the image sizes the
    answer shows, by name; None for all)."""
    published = getattr(item, "last_published_at", None)
    shape = (
        version,
        type(item)._meta.label,
        item.pk,
        published.isoformat() if published else "",
        serializer_class.__name__,
        ",".join(sorted(serializer_class.Meta.fields)),
        request.get_host(),
        request.GET.get("rich_text_format", ""),
        None if sizes is None else tuple(sorted(sizes)),  # in any order, the same answer
    )
    return "api-item:" + hashlib.sha256(repr(shape).encode()).hexdigest()


def serialize_cached(request, serializer_class, items, serialize, sizes=None):
    """The serialized `items`, from the cache where held; `serialize(missing)` makes the rest.
    `sizes`: the image sizes the answer shows (`?renditions=`, checked by the view)."""
    if not settings.API_ITEM_CACHE_SECONDS:
        return serialize(items)
    version = site_version.for_request(request)
    if version is None:  # the cache is away
        return serialize(items)
    keys = [item_key(version, serializer_class, request, item, sizes) for item in items]
    held = cache.get_many(keys)
    missing = [item for item, key in zip(items, keys, strict=True) if key not in held]
    if missing:
        made = dict(zip((id(item) for item in missing), serialize(missing), strict=True))
        fresh = {
            key: made[id(item)] for item, key in zip(items, keys, strict=True) if key not in held
        }
        cache.set_many(fresh, timeout=settings.API_ITEM_CACHE_SECONDS)
        held.update(fresh)
    return [held[key] for key in keys]
