"""The events front: upcoming events by default, past ones on request, status on cards."""

import datetime

import pytest
from django.utils import timezone

from tests.events.factories import EventIndexPageFactory, EventPageFactory
from tests.home.factories import (
    TopicFactory,
)
from tests.html import card_titles, listing_status, visit_listing

pytestmark = pytest.mark.django_db


@pytest.fixture
def housing():
    return TopicFactory(name="Housing", slug="housing")


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

    upcoming = visit_listing(client, events.url)
    past = visit_listing(client, events.url, {"when": "past"})

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

    page = visit_listing(client, events.url, {"when": "past", "topic": "housing"})

    assert listing_status(page) == "Page 1 of 2"
    assert page.find("a", rel="next").attrs["href"] == "/events/?when=past&topic=housing&page=2"
    assert page.find("a", href="/events/?when=past").text == "All topics"


def test_events_listing_empty_states(client, events):
    upcoming = visit_listing(client, events.url)
    past = visit_listing(client, events.url, {"when": "past"})

    assert "No upcoming events are scheduled" in upcoming.find("p", class_="empty-state").text
    assert past.find("p", class_="empty-state").text == "There are no past events to show."


def test_cancelled_event_card_says_so(client, events):
    EventPageFactory(parent=events, title="Summit", status="cancelled")

    page = visit_listing(client, events.url)

    assert page.find("p", class_="badge").text == "Cancelled"


def test_event_card_gives_its_start_in_the_events_own_time_zone(client, events, settings):
    settings.TIME_ZONE = "America/New_York"  # the site's zone is not the event's
    start = datetime.datetime(2030, 1, 15, 18, 30, tzinfo=datetime.UTC)
    EventPageFactory(parent=events, title="Winter meeting", start=start, time_zone="America/Denver")

    page = visit_listing(client, events.url)

    time = page.find("time", datetime="2030-01-15T11:30:00-07:00")
    assert time.text == "January 15, 2030, 11:30 AM MST"
