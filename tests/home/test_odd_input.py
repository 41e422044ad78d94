"""No query string a visitor can send makes a listing or the search page fail (promise 3)."""

import pytest

from tests.events.factories import EventPageFactory
from tests.home.factories import CohortPageFactory
from tests.news.factories import NewsArticlePageFactory
from tests.research.factories import ResearchReportPageFactory

ODD_VALUES = [
    "x\x00y",  # PostgreSQL refuses NUL bytes in query parameters
    "\u202e\x00",
    "\x01\x02\x7f",
    '"unclosed',
    "'; DROP TABLE home_topic; --",
    "*",
    "AND OR NOT (",
    "hous*:^",
    "%_%",
    "../../etc/passwd",
    "9" * 40,
    "-1",
    "1e9",
    "a" * 5000,
    " ".join(["word"] * 300),
]
PARAMETERS = ["q", "topic", "page", "when"]


@pytest.fixture
def listing_urls(db):
    pages = [
        NewsArticlePageFactory(),
        ResearchReportPageFactory(),
        EventPageFactory(),
        CohortPageFactory(),
    ]
    return ["/search/", *(page.get_parent().url for page in pages)]


@pytest.mark.parametrize("parameter", PARAMETERS)
def test_odd_query_strings_get_a_page_not_an_error(client, listing_urls, parameter):
    for url in listing_urls:
        for value in ODD_VALUES:
            response = client.get(url, {parameter: value})
            assert response.status_code == 200, (url, parameter, value[:20])
