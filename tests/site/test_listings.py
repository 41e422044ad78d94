"""Section listings: pagination, topic filters, upcoming/past events and bad input."""

import datetime

import pytest
from django.utils import timezone

from tests.events.factories import EventIndexPageFactory, EventPageFactory
from tests.home.factories import (
    ImageFactory,
    TopicFactory,
)
from tests.news.factories import (
    NewsArticlePageFactory,
    NewsIndexPageFactory,
)

from .html import assert_accessible_basics, parse

pytestmark = pytest.mark.django_db


@pytest.fixture
def news(home_page):
    return NewsIndexPageFactory(title="News", slug="news", show_in_menus=True)


@pytest.fixture
def housing():
    return TopicFactory(name="Housing", slug="housing")


def add_articles(index, count, topic=None):
    for number in range(count):
        article = NewsArticlePageFactory(parent=index, title=f"Story {number}")
        if topic:
            article.topics.add(topic)
            article.save_revision().publish()


def get(client, url, params=None):
    response = client.get(url, params or {})
    assert response.status_code == 200
    page = parse(response)
    assert_accessible_basics(page)
    return page


def card_titles(page):
    return [e.text for e in page.find_all("h3", class_="card__title")]


def status(page):
    return page.find("p", class_="pagination__status").text


def test_listing_paginates_ten_to_a_page(client, news):
    add_articles(news, 12)

    first = get(client, news.url)
    second = get(client, news.url, {"page": "2"})

    assert len(card_titles(first)) == 10
    assert status(first) == "Page 1 of 2"
    assert first.find("a", rel="next").attrs["href"] == "/news/?page=2"
    assert not first.find_all("a", rel="prev")
    assert first.find("nav", aria_label="Pagination")
    assert len(card_titles(second)) == 2
    assert status(second) == "Page 2 of 2"
    assert second.find("a", rel="prev").attrs["href"] == "/news/?page=1"


def test_one_page_listing_has_no_pagination(client, news):
    add_articles(news, 3)

    page = get(client, news.url)

    assert len(card_titles(page)) == 3
    assert not page.find_all("nav", aria_label="Pagination")


def test_topic_filter_narrows_the_listing_and_pagination_keeps_it(client, news, housing):
    add_articles(news, 11, topic=housing)
    NewsArticlePageFactory(parent=news, title="About water")

    page = get(client, news.url, {"topic": "housing"})

    assert "About water" not in card_titles(page)
    assert status(page) == "Page 1 of 2"
    assert page.find("a", rel="next").attrs["href"] == "/news/?topic=housing&page=2"
    topic_links = page.inside(page.find("nav", aria_label="Filter by topic"))
    current = [e.text for e in topic_links if e.tag == "a" and e.attrs.get("aria-current")]
    assert current == ["Housing"]
    assert "Showing news stories about Housing." in page.text
    assert "Clear the filter" in page.link_texts("/news/")


def test_topic_links_restart_at_page_one(client, news, housing):
    add_articles(news, 11, topic=housing)

    page = get(client, news.url, {"page": "2"})

    assert page.find("a", href="/news/?topic=housing").text == "Housing"
    assert page.find("a", href="/news/", aria_current="true").text == "All topics"


def test_unknown_topic_says_so_and_offers_to_clear_the_filter(client, news, housing):
    add_articles(news, 2, topic=housing)

    page = get(client, news.url, {"topic": "nope"})

    notice = page.find("div", class_="notice")
    assert "There is no topic called “nope”." in notice.text
    assert "Show everything" in page.link_texts("/news/")
    assert not card_titles(page)


def test_empty_listing_has_an_empty_state(client, news):
    page = get(client, news.url)

    assert page.find("p", class_="empty-state").text == "There are no news stories to show yet."


def test_topic_without_stories_offers_to_clear_the_filter(client, news, housing):
    add_articles(news, 2)

    page = get(client, news.url, {"topic": "housing"})

    empty = page.find("p", class_="empty-state")
    assert "There are no news stories to show yet." in empty.text
    assert "Clear the topic filter" in page.link_texts("/news/")


def test_cards_show_date_summary_topics_and_image(client, news, housing):
    article = NewsArticlePageFactory(
        parent=news,
        title="Housing trust funds",
        listing_title="Trust funds that work",
        publication_date=datetime.date(2026, 4, 2),
        summary="Three cities and their trust funds.",
        listing_image=ImageFactory(),
    )
    article.topics.add(housing)
    article.save_revision().publish()

    page = get(client, news.url)

    card = page.find("article", class_="card")
    assert card.text.startswith("Trust funds that work April 2, 2026")
    assert "Three cities and their trust funds." in card.text
    assert "Housing" in page.find("ul", class_="tags").text
    image = page.inside(page.find("div", class_="card__image"))[0]
    assert ".fill-640x360" in image.attrs["src"]


@pytest.fixture
def events(home_page):
    return EventIndexPageFactory(title="Events", slug="events", show_in_menus=True)


def past_event(index, title, days_ago=10):
    start = timezone.now() - datetime.timedelta(days=days_ago)
    return EventPageFactory(
        parent=index, title=title, start=start, end=start + datetime.timedelta(hours=2)
    )


def tabs(page):
    links = page.inside(page.find("nav", class_="tabs"))
    return {a.text: a.attrs.get("aria-current") for a in links if a.tag == "a"}


def test_events_listing_shows_upcoming_by_default_and_past_on_request(client, events):
    EventPageFactory(parent=events, title="Next week")
    past_event(events, "Last month")

    upcoming = get(client, events.url)
    past = get(client, events.url, {"when": "past"})

    assert card_titles(upcoming) == ["Next week"]
    assert tabs(upcoming) == {"Upcoming": "page", "Past": None}
    assert card_titles(past) == ["Last month"]
    assert tabs(past) == {"Upcoming": None, "Past": "page"}
    assert "Upcoming" in past.link_texts("/events/")
    assert "Past" in upcoming.link_texts("/events/?when=past")


def test_past_events_pagination_keeps_when_and_topic(client, events, housing):
    for number in range(11):
        event = past_event(events, f"Old event {number}", days_ago=10 + number)
        event.topics.add(housing)
        event.save_revision().publish()

    page = get(client, events.url, {"when": "past", "topic": "housing"})

    assert status(page) == "Page 1 of 2"
    assert page.find("a", rel="next").attrs["href"] == "/events/?when=past&topic=housing&page=2"
    assert page.find("a", href="/events/?when=past").text == "All topics"


def test_events_listing_empty_states(client, events):
    upcoming = get(client, events.url)
    past = get(client, events.url, {"when": "past"})

    assert "No upcoming events are scheduled" in upcoming.find("p", class_="empty-state").text
    assert past.find("p", class_="empty-state").text == "There are no past events to show."


def test_cancelled_event_card_says_so(client, events):
    EventPageFactory(parent=events, title="Summit", status="cancelled")

    page = get(client, events.url)

    assert page.find("p", class_="badge").text == "Cancelled"
