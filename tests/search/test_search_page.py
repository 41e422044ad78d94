"""The search page: what each hit shows, what is searched, pages of results, and privacy.

Its filters and its accessibility are in test_search_filters.py.
"""

import datetime
from zoneinfo import ZoneInfo

import pytest
from wagtail.models import Page

from tests.api.test_privacy import World
from tests.events.factories import EventPageFactory
from tests.factories import stream
from tests.home.factories import CohortPageFactory, StandardPageFactory, TopicFactory
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
