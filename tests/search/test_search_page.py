"""The search page: what each hit shows, what is searched, filters, pages, and privacy."""

import datetime
from zoneinfo import ZoneInfo

import pytest
from wagtail.models import Page

from tests.api.test_privacy import World
from tests.events.factories import EventPageFactory
from tests.factories import stream
from tests.home.factories import CohortPageFactory, StandardPageFactory, TopicFactory
from tests.html import assert_accessible_basics
from tests.news.factories import NewsArticlePageFactory, NewsIndexPageFactory
from tests.research.factories import ResearchReportPageFactory

from .visitor import all_paths, count, hits, paths, search

pytestmark = pytest.mark.django_db


def tagged(page, *topics):
    page.topics.set(topics)
    page.save()
    return page


# What a hit shows.


def test_each_hit_shows_its_type_date_and_summary(client, home_page):
    NewsArticlePageFactory(
        title="Quokka news",
        publication_date=datetime.date(2026, 2, 3),
        summary="A story about the quokka census.",
    )
    ResearchReportPageFactory(
        title="Quokka report", publication_date=datetime.date(2025, 11, 30), summary="Findings."
    )
    EventPageFactory(
        title="Quokka meetup",
        # 01:30 UTC on March 5 is still March 4 in Chicago, where the event happens.
        start=datetime.datetime(2030, 3, 5, 1, 30, tzinfo=ZoneInfo("UTC")),
        end=datetime.datetime(2030, 3, 5, 3, 30, tzinfo=ZoneInfo("UTC")),
        summary="Bring binoculars.",
    )
    CohortPageFactory(title="Quokka cohort", summary="Mayors who count quokkas.")

    shown = {text.split(" Quokka ")[0]: text for text in hits(search(client, q="quokka"))}

    assert shown == {
        "News article": (
            "News article Quokka news February 3, 2026 A story about the quokka census."
        ),
        "Research report": "Research report Quokka report November 30, 2025 Findings.",
        "Event": "Event Quokka meetup March 4, 2030 Bring binoculars.",
        "Cohort page": "Cohort page Quokka cohort Mayors who count quokkas.",
    }


def test_a_hit_without_a_summary_shows_its_opening_paragraph(client, home_page):
    """As link previews do: the page's description (BasePage.get_description)."""
    words = [f"word{number}" for number in range(50)]
    NewsArticlePageFactory(
        title="Wombat notes",
        summary="",
        body=stream(
            ("heading", {"text": "Not a paragraph", "level": "h2"}),
            ("paragraph", f"<p>{' '.join(words[:20])} <a href='#'>{words[20]}</a></p>"),
            ("paragraph", f"<p>{' '.join(words[21:])}</p>"),
        ),
    )

    (hit,) = hits(search(client, q="wombat"))

    assert hit.endswith(" ".join(words[:21]))
    assert "Not a paragraph" not in hit
    assert "Section heading" not in hit


# What is searched: titles, summaries and the text of StreamField blocks.

# A word only each block holds.
BODY_BLOCKS = {
    "lantern": ("paragraph", "<p>The <b>lantern</b> glows.</p>"),
    "beacon": ("heading", {"text": "Beacon on the hill", "level": "h2"}),
    "torch": ("quote", {"text": "A torch lights the way.", "attribution": "A mayor", "role": ""}),
    "candle": ("key_figure", {"figure": "1 in 4", "label": "homes with a candle", "source": ""}),
    "lamp": (
        "accordion",
        {"heading": "", "items": [{"question": "Why?", "answer": "<p>lamp</p>"}]},
    ),
}


@pytest.mark.parametrize(
    "factory",
    [NewsArticlePageFactory, ResearchReportPageFactory, EventPageFactory, CohortPageFactory],
    ids=["news", "research", "events", "cohorts"],
)
def test_body_blocks_are_searched(client, home_page, factory):
    page = factory(title="Plain title", summary="Plain.", body=stream(*BODY_BLOCKS.values()))

    for word in BODY_BLOCKS:
        assert all_paths(client, q=word) == [page.url], word


def test_summaries_and_key_findings_are_searched(client, home_page):
    summary = NewsArticlePageFactory(summary="The aardvark budget passed.")
    finding = ResearchReportPageFactory(
        key_findings=stream(("finding", "Aardvark counts doubled in ten years."))
    )

    assert sorted(all_paths(client, q="aardvark")) == sorted([summary.url, finding.url])


# Filters.


@pytest.fixture
def zoning(home_page):
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


# Pages of results.


def test_results_come_ten_to_a_page_keeping_the_query_and_filters(client, home_page):
    housing = TopicFactory(name="Housing")
    news = NewsIndexPageFactory()
    for number in range(23):
        tagged(NewsArticlePageFactory(title=f"Okapi story {number}", parent=news), housing)
    NewsArticlePageFactory(title="Untagged okapi story", parent=news)
    params = {"q": "okapi", "type": "news", "topic": "housing"}

    first = search(client, **params)
    assert count(first) == 23
    nav = first.find("nav", aria_label="Pagination")
    assert nav.find("p").text == "Page 1 of 3"
    assert nav.find("a", rel="next").attrs["href"] == (
        "/search/?q=okapi&type=news&topic=housing&page=2"
    )
    pages = [paths(search(client, **params, page=number)) for number in (1, 2, 3)]
    assert [len(found) for found in pages] == [10, 10, 3]
    assert len({path for found in pages for path in found}) == 23
    last = search(client, **params, page=3)
    assert last.find("a", rel="prev").attrs["href"] == (
        "/search/?q=okapi&type=news&topic=housing&page=2"
    )
    # Out-of-range and nonsense page numbers get the last and the first page.
    assert paths(search(client, **params, page=99)) == pages[2]
    assert paths(search(client, **params, page="two")) == pages[0]


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


# Promise 1: nothing that is not live and public.


def test_only_live_public_pages_are_found(client, home_page):
    world = World()

    response = client.get("/search/", {"q": "zebrafish"})

    assert all_paths(client, q="zebrafish") == [world.shown.url]
    content = response.content.decode()
    for page in world.hidden.values():
        assert page.title not in content
    for params in ({"type": "news"}, {"topic": "water"}, {"type": "news", "topic": "water"}):
        assert all_paths(client, q="zebrafish", **params) == [world.shown.url]


def test_a_page_of_no_site_type_is_not_a_result(client, home_page):
    """A plain Wagtail page (left from a removed page type, say) is skipped, not a 500."""
    home_page.add_child(instance=Page(title="Zebra crossing plans", slug="zebra-plain"))
    StandardPageFactory(title="Zebra crossings explained")

    assert all_paths(client, q="zebra") == ["/zebra-crossings-explained/"]
