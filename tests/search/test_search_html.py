"""The search page's HTML: results with type, date and summary; no results; no query."""

import datetime

import pytest

from tests.events.factories import EventIndexPageFactory, EventPageFactory
from tests.home.factories import (
    StandardPageFactory,
)
from tests.html import assert_accessible_basics, parse
from tests.news.factories import NewsArticlePageFactory

pytestmark = pytest.mark.django_db


@pytest.fixture
def menu_section(home_page):
    """A section in the primary navigation, as every real site has."""
    return StandardPageFactory(title="About", show_in_menus=True)


def test_search_shows_results_with_type_date_and_summary(client, menu_section):
    NewsArticlePageFactory(
        title="Lead pipes in Flint",
        publication_date=datetime.date(2026, 2, 3),
        summary="How the city paid for replacement.",
    )
    EventPageFactory(title="Lead pipe workshop", parent=EventIndexPageFactory())
    NewsArticlePageFactory(title="Unpublished lead story", publish=False)

    response = client.get("/search/", {"q": "lead"})

    assert response.status_code == 200
    page = parse(response)
    assert_accessible_basics(page)
    assert page.find("input", id="search-q").attrs["value"] == "lead"
    assert page.find("h2", id="results-heading").text == "2 results for “lead”"
    results = {e.text: e for e in page.find_all("li", class_="search-result")}
    news = next(text for text in results if "Lead pipes in Flint" in text)
    assert news.startswith("News article")
    assert "February 3, 2026" in news
    assert "How the city paid for replacement." in news
    assert any(text.startswith("Event Lead pipe workshop") for text in results)
    assert "Unpublished lead story" not in page.text


def test_search_with_no_results_says_so(client, home_page):
    page = parse(client.get("/search/", {"q": "zebra crossings"}))

    assert page.find("h2", id="results-heading").text == "0 results for “zebra crossings”"
    assert "Nothing matched your search." in page.find("p", class_="empty-state").text


def test_search_without_a_query_invites_one(client, menu_section):
    response = client.get("/search/")

    assert response.status_code == 200
    page = parse(response)
    assert_accessible_basics(page)
    assert page.find("title").text == "Search | Mayors Innovation Project"
    assert not page.find_all("section", class_="search-results")
