"""The pages endpoint's filters, ordering and pagination, as consuming sites use them.

Types, topics, authors, publication dates, event times (in the site's zone, America/Chicago),
search, ordering and pages of results, alone and combined. A filter that cannot apply to the
requested type is a 400 naming it; an unknown but well-formed slug is simply an empty list.
"""

import datetime
import math
from types import SimpleNamespace
from zoneinfo import ZoneInfo

import pytest
from django.utils import timezone

from home.models import HomePage
from tests.api.pages import error, listing, titles
from tests.events.factories import EventIndexPageFactory, EventPageFactory
from tests.factories import stream
from tests.home.factories import (
    CohortPageFactory,
    PersonFactory,
    StandardPageFactory,
    TopicFactory,
)
from tests.html import Page as HtmlPage
from tests.news.factories import (
    NewsArticleAuthorFactory,
    NewsArticlePageFactory,
    NewsIndexPageFactory,
)
from tests.research.factories import (
    ResearchIndexPageFactory,
    ResearchReportAuthorFactory,
    ResearchReportPageFactory,
)
from tests.world import module_world

pytestmark = pytest.mark.django_db

CHICAGO = ZoneInfo("America/Chicago")
NEWS = "news.NewsArticlePage"
REPORT = "research.ResearchReportPage"
EVENT = "events.EventPage"


def tag(page, topics=(), authors=(), author_factory=None):
    """Give a saved page topics and authors."""
    page.topics.set(topics)
    page.save()
    for person in authors:
        author_factory(page=page, person=person)
    return page


@module_world
def tagged():
    """News, reports, events, a cohort and a standard page, tagged and dated to filter on."""
    c = SimpleNamespace()
    c.water = TopicFactory(name="Water")
    c.housing = TopicFactory(name="Housing")
    c.ada = PersonFactory(name="Ada Lovelace")
    c.grace = PersonFactory(name="Grace Hopper")

    news = NewsIndexPageFactory(title="Newsroom")

    def article(title, date, topics, authors):
        page = NewsArticlePageFactory(
            parent=news,
            title=title,
            publication_date=date,
            summary="A short story.",
            body=stream(("paragraph", "<p>Mayors met.</p>")),
        )
        return tag(page, topics, authors, NewsArticleAuthorFactory)

    c.pipes = article("Lead pipes replaced", datetime.date(2026, 1, 15), [c.water], [c.ada])
    c.rent = article("Rent relief expands", datetime.date(2026, 2, 1), [c.housing], [c.grace])
    c.rates = article(
        "Water rates frozen", datetime.date(2026, 2, 28), [c.water, c.housing], [c.ada, c.grace]
    )

    research = ResearchIndexPageFactory(title="Library")

    def report(title, date, topics, authors):
        page = ResearchReportPageFactory(
            parent=research,
            title=title,
            publication_date=date,
            summary="A study.",
            key_findings=stream(("finding", "Costs vary.")),
            body=stream(("paragraph", "<p>Methods.</p>")),
        )
        return tag(page, topics, authors, ResearchReportAuthorFactory)

    c.affordability = report(
        "Water affordability study", datetime.date(2026, 2, 1), [c.water], [c.ada]
    )
    c.trusts = report("Housing trust funds", datetime.date(2026, 3, 10), [c.housing], [c.grace])

    events = EventIndexPageFactory(title="Calendar")
    now = timezone.now().replace(microsecond=0)

    def event(title, starts_in, topics=(), hours=2):
        start = now + starts_in
        page = EventPageFactory(
            parent=events,
            title=title,
            summary="A gathering.",
            start=start,
            end=start + datetime.timedelta(hours=hours),
            body=stream(("paragraph", "<p>Agenda to follow.</p>")),
        )
        return tag(page, topics)

    day = datetime.timedelta(days=1)
    c.winter = event("Winter summit", -30 * day, [c.water])
    c.autumn = event("Autumn roundtable", -10 * day)
    c.today = event("Ongoing water webinar", datetime.timedelta(hours=-1), [c.water])
    c.soon = event("Spring convening", 5 * day)
    c.later = event("Summer institute", 20 * day, [c.water])

    c.cohort = tag(CohortPageFactory(title="Women mayors network"), [c.water])
    c.about = StandardPageFactory(title="About the network", intro="Who we are.")
    c.home = HomePage.objects.get()
    return c


