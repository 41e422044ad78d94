"""An event for search engines: how to attend, where, its status and its times in its own zone."""

import datetime
from zoneinfo import ZoneInfo

import pytest

from events.models import EventPage
from tests.events.factories import EventPageFactory
from tests.head import SCHEMA, read_head

pytestmark = pytest.mark.django_db


@pytest.mark.parametrize(
    ("event_format", "mode", "locations"),
    [
        (EventPage.Format.IN_PERSON, "OfflineEventAttendanceMode", ["Place"]),
        (EventPage.Format.ONLINE, "OnlineEventAttendanceMode", ["VirtualLocation"]),
        (EventPage.Format.HYBRID, "MixedEventAttendanceMode", ["Place", "VirtualLocation"]),
    ],
)
def test_event_says_how_to_attend_and_where(client, home_page, event_format, mode, locations):
    venue = {"venue_name": "", "address": ""} if event_format == EventPage.Format.ONLINE else {}
    event = EventPageFactory(
        event_format=event_format, online_url="https://example.org/join", **venue
    )

    schema = read_head(client, event.url).schema

    assert schema["@type"] == "Event"
    assert schema["eventAttendanceMode"] == f"{SCHEMA}/{mode}"
    assert schema["eventStatus"] == f"{SCHEMA}/EventScheduled"
    places = schema["location"] if isinstance(schema["location"], list) else [schema["location"]]
    assert [place["@type"] for place in places] == locations
    for place in places:
        if place["@type"] == "Place":
            assert place["name"] == "City Hall, Room 201"
            assert place["address"] == {
                "@type": "PostalAddress",
                "streetAddress": "210 Martin Luther King Jr Blvd",
                "addressLocality": "Madison",
                "addressRegion": "WI",
                "postalCode": "53703",
                "addressCountry": "US",
            }
        else:
            assert place["url"] == "https://example.org/join"
    assert schema["organizer"]["name"] == "Mayors Innovation Project"


@pytest.mark.parametrize(
    ("status", "schema_status"),
    [
        (EventPage.Status.CANCELLED, "EventCancelled"),
        (EventPage.Status.POSTPONED, "EventPostponed"),
    ],
)
def test_cancelled_or_postponed_event_says_so(client, home_page, status, schema_status):
    event = EventPageFactory(status=status)

    assert read_head(client, event.url).schema["eventStatus"] == f"{SCHEMA}/{schema_status}"


@pytest.mark.parametrize(
    ("zone", "start", "expected_start", "expected_end"),
    [
        ("America/New_York", (2031, 1, 15, 10), "2031-01-15T10:00:00-05:00", "11:30:00-05:00"),
        ("America/Los_Angeles", (2031, 7, 1, 18), "2031-07-01T18:00:00-07:00", "19:30:00-07:00"),
    ],
)
def test_event_times_carry_the_offset_of_the_events_own_zone(
    client, home_page, zone, start, expected_start, expected_end
):
    begins = datetime.datetime(*start, tzinfo=ZoneInfo(zone))
    event = EventPageFactory(
        start=begins, end=begins + datetime.timedelta(hours=1, minutes=30), time_zone=zone
    )

    schema = read_head(client, event.url).schema

    assert schema["startDate"] == expected_start
    assert schema["endDate"] == f"{expected_start[:11]}{expected_end}"
