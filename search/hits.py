"""How often visitors search for what: counted in a cache, written to the database in batches.

The admin's "Search terms" report (Wagtail's search promotions: Query and QueryDailyHits)
shows editors what visitors look for, to choose picks. Writing a row on every search made
each search GET a database write, so a search only counts in the cache named by
SEARCH_HITS_CACHE (an atomic increment of a per-day counter for its words), and the task
worker's upkeep (mipcms/task_worker.py) moves the counts into the report every few seconds
with flush_search_hits().

The cache must be one that the web processes and the task worker share: Redis in
production (the default cache), a folder on disk on a single server and in development
(settings: CACHES["search_hits"]). A per-process memory cache would keep each process's
counts where the worker never sees them. With the cache away, searches are served and
not counted.
"""

import datetime
import hashlib
import logging

from django.conf import settings
from django.core.cache import caches
from django.db import transaction
from django.db.models import F
from django.utils import timezone
from wagtail.contrib.search_promotions.models import Query, QueryDailyHits
from wagtail.search.utils import normalise_query_string

logger = logging.getLogger(__name__)

QUERY_LENGTH = Query._meta.get_field("query_string").max_length
# Counts wait at most this long for a flush (after a long worker outage, older ones expire).
KEEP_DAYS = 3
PREFIX = "search-hits"


def hits_cache():
    """The cache the counts are kept in (shared by the web processes and the task worker)."""
    return caches[getattr(settings, "SEARCH_HITS_CACHE", "default")]


def query_string(terms):
    """The report's string for a search's words: normalised, then cut to the column.

    Wagtail cuts a query to its column's length before lowercasing it, which can make it
    longer ("İ" lowercases to two characters), so the stored and looked-up strings differ and
    a second search for it would break the unique constraint. Normalise and cut here, once.
    """
    return normalise_query_string(terms)[:QUERY_LENGTH]


class DayKeys:
    """The cache keys of one day's counts: how many queries, each query by number, its count."""

    def __init__(self, day):
        self.base = f"{PREFIX}:{day.isoformat()}"
        self.slots = f"{self.base}:slots"

    def slot(self, number):
        return f"{self.base}:slot:{number}"

    def count(self, query):
        return f"{self.base}:n:{hashlib.sha256(query.encode()).hexdigest()[:32]}"


def count_search(terms, day=None):
    """Count one search for these words today, in the cache only (no database write)."""
    query = query_string(terms)
    if not query:
        return
    keys = DayKeys(day or timezone.now().date())
    timeout = KEEP_DAYS * 86400
    cache = hits_cache()
    try:
        if cache.add(keys.count(query), 0, timeout):
            # The day's first search for these words: give them a numbered slot, so the
            # flush can find every query of the day without listing the cache's keys.
            cache.add(keys.slots, 0, timeout)
            cache.set(keys.slot(cache.incr(keys.slots)), query, timeout)
        cache.incr(keys.count(query))
    except Exception:  # a search is never refused for want of a counter
        logger.warning("Search hit not counted: the search hits cache is away", exc_info=True)


def flush_search_hits(today=None):
    """Move the counted searches into the report (Query, QueryDailyHits); returns how many.

    Each count is taken from the cache with an atomic decrement before it is written, so
    several workers flushing at once never write a hit twice; a failed write puts it back.
    """
    today = today or timezone.now().date()
    cache = hits_cache()
    moved = 0
    for age in range(KEEP_DAYS):
        day = today - datetime.timedelta(days=age)
        keys = DayKeys(day)
        slots = cache.get(keys.slots) or 0
        if not slots:
            continue
        queries = cache.get_many([keys.slot(number) for number in range(1, slots + 1)]).values()
        counts = cache.get_many([keys.count(query) for query in queries])
        for query in queries:
            hits = counts.get(keys.count(query)) or 0
            if hits <= 0 or not _take(cache, keys.count(query), hits):
                continue
            try:
                record_hits(query, day, hits)
            except Exception:
                cache.incr(keys.count(query), hits)
                raise
            moved += hits
    return moved


def _take(cache, key, hits):
    """Take `hits` from the counter at key, unless another flush took them first."""
    if cache.decr(key, hits) >= 0:
        return True
    cache.incr(key, hits)
    return False


def record_hits(query, day, hits):
    """Add hits for a query string on a day to the admin's search terms report."""
    with transaction.atomic():
        daily, _ = QueryDailyHits.objects.get_or_create(query=Query.get(query), date=day)
        QueryDailyHits.objects.filter(pk=daily.pk).update(hits=F("hits") + hits)
