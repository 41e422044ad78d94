"""The search page's filters (type and topic), and the page itself, on one set of pages.

The pages are built once for the module (tests/world.py), not once for each of its tests;
the tests only search them.
"""

import pytest

from tests.events.factories import EventPageFactory
from tests.home.factories import CohortPageFactory, StandardPageFactory, TopicFactory
from tests.html import assert_accessible_basics
from tests.news.factories import NewsArticlePageFactory
from tests.research.factories import ResearchReportPageFactory
from tests.world import module_world

from .test_search_page import tagged
from .visitor import all_paths, count, search

pytestmark = pytest.mark.django_db


@module_world
def zoning():
    """Pages that all mention zoning, of each type, tagged housing or water."""
    housing, water = TopicFactory(name="Housing"), TopicFactory(name="Water")
    return {
        "news": tagged(NewsArticlePageFactory(title="Zoning news"), housing),
        "research": tagged(ResearchReportPageFactory(title="Zoning report"), water),
        "events": tagged(EventPageFactory(title="Zoning workshop"), housing),
        "cohorts": tagged(CohortPageFactory(title="Zoning cohort"), water),
        "standard": StandardPageFactory(title="Zoning explained"),
    }


@pytest.mark.parametrize(
    ("params", "expected"),
    [
        ({}, ["news", "research", "events", "cohorts", "standard"]),
        ({"type": "news"}, ["news"]),
        ({"type": "research"}, ["research"]),
        ({"type": "events"}, ["events"]),
        ({"type": "cohorts"}, ["cohorts"]),
        ({"topic": "housing"}, ["news", "events"]),
        ({"topic": "water"}, ["research", "cohorts"]),
        ({"type": "events", "topic": "housing"}, ["events"]),
        ({"type": "events", "topic": "water"}, []),
    ],
)
def test_filters_by_type_and_topic(client, zoning, params, expected):
    found = all_paths(client, q="zoning", **params)

    assert sorted(found) == sorted(zoning[name].url for name in expected)


def test_the_form_shows_the_filters_in_use(client, zoning):
    page = search(client, q="zoning", type="events", topic="housing")

    assert page.find("h2", id="results-heading").text == (
        "1 result for “zoning” in Events about Housing"
    )
    assert page.find("input", id="search-q").attrs["value"] == "zoning"
    assert [o.attrs["value"] for o in page.soup.select("option[selected]")] == ["events", "housing"]
    type_options = [option.text for option in page.soup.select("#search-type option")]
    assert type_options == ["All types", "News", "Research", "Events", "Cohorts"]
    topic_options = [option.text for option in page.soup.select("#search-topic option")]
    assert topic_options == ["All topics", "Housing", "Water"]


@pytest.mark.parametrize(
    ("params", "message"),
    [
        ({"type": "blog"}, "There is no type of content called “blog”."),
        ({"type": "news.NewsArticlePage"}, "There is no type of content called"),
        ({"topic": "gardening"}, "There is no topic called “gardening”."),
        ({"topic": "../../etc"}, "There is no topic called “../../etc”."),
        ({"type": "news", "topic": "Housing"}, "There is no topic called “Housing”."),
    ],
)
def test_unknown_filters_find_nothing_and_say_so(client, zoning, params, message):
    page = search(client, q="zoning", **params)

    assert count(page) == 0
    notice = page.find("div", class_="notice")
    assert message in notice.text
    assert notice.find("a").attrs["href"] == "/search/?q=zoning"


def test_no_results_with_filters_suggests_dropping_them(client, zoning):
    page = search(client, q="zoning", type="events", topic="water")

    empty = page.find("p", class_="empty-state")
    assert "Nothing matched your search." in empty.text
    assert empty.find("a").text == "search all types and topics"
    assert empty.find("a").attrs["href"] == "/search/?q=zoning"
    assert count(search(client, q="zoning")) == 5


# The page itself.


def test_results_page_is_accessible(client, zoning):
    StandardPageFactory(title="About", show_in_menus=True)  # so the site has a menu

    page = search(client, q="zoning")

    assert_accessible_basics(page)
    for field in ("search-q", "search-type", "search-topic"):
        assert page.find("label", for_=field).text
    assert page.find("fieldset").find("legend").text == "Narrow your search"
    assert page.find("form", class_="search-form").attrs["role"] == "search"
    assert len(page.find("ol", class_="search-results__list").find_all("li")) == 5
    assert page.find("h2", id="results-heading").text == "5 results for “zoning”"
    assert page.find("title").text == "Search results for “zoning” | Mayors Innovation Project"