# Types.


def test_type_lists_only_that_type(client, tagged):
    assert titles(client, {"type": NEWS, "order": "title"}) == [
        "Lead pipes replaced",
        "Rent relief expands",
        "Water rates frozen",
    ]
    both = titles(client, {"type": f"{NEWS},{REPORT}", "order": "title"})
    assert both == sorted([*titles(client, {"type": NEWS}), *titles(client, {"type": REPORT})])


def test_an_unknown_type_is_a_400(client, tagged):
    assert "type" in error(client, {"type": "news.Nothing"})
    assert "type" in error(client, {"type": "not a type"})


# Topics.


def test_topic_lists_every_kind_of_page_tagged_with_it(client, tagged):
    assert set(titles(client, {"topic": "water"})) == {
        "Lead pipes replaced",
        "Water rates frozen",
        "Water affordability study",
        "Winter summit",
        "Ongoing water webinar",
        "Summer institute",
        "Women mayors network",
    }


def test_topic_within_a_type(client, tagged):
    assert titles(client, {"type": NEWS, "topic": "housing", "order": "title"}) == [
        "Rent relief expands",
        "Water rates frozen",
    ]
    assert titles(client, {"type": REPORT, "topic": "housing"}) == ["Housing trust funds"]


def test_an_unknown_topic_is_an_empty_list(client, tagged):
    assert listing(client, {"topic": "transport"}) == {"meta": {"total_count": 0}, "items": []}
    assert listing(client, {"type": NEWS, "topic": "transport"})["items"] == []


def test_a_malformed_topic_is_a_400(client, tagged):
    for value in ["Water rates", "water/", "", "wa'ter"]:
        assert "'topic'" in error(client, {"topic": value}), value


# Authors.


def test_author_lists_news_and_reports_by_that_person(client, tagged):
    assert set(titles(client, {"author": tagged.ada.slug})) == {
        "Lead pipes replaced",
        "Water rates frozen",
        "Water affordability study",
    }
    assert titles(client, {"type": REPORT, "author": tagged.grace.slug}) == ["Housing trust funds"]
    assert titles(client, {"author": "nobody-at-all"}) == []


# Publication dates.


def test_publication_dates_are_inclusive(client, tagged):
    february = {"published_from": "2026-02-01", "published_to": "2026-02-28"}
    assert set(titles(client, february)) == {
        "Rent relief expands",
        "Water rates frozen",
        "Water affordability study",
    }
    assert set(titles(client, {"type": NEWS, **february})) == {
        "Rent relief expands",
        "Water rates frozen",
    }
    assert titles(client, {"published_from": "2026-03-10"}) == ["Housing trust funds"]
    assert titles(client, {"published_to": "2026-01-15"}) == ["Lead pipes replaced"]
    one_day = {"published_from": "2026-02-01", "published_to": "2026-02-01"}
    assert set(titles(client, one_day)) == {"Rent relief expands", "Water affordability study"}
    backwards = {"published_from": "2026-03-01", "published_to": "2026-01-01"}
    assert titles(client, backwards) == []


def test_publication_dates_must_be_dates(client, tagged):
    for value in ["2026-02-30", "2026-13-01", "yesterday", "2026-02-01T00:00:00", "02/01/2026"]:
        assert "'published_from'" in error(client, {"published_from": value}), value
        assert "'published_to'" in error(client, {"published_to": value}), value


# Filters that cannot apply to the type asked for.


@pytest.mark.parametrize(
    ("page_type", "param", "value"),
    [
        ("home.StandardPage", "topic", "water"),
        ("news.NewsIndexPage", "topic", "water"),
        (EVENT, "author", "ada-lovelace"),
        ("home.CohortPage", "author", "ada-lovelace"),
        (EVENT, "published_from", "2026-01-01"),
        (EVENT, "published_to", "2026-01-01"),
        (NEWS, "when", "upcoming"),
        (REPORT, "when", "past"),
        (NEWS, "start_from", "2026-01-01"),
        ("home.StandardPage", "start_to", "2026-01-01T10:00:00Z"),
    ],
)
def test_a_filter_that_cannot_apply_is_a_400_naming_it(client, home_page, page_type, param, value):
    message = error(client, {"type": page_type, param: value})
    assert f"'{param}'" in message
    assert page_type in message


