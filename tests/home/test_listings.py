"""Section listings: pagination, topic and date filters, bad input, and constant query cost."""

import datetime

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.utils import timezone

from events.models import EventIndexPage
from news.models import NewsIndexPage
from tests.events.factories import EventIndexPageFactory, EventPageFactory
from tests.home.factories import (
    CohortIndexPageFactory,
    CohortPageFactory,
    ImageFactory,
    PersonFactory,
    TopicFactory,
)
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

pytestmark = pytest.mark.django_db


def add_item(section, index, topic, image):
    """A live page of the section with a topic, an image and, where it has them, an author."""
    _, page_factory, author_factory = SECTIONS[section]
    page = page_factory(parent=index, listing_image=image)
    page.topics.add(topic)
    page.save()  # parental relations are written when the page is saved
    if author_factory:
        author_factory(page=page, person=PersonFactory())
    return page


# section: (index factory, page factory, person-link factory shown on cards or None)
SECTIONS = {
    "news": (NewsIndexPageFactory, NewsArticlePageFactory, NewsArticleAuthorFactory),
    "research": (ResearchIndexPageFactory, ResearchReportPageFactory, ResearchReportAuthorFactory),
    "events": (EventIndexPageFactory, EventPageFactory, None),
    "cohorts": (CohortIndexPageFactory, CohortPageFactory, None),
}


def get(client, url):
    """GET a page and return its response, asserting it rendered."""
    response = client.get(url)
    assert response.status_code == 200, url
    return response


def query_count(client, url):
    get(client, url)  # warm-up: creates any missing image renditions
    with CaptureQueriesContext(connection) as queries:
        get(client, url)
    return len(queries)


@pytest.mark.parametrize("section", SECTIONS)
def test_listing_query_count_does_not_grow_with_items(client, section):
    index = SECTIONS[section][0]()
    topic = TopicFactory()
    for _ in range(2):
        add_item(section, index, topic, ImageFactory())
    few = query_count(client, index.url)
    for _ in range(8):
        add_item(section, index, topic, ImageFactory())
    many = query_count(client, index.url)
    response = get(client, index.url)
    assert len(response.context["items"]) == 10
    assert many == few, f"{section}: {few} queries for 2 items, {many} for 10"


@pytest.mark.parametrize("section", SECTIONS)
def test_listing_paginates_and_survives_bad_page_numbers(client, section):
    index = SECTIONS[section][0]()
    topic = TopicFactory()
    per_page = index.specific.per_page
    items = [add_item(section, index, topic, None) for _ in range(per_page + 2)]
    first = get(client, index.url)
    assert first.context["page_obj"].paginator.num_pages == 2
    second = get(client, f"{index.url}?page=2")
    assert len(second.context["items"]) == 2
    assert {p.pk for p in first.context["items"]}.isdisjoint(
        {p.pk for p in second.context["items"]}
    )
    # Nonsense page numbers land on a real page instead of an error.
    assert get(client, f"{index.url}?page=abc").context["page_obj"].number == 1
    assert get(client, f"{index.url}?page=99999").context["page_obj"].number == 2
    assert get(client, f"{index.url}?page=-3").context["page_obj"].number == 2
    assert len(items) == per_page + 2


@pytest.mark.parametrize("section", SECTIONS)
def test_listing_filters_by_topic_and_explains_unknown_topics(client, section):
    index = SECTIONS[section][0]()
    housing, water = TopicFactory(name="Housing"), TopicFactory(name="Water")
    on_housing = add_item(section, index, housing, None)
    on_water = add_item(section, index, water, None)
    filtered = get(client, f"{index.url}?topic={housing.slug}")
    assert [p.pk for p in filtered.context["items"]] == [on_housing.pk]
    assert on_water.title not in filtered.content.decode()
    unknown = get(client, f"{index.url}?topic=no-such-topic")
    assert list(unknown.context["items"]) == []
    assert "no-such-topic" in unknown.content.decode()


def test_home_page_cost_does_not_grow_with_news_and_events(client, home_page):
    news, events, topic = NewsIndexPage.objects.get(), EventIndexPage.objects.get(), TopicFactory()
    add_item("news", news, topic, ImageFactory())
    add_item("events", events, topic, ImageFactory())
    few = query_count(client, "/")
    for _ in range(3):
        add_item("news", news, topic, ImageFactory())
        add_item("events", events, topic, ImageFactory())
    many = query_count(client, "/")
    shown = {type(front): items for front, items in get(client, "/").context["sections"]}
    assert [len(shown[NewsIndexPage]), len(shown[EventIndexPage])] == [3, 3]
    assert many == few


def test_listing_hides_drafts_and_other_sections(client):
    index, other = NewsIndexPageFactory(), NewsIndexPageFactory()
    live = NewsArticlePageFactory(parent=index)
    draft = NewsArticlePageFactory(parent=index, publish=False)
    elsewhere = NewsArticlePageFactory(parent=other)
    html = get(client, index.url).content.decode()
    assert live.title in html
    assert draft.title not in html
    assert elsewhere.title not in html


def test_news_listing_is_newest_first(client):
    index = NewsIndexPageFactory()
    old = NewsArticlePageFactory(parent=index, publication_date=datetime.date(2025, 1, 5))
    new = NewsArticlePageFactory(parent=index, publication_date=datetime.date(2026, 3, 1))
    assert [p.pk for p in get(client, index.url).context["items"]] == [new.pk, old.pk]


def test_events_listing_splits_upcoming_and_past(client):
    index = EventIndexPageFactory()
    now = timezone.now()
    soon = EventPageFactory(parent=index, start=now + datetime.timedelta(days=2))
    later = EventPageFactory(parent=index, start=now + datetime.timedelta(days=20))
    past = EventPageFactory(parent=index, start=now - datetime.timedelta(days=30))
    upcoming = get(client, index.url)
    assert [p.pk for p in upcoming.context["items"]] == [soon.pk, later.pk]
    assert [p.pk for p in get(client, f"{index.url}?when=past").context["items"]] == [past.pk]
    # An unknown value falls back to upcoming rather than failing.
    fallback = get(client, f"{index.url}?when=tomorrow")
    assert [p.pk for p in fallback.context["items"]] == [soon.pk, later.pk]


def test_event_in_progress_counts_as_upcoming(client):
    index = EventIndexPageFactory()
    now = timezone.now()
    ongoing = EventPageFactory(
        parent=index,
        start=now - datetime.timedelta(hours=1),
        end=now + datetime.timedelta(hours=1),
    )
    assert [p.pk for p in get(client, index.url).context["items"]] == [ongoing.pk]
