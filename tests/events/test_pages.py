"""An event page as visitors see it: times in the event's own zone, status, how to attend."""

import datetime
from zoneinfo import ZoneInfo

import pytest
from django.utils import timezone

from events.models import EventPage
from tests.events.factories import EventPageFactory, EventSpeakerFactory
from tests.home.factories import (
    PersonFactory,
)
from tests.html import visit

pytestmark = pytest.mark.django_db

NEW_YORK = ZoneInfo("America/New_York")


DASH = "\N{EN DASH}"


def test_event_page_shows_time_in_the_events_own_zone(client, home_page):
    start = datetime.datetime(2031, 1, 15, 10, 0, tzinfo=NEW_YORK)
    event = EventPageFactory(
        title="Winter meeting",
        start=start,
        end=start + datetime.timedelta(hours=1, minutes=30),
        time_zone="America/New_York",
        registration_deadline=start - datetime.timedelta(days=3),
    )
    EventSpeakerFactory(page=event, person=PersonFactory(name="Mayor Kim", role="Mayor"))

    page = visit(client, event)

    when = page.find("section", class_="event-details").text
    assert f"Wednesday, January 15, 2031, 10:00 AM {DASH} 11:30 AM EST" in when
    assert "In person" in when
    assert "City Hall, Room 201" in when
    assert "Sunday, January 12, 2031, 10:00 AM EST" in when
    assert page.find("a", href="https://example.org/register").text.startswith("Register")
    assert "Mayor Kim" in page.text
    assert not page.with_class("notice")


def test_summer_event_shows_daylight_time_abbreviation(client, home_page):
    start = datetime.datetime(2031, 7, 1, 18, 0, tzinfo=ZoneInfo("America/Los_Angeles"))
    event = EventPageFactory(
        start=start, end=start + datetime.timedelta(hours=2), time_zone="America/Los_Angeles"
    )

    page = visit(client, event)

    assert f"Tuesday, July 1, 2031, 6:00 PM {DASH} 8:00 PM PDT" in page.text


def test_multi_day_event_shows_both_dates(client, home_page):
    start = datetime.datetime(2031, 6, 2, 9, 0, tzinfo=ZoneInfo("America/Chicago"))
    event = EventPageFactory(start=start, end=start + datetime.timedelta(days=1, hours=8))

    page = visit(client, event)

    assert (
        f"Monday, June 2, 2031, 9:00 AM CDT {DASH} Tuesday, June 3, 2031, 5:00 PM CDT" in page.text
    )


@pytest.mark.parametrize(
    ("status", "message"),
    [
        (EventPage.Status.CANCELLED, "This event has been cancelled."),
        (EventPage.Status.POSTPONED, "This event has been postponed."),
    ],
)
def test_cancelled_or_postponed_event_shows_a_banner_and_no_registration(
    client, home_page, status, message
):
    event = EventPageFactory(status=status)

    page = visit(client, event)

    assert message in page.with_class("notice")[0].text
    assert not page.find_all("a", href="https://example.org/register")


def test_online_event_shows_join_link_and_no_venue(client, home_page):
    event = EventPageFactory(
        event_format=EventPage.Format.ONLINE,
        venue_name="",
        address="",
        online_url="https://example.org/webinar",
    )

    page = visit(client, event)

    assert "Online" in page.text
    assert page.find("a", href="https://example.org/webinar").text == "Join online"
    assert "Where" not in [e.text for e in page.find_all("dt")]


def test_past_event_says_it_has_ended_and_offers_no_registration(client, home_page):
    event = EventPageFactory(
        start=timezone.now() - datetime.timedelta(days=3),
        end=timezone.now() - datetime.timedelta(days=3) + datetime.timedelta(hours=2),
    )

    page = visit(client, event)

    assert "This event has ended." in page.text
    assert not page.find_all("a", href="https://example.org/register")
