"""A results page of ten hits costs the same queries as a results page of two."""

import pytest
from django.core.cache import cache
from django.db import connection
from django.test.utils import CaptureQueriesContext
from wagtail.contrib.search_promotions.models import Query, SearchPromotion

from tests.events.factories import EventPageFactory
from tests.factories import stream
from tests.home.factories import CohortPageFactory, TopicFactory
from tests.news.factories import NewsArticlePageFactory
from tests.research.factories import ResearchReportPageFactory

from .visitor import hits, search

pytestmark = pytest.mark.django_db

FACTORIES = [
    NewsArticlePageFactory,
    ResearchReportPageFactory,
    EventPageFactory,
    CohortPageFactory,
]
# Half the pages have no summary, so their extract comes from the body's paragraphs.
BODY = stream(
    ("heading", {"text": "Capybara facts", "level": "h2"}),
    ("paragraph", "<p>Every capybara <a linktype='page' id='2'>counts</a>.</p>"),
)


def make_pages(factories, topic):
    """One page per factory that mentions capybaras, tagged with the topic."""
    for number, factory in enumerate(factories):
        page = factory(
            title=f"Capybara {factory._meta.model.__name__}",
            summary="" if number % 2 else "Capybaras everywhere.",
            body=BODY,
        )
        page.topics.set([topic])
        page.save()


def measure(client, params, expected_hits):
    """The SQL of the results page for these parameters, after a warm-up request."""
    assert len(hits(search(client, **params))) == expected_hits
    cache.clear()
    with CaptureQueriesContext(connection) as queries:
        assert client.get("/search/", params).status_code == 200
    return [query["sql"] for query in queries.captured_queries]


def test_queries_do_not_grow_with_the_hits_of_every_type(client, home_page):
    topic = TopicFactory(name="Capybaras")
    make_pages(FACTORIES, topic)
    few = measure(client, {"q": "capybara"}, 4)

    make_pages(FACTORIES * 2, topic)
    many = measure(client, {"q": "capybara"}, 10)

    assert len(many) == len(few), "\n\n".join(many)


def test_queries_do_not_grow_with_filtered_hits_and_picks(client, home_page):
    topic = TopicFactory(name="Capybaras")
    pick = NewsArticlePageFactory(title="Rodents of the Americas")
    pick.topics.set([topic])
    pick.save()
    SearchPromotion.objects.create(query=Query.get("capybara"), page=pick, sort_order=0)
    params = {"q": "capybara", "type": "news", "topic": "capybaras"}
    make_pages([NewsArticlePageFactory], topic)
    few = measure(client, params, 2)  # the pick and one page

    make_pages([NewsArticlePageFactory] * 10, topic)
    many = measure(client, params, 10)

    assert len(many) == len(few), "\n\n".join(many)
