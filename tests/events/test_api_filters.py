"""The pages API's event-time filters (events/api.py): whole days and exact moments in the
site's zone (America/Chicago), inclusive bounds, and offsets PostgreSQL cannot store."""

import datetime
from zoneinfo import ZoneInfo

import pytest

from tests.api.pages import titles
from tests.events.factories import EventIndexPageFactory, EventPageFactory

pytestmark = pytest.mark.django_db

CHICAGO = ZoneInfo("America/Chicago")
EVENT = "events.EventPage"


@pytest.fixture
def june_events(home_page):
    """Three events around midnight of 10-11 June 2030, Chicago time (UTC-5 in summer)."""
    calendar = EventIndexPageFactory(title="2030")

    def event(title, *moment):
        start = datetime.datetime(*moment, tzinfo=CHICAGO)
        return EventPageFactory(
            parent=calendar, title=title, start=start, end=start + datetime.timedelta(hours=1)
        )

    return [
        event("Breakfast", 2030, 6, 10, 0, 0),  # the first moment of 10 June
        event("Late session", 2030, 6, 10, 23, 30),  # already 11 June in UTC
        event("Morning panel", 2030, 6, 11, 9, 0),
    ]


@pytest.mark.parametrize(
    ("query", "expected"),
    [
        # Dates are whole days in the site's zone, both ends included.
        ({"start_from": "2030-06-10", "start_to": "2030-06-10"}, ["Breakfast", "Late session"]),
        ({"start_from": "2030-06-11"}, ["Morning panel"]),
        ({"start_to": "2030-06-09"}, []),
        ({"start_from": "2030-06-11", "start_to": "2030-06-11"}, ["Morning panel"]),
        # Date-times with an offset are exact; the bounds are inclusive.
        ({"start_from": "2030-06-11T04:30:00Z"}, ["Late session", "Morning panel"]),
        ({"start_from": "2030-06-11T04:30:01+00:00"}, ["Morning panel"]),
        ({"start_to": "2030-06-10T23:29:59-05:00"}, ["Breakfast"]),
        ({"start_to": "2030-06-11T04:30:00Z"}, ["Breakfast", "Late session"]),
        # Date-times without an offset are Chicago time.
        ({"start_to": "2030-06-10T23:30"}, ["Breakfast", "Late session"]),
        ({"start_from": "2030-06-10T23:30:00.000001"}, ["Morning panel"]),
        ({"start_from": "2030-06-10T00:00:00", "start_to": "2030-06-10T00:00:00"}, ["Breakfast"]),
        # Offsets ISO 8601 allows and PostgreSQL does not (beyond 15:59).
        ({"start_to": "2030-06-12T04:31:00+23:59"}, ["Breakfast", "Late session"]),
        ({"start_from": "2030-06-10T09:31:00-19:00"}, ["Morning panel"]),
    ],
)
def test_start_from_and_start_to(client, june_events, query, expected):
    assert titles(client, {"type": EVENT, "order": "start", **query}) == expected
    # Without a type the other pages drop out.
    assert titles(client, {"order": "title", **query}) == sorted(expected)


def test_start_bounds_at_the_ends_of_the_calendar(client, june_events):
    everything = ["Breakfast", "Late session", "Morning panel"]
    query = {"type": EVENT, "order": "start"}
    assert titles(client, {**query, "start_from": "0001-01-01", "start_to": "9999-12-31"}) == (
        everything
    )
    assert titles(client, {**query, "start_to": "9999-12-31T23:59:59Z"}) == everything