def test_filters_on_several_types_keep_the_types_they_apply_to(client, tagged):
    query = {"type": f"{NEWS},{EVENT},home.StandardPage", "topic": "water", "order": "title"}
    assert titles(client, query) == [
        "Lead pipes replaced",
        "Ongoing water webinar",
        "Summer institute",
        "Water rates frozen",
        "Winter summit",
    ]


# Events: upcoming and past, start dates and times.


def test_upcoming_events_soonest_first_and_past_ones_latest_first(client, tagged):
    # Whether the client names the event type, several types or none.
    for page_type in [{"type": EVENT}, {}, {"type": f"{EVENT},{NEWS}"}]:
        assert titles(client, {"when": "upcoming", **page_type}) == [
            "Ongoing water webinar",  # under way: still worth showing
            "Spring convening",
            "Summer institute",
        ], page_type
        assert titles(client, {"when": "past", **page_type}) == [
            "Autumn roundtable",
            "Winter summit",
        ], page_type


def test_when_with_an_explicit_order(client, tagged):
    assert titles(client, {"type": EVENT, "when": "upcoming", "order": "-start"}) == [
        "Summer institute",
        "Spring convening",
        "Ongoing water webinar",
    ]
    assert titles(client, {"type": EVENT, "when": "past", "order": "title"}) == [
        "Autumn roundtable",
        "Winter summit",
    ]


def test_when_must_be_upcoming_or_past(client, tagged):
    for value in ["future", "UPCOMING", "", "upcoming,past"]:
        assert "'when'" in error(client, {"when": value}), value


def test_start_bounds_must_be_dates_or_date_times(client, tagged):
    for value in ["2030-06-31", "10 June 2030", "2030-06-10T25:00", "2030-06-10 noon", "now"]:
        assert "'start_from'" in error(client, {"start_from": value}), value
        assert "'start_to'" in error(client, {"start_to": value}), value


# Search: the same pages as the site's search page.


def html_search(client, query):
    """Paths of the pages the site's search page lists for a query, over all its pages."""
    first = HtmlPage(client.get("/search/", {"q": query}).content)
    heading = first.soup.select_one("#results-heading")
    total = int(heading.get_text().split()[0]) if heading else 0
    paths = []
    for number in range(1, math.ceil(total / 10) + 1):
        page = HtmlPage(client.get("/search/", {"q": query, "page": number}).content)
        paths += [link["href"] for link in page.soup.select(".search-result h3 a")]
    assert len(paths) == total
    return paths


def api_search(client, query):
    """Paths of the pages the API's search lists for a query."""
    data = listing(client, {"search": query, "limit": 100})
    assert data["meta"]["total_count"] == len(data["items"])
    base = "http://testserver"
    return [item["meta"]["html_url"].removeprefix(base) for item in data["items"]]


def test_search_finds_what_the_search_page_finds(client, tagged):
    for query in ["water", "Water", "summit", "housing trust", "rent relief", "zzzz", "water!"]:
        assert sorted(api_search(client, query)) == sorted(html_search(client, query)), query
    # More than one page of results on the site.
    notes = [StandardPageFactory(title=f"Gathering notes {number}") for number in range(12)]
    found = html_search(client, "gathering")
    assert sorted(api_search(client, "gathering")) == sorted(found)
    # Twelve notes and five events, and on PostgreSQL (which stems) the "Gatherings" section.
    events = [tagged.winter, tagged.autumn, tagged.today, tagged.soon, tagged.later]
    assert {page.url for page in [*notes, *events]} <= set(found)


def test_search_results(client, tagged):
    assert set(titles(client, {"search": "water"})) >= {
        "Water rates frozen",
        "Water affordability study",
        "Ongoing water webinar",
    }
    assert titles(client, {"search": "housing trust", "search_operator": "and"}) == [
        "Housing trust funds"
    ]
    assert titles(client, {"type": NEWS, "search": "water"}) == ["Water rates frozen"]
    assert titles(client, {"search": "!!! ***"}) == []


def test_search_operator_must_be_and_or_or(client, tagged):
    assert "'search_operator'" in error(client, {"search": "water", "search_operator": "xor"})


