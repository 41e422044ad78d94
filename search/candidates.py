"""Bounded search: at most SEARCH_LIMIT hits are counted and ranked, however many match.

Ranking every match of a common word ("water" on a site of 50,000 articles matches 10,000)
and counting them exactly made each search cost hundreds of milliseconds. Instead the
newest pages that match, SEARCH_LIMIT + 1 of them, are found first in one query that stops
as soon as it has them (newest first is an index; the match is tested page by page on its
own search index entry), then only those are ranked by relevance. Visitors are told
"more than SEARCH_LIMIT results" past the limit; the site search and the API agree.

On PostgreSQL with Wagtail's database search backend (production). With another backend
(SQLite's, in development) every match is ranked and the count alone is bounded.
"""

import re
from functools import reduce
from operator import and_ as operator_and
from operator import or_ as operator_or

from django.db import connection
from django.db.models import CharField, Exists, OuterRef, Q
from django.db.models.functions import Cast
from wagtail.models import Page
from wagtail.search.backends import get_search_backend
from wagtail.search.query import PlainText

try:  # the PostgreSQL parts of Wagtail's search backend need psycopg
    from modelsearch.backends.database.postgres.postgres import (
        IndexEntry,
        PostgresSearchBackend,
    )
except ImportError:  # pragma: no cover - installed with the project
    PostgresSearchBackend = None

# The most hits a search counts and ranks.
SEARCH_LIMIT = 200


class BoundedResults:
    """Search results counted up to SEARCH_LIMIT; `more` says whether there were more."""

    def __init__(self, results, count, more):
        self.results = results
        self._count = count
        self.more = more

    def count(self):
        return self._count

    def __len__(self):
        return self._count

    def __getitem__(self, index):
        if isinstance(index, slice):  # never past the count
            stop = self._count if index.stop is None else min(index.stop, self._count)
            return self.results[index.start : stop]
        if index >= self._count:
            raise IndexError(index)
        return self.results[index]

    def __iter__(self):
        return iter(self.results[: self._count])


def newest_matches(pages, terms, operator=None, limit=None):
    """Ids of the newest `limit` (SEARCH_LIMIT + 1) pages among `pages` that match, newest first.

    None when the search backend cannot be asked page by page (not PostgreSQL's), or when
    `pages` are not pages.
    """
    backend = get_search_backend()
    if PostgresSearchBackend is None or not isinstance(backend, PostgresSearchBackend):
        return None
    if not issubclass(pages.model, Page):  # images and documents: few enough to rank all
        return None
    # Each word must be in the title or the body (any word, with the "or" operator): the
    # same pages as the backend's match on title and body together, but written on the two
    # indexed columns, whose statistics tell PostgreSQL how common a word is (it walks the
    # newest pages for a common word, and the word's index for a rare one).
    compiler = backend.query_compiler_class(Page.objects.none(), terms, operator=operator)
    words = searchable_words(re.split(r"[\s\-]+", terms), backend.config)
    if not words:
        return []
    conditions = []
    for word in words:
        tsquery = compiler.build_tsquery(PlainText(word), config=backend.config)
        conditions.append(Q(title=tsquery) | Q(body=tsquery))
    combine = operator_or if compiler.query.operator == "or" else operator_and
    entry = IndexEntry.objects.filter(
        reduce(combine, conditions),
        content_type_id=OuterRef("content_type_id"),
        object_id=Cast(OuterRef("pk"), output_field=CharField()),
    )
    matching = pages.filter(Exists(entry)).order_by("-first_published_at", "-pk")
    return list(matching.values_list("pk", flat=True)[: limit or SEARCH_LIMIT + 1])


def searchable_words(words, config):
    """The words the search configuration keeps (stop words such as "and" match nothing)."""
    words = [word for word in words if word]
    if not words:
        return []
    with connection.cursor() as cursor:
        cursor.execute(
            "SELECT word FROM unnest(%s::text[]) WITH ORDINALITY AS w(word, n)"
            " WHERE numnode(plainto_tsquery(%s::regconfig, word)) > 0 ORDER BY n",
            [words, config],
        )
        return [row[0] for row in cursor.fetchall()]


def bounded_search(pages, terms, operator=None, order_by_relevance=True, specific=False):
    """The pages among `pages` matching terms, ranked, at most SEARCH_LIMIT: BoundedResults.

    Without `order_by_relevance` the results keep the order of `pages`; with `specific`
    they are specific pages.
    """
    ids = newest_matches(pages, terms, operator)
    # The search backend understands only plain field filters (not view restrictions or
    # expiry), so the pages reach it as a list of ids, in their order.
    if ids is None:
        searchable = pages.model.objects.filter(pk__in=pages.values("pk"))
    else:
        searchable = pages.model.objects.filter(pk__in=ids[:SEARCH_LIMIT])
    searchable.query.order_by = pages.query.order_by
    if specific:
        searchable = searchable.specific()
    results = get_search_backend().search(
        terms, searchable, operator=operator, order_by_relevance=order_by_relevance
    )
    count = len(ids) if ids is not None else results[: SEARCH_LIMIT + 1].count()
    return BoundedResults(results, min(count, SEARCH_LIMIT), count > SEARCH_LIMIT)
