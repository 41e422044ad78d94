"""The API's `search` parameter finds what the search page finds, in the same order.

Editors' picks are a feature of the search page only: the API lists pages by relevance, so
these tests compare the two without promotions.
"""

import pytest

from tests.events.factories import EventPageFactory
from tests.factories import stream
from tests.home.factories import CohortPageFactory, StandardPageFactory, TopicFactory
from tests.news.factories import NewsArticlePageFactory, NewsIndexPageFactory
from tests.research.factories import ResearchReportPageFactory
from tests.world import module_world

from .visitor import all_paths

pytestmark = pytest.mark.django_db

NEWS, EVENT = "news.NewsArticlePage", "events.EventPage"


def api_paths(client, **params):
    """The site addresses of the pages the API lists for these parameters, in order."""
    response = client.get("/api/v2/pages/", {**params, "limit": 100})
    assert response.status_code == 200, response.content
    data = response.json()
    assert data["meta"]["total_count"] == len(data["items"])
    return [item["meta"]["html_url"].removeprefix("http://testserver") for item in data["items"]]


@module_world
def library():
    """Pages of every type that mention housing and water, some many times, some once."""
    housing = TopicFactory(name="Housing")
    news = NewsIndexPageFactory()
    pages = [
        NewsArticlePageFactory(title="Housing trust funds", parent=news),
        NewsArticlePageFactory(
            title="Water rates", parent=news, summary="Housing and water bills together."
        ),
        ResearchReportPageFactory(
            title="Rental housing",
            body=stream(("paragraph", "<p>Housing, housing and more housing.</p>")),
        ),
        EventPageFactory(title="Housing summit"),
        CohortPageFactory(title="Mayors for housing"),
        StandardPageFactory(title="About water", intro="Water and housing."),
        # More than a page of results on the site, in one section.
        *[NewsArticlePageFactory(title=f"Housing note {n}", parent=news) for n in range(12)],
    ]
    for page in pages[:4]:
        page.topics.set([housing])
        page.save()
    return pages


@pytest.mark.parametrize(
    "query", ["housing", "Housing!", "water", "housing water", "housing trust", "zzzz", "&&&"]
)
def test_the_api_finds_the_same_pages_in_the_same_order(client, library, query):
    site = all_paths(client, q=query)

    assert api_paths(client, search=query) == site
    if query == "housing":
        assert len(site) == 18


@pytest.mark.parametrize(
    ("site_filters", "api_filters"),
    [
        ({"type": "news"}, {"type": NEWS}),
        ({"type": "events"}, {"type": EVENT}),
        ({"topic": "housing"}, {"topic": "housing"}),
        ({"type": "news", "topic": "housing"}, {"type": NEWS, "topic": "housing"}),
    ],
)
def test_filters_match_the_apis(client, library, site_filters, api_filters):
    site = all_paths(client, q="housing", **site_filters)

    assert site
    assert api_paths(client, search="housing", **api_filters) == site