# Ordering.


def test_order_by_publication_date(client, tagged):
    assert titles(client, {"type": NEWS, "order": "-publication_date"}) == [
        "Water rates frozen",
        "Rent relief expands",
        "Lead pipes replaced",
    ]
    assert titles(client, {"type": REPORT, "order": "publication_date"}) == [
        "Water affordability study",
        "Housing trust funds",
    ]


def test_order_by_title(client, tagged):
    every = titles(client, {"order": "title"})
    assert every == sorted(every)
    assert titles(client, {"type": REPORT, "order": "-title"}) == [
        "Water affordability study",
        "Housing trust funds",
    ]


def test_order_by_start(client, tagged):
    assert titles(client, {"type": EVENT, "order": "start"}) == [
        "Winter summit",
        "Autumn roundtable",
        "Ongoing water webinar",
        "Spring convening",
        "Summer institute",
    ]


def test_ordering_by_a_field_the_type_lacks_is_a_400(client, tagged):
    assert "start" in error(client, {"order": "start"})
    assert "publication_date" in error(client, {"type": EVENT, "order": "publication_date"})
    assert "nonsense" in error(client, {"type": NEWS, "order": "nonsense"})


# Pagination.


def test_limit_and_offset_page_through_a_listing(client, tagged):
    query = {"type": NEWS, "order": "publication_date"}
    first = listing(client, {**query, "limit": 2})
    assert first["meta"]["total_count"] == 3
    assert [item["title"] for item in first["items"]] == [
        "Lead pipes replaced",
        "Rent relief expands",
    ]
    rest = listing(client, {**query, "limit": 2, "offset": 2})
    assert rest["meta"]["total_count"] == 3
    assert [item["title"] for item in rest["items"]] == ["Water rates frozen"]
    beyond = listing(client, {**query, "offset": 50})
    assert beyond == {"meta": {"total_count": 3}, "items": []}


def test_total_count_counts_the_filtered_listing_not_the_page(client, tagged):
    data = listing(client, {"topic": "water", "limit": 1})
    assert data["meta"]["total_count"] == 7
    assert len(data["items"]) == 1


def test_limit_has_a_ceiling(client, tagged):
    assert "limit" in error(client, {"limit": 101})
    assert (
        len(listing(client, {"limit": 100})["items"]) == listing(client, {})["meta"]["total_count"]
    )


# Combinations.


def test_every_news_filter_at_once(client, tagged):
    query = {
        "type": NEWS,
        "topic": "water",
        "author": "ada-lovelace",
        "published_from": "2026-01-01",
        "published_to": "2026-12-31",
        "search": "water",
        "order": "-publication_date",
    }
    assert titles(client, query) == ["Water rates frozen"]
    del query["search"]
    assert titles(client, query) == ["Water rates frozen", "Lead pipes replaced"]
    assert titles(client, {**query, "published_to": "2026-02-27"}) == ["Lead pipes replaced"]
    assert titles(client, {**query, "author": "grace-hopper"}) == ["Water rates frozen"]
    second = listing(client, {**query, "limit": 1, "offset": 1})
    assert second["meta"]["total_count"] == 2
    assert [item["title"] for item in second["items"]] == ["Lead pipes replaced"]


def test_event_filters_at_once(client, tagged):
    query = {"type": EVENT, "when": "upcoming", "topic": "water", "search": "webinar"}
    assert titles(client, query) == ["Ongoing water webinar"]
    query = {"type": EVENT, "when": "upcoming", "topic": "water", "order": "-start"}
    assert titles(client, query) == ["Summer institute", "Ongoing water webinar"]
    soon = (timezone.localdate() + datetime.timedelta(days=6)).isoformat()
    assert titles(client, {**query, "start_to": soon}) == ["Ongoing water webinar"]


def test_tree_and_topic_filters_at_once(client, tagged):
    newsroom = tagged.pipes.get_parent()
    query = {"child_of": newsroom.pk, "topic": "water", "order": "title"}
    assert titles(client, query) == ["Lead pipes replaced", "Water rates frozen"]
    query = {"descendant_of": tagged.home.pk, "author": "grace-hopper", "search": "housing"}
    assert titles(client, query) == ["Housing trust funds"]
