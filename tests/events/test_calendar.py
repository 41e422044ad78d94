"""iCalendar files of events, as a calendar app reads them: times in the event's own zone."""

import datetime
import re
from zoneinfo import ZoneInfo

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.utils import timezone
from icalendar import Calendar

from events.models import EventPage
from tests.events.factories import EventIndexPageFactory, EventPageFactory
from tests.hidden import hidden_pages
from tests.home.factories import TopicFactory
from tests.html import parse

pytestmark = pytest.mark.django_db

NEW_YORK = ZoneInfo("America/New_York")
CONTENT_TYPE = "text/calendar; charset=utf-8"


@pytest.fixture
def events(home_page):
    return EventIndexPageFactory(title="Events", slug="events")


def in_days(days, hour=10, zone=NEW_YORK):
    """A wall-clock time `days` from now in `zone`, on the hour."""
    local = timezone.now().astimezone(zone) + datetime.timedelta(days=days)
    return local.replace(hour=hour, minute=0, second=0, microsecond=0)


def read_calendar(client, url):
    """GET a calendar and parse it as a calendar app would; returns (text, calendar)."""
    response = client.get(url)
    assert response.status_code == 200, url
    assert response["Content-Type"] == CONTENT_TYPE
    text = response.content.decode()
    return text, Calendar.from_ical(text)


def summaries(calendar):
    return [str(event["SUMMARY"]) for event in calendar.walk("VEVENT")]


def test_calendar_lists_upcoming_events_soonest_first(client, events):
    EventPageFactory(parent=events, title="Later", start=in_days(20), end=in_days(20, hour=12))
    EventPageFactory(parent=events, title="Sooner", start=in_days(3), end=in_days(3, hour=12))
    EventPageFactory(parent=events, title="Over", start=in_days(-3), end=in_days(-3, hour=12))
    EventPageFactory(
        parent=events, title="Still going", start=in_days(-1), end=in_days(1), time_zone="UTC"
    )

    text, calendar = read_calendar(client, "/events/feed/ics/")

    assert summaries(calendar) == ["Still going", "Sooner", "Later"]
    assert str(calendar["VERSION"]) == "2.0"
    assert str(calendar["PRODID"]) == "-//Mayors Innovation Project//MIP CMS//EN"
    assert str(calendar["METHOD"]) == "PUBLISH"
    assert str(calendar["X-WR-CALNAME"]) == "Events | Mayors Innovation Project"
    # Subscribed apps fetch it again hourly.
    assert "REFRESH-INTERVAL;VALUE=DURATION:PT1H\r\nX-PUBLISHED-TTL:PT1H\r\n" in text
    assert "Content-Disposition" not in client.get("/events/feed/ics/")  # to subscribe to
    assert text.startswith("BEGIN:VCALENDAR\r\n")


def test_event_time_is_given_in_its_own_time_zone(client, events):
    start = in_days(30, hour=18)  # 6 pm in New York
    event = EventPageFactory(
        parent=events,
        title="Evening webinar",
        start=start,
        end=start + datetime.timedelta(hours=1, minutes=30),
        time_zone="America/New_York",
    )
    event.refresh_from_db()  # as stored: UTC

    text, calendar = read_calendar(client, "/events/feed/ics/")

    assert f"DTSTART;TZID=America/New_York:{start:%Y%m%d}T180000\r\n" in text
    assert f"DTEND;TZID=America/New_York:{start:%Y%m%d}T193000\r\n" in text
    (vevent,) = calendar.walk("VEVENT")
    assert vevent.decoded("DTSTART") == event.start  # the same instant as the database's
    assert vevent.decoded("DTEND") == event.end
    assert [str(tz["TZID"]) for tz in calendar.walk("VTIMEZONE")] == ["America/New_York"]


def test_each_zone_used_gets_one_time_zone_definition(client, events):
    for zone in ["America/New_York", "America/Los_Angeles", "America/New_York", "UTC"]:
        EventPageFactory(parent=events, time_zone=zone)

    text, calendar = read_calendar(client, "/events/feed/ics/")

    zones = sorted(str(tz["TZID"]) for tz in calendar.walk("VTIMEZONE"))
    assert zones == ["America/Los_Angeles", "America/New_York"]
    assert re.search(r"^DTSTART:\d{8}T\d{6}Z\r$", text, re.MULTILINE)  # UTC needs no zone
    assert len(calendar.walk("VEVENT")) == 4


def test_event_has_stable_id_link_place_description_and_topics(client, events):
    topic = TopicFactory(name="Climate")
    event = EventPageFactory(
        parent=events,
        title="Heat workshop",
        slug="heat",
        summary="Mayors compare cooling centres; bring your plan.",
        venue_name="City Hall, Room 201",
        address="210 Martin Luther King Jr Blvd\nMadison, WI 53703",
    )
    event.topics.set([topic])
    event.save_revision().publish()
    event.refresh_from_db()

    _, calendar = read_calendar(client, "/events/feed/ics/")
    (vevent,) = calendar.walk("VEVENT")

    assert str(vevent["UID"]) == f"event-{event.pk}@testserver"
    assert str(vevent["URL"]) == "http://testserver/events/heat/"
    assert str(vevent["DESCRIPTION"]) == "Mayors compare cooling centres; bring your plan."
    assert str(vevent["LOCATION"]) == (
        "City Hall, Room 201, 210 Martin Luther King Jr Blvd, Madison, WI 53703"
    )
    assert vevent.categories == ["Climate"]
    assert str(vevent["STATUS"]) == "CONFIRMED"
    assert vevent.decoded("LAST-MODIFIED") == event.last_published_at.replace(microsecond=0)
    assert "DTSTAMP" in vevent


def test_online_event_gives_its_join_link_as_the_place(client, events):
    EventPageFactory(
        parent=events,
        event_format=EventPage.Format.ONLINE,
        venue_name="",
        address="",
        online_url="https://example.org/webinar",
    )

    _, calendar = read_calendar(client, "/events/feed/ics/")

    assert str(calendar.walk("VEVENT")[0]["LOCATION"]) == "https://example.org/webinar"


@pytest.mark.parametrize(
    ("status", "ical_status", "summary"),
    [
        (EventPage.Status.CANCELLED, "CANCELLED", "Cancelled: Heat workshop"),
        (EventPage.Status.POSTPONED, "TENTATIVE", "Postponed: Heat workshop"),
        (EventPage.Status.SCHEDULED, "CONFIRMED", "Heat workshop"),
    ],
)
def test_cancelled_and_postponed_events_say_so(client, events, status, ical_status, summary):
    event = EventPageFactory(parent=events, title="Heat workshop", status=status)

    for url in ("/events/feed/ics/", f"{event.url}ics/"):
        _, calendar = read_calendar(client, url)
        (vevent,) = calendar.walk("VEVENT")
        assert str(vevent["STATUS"]) == ical_status, url
        assert str(vevent["SUMMARY"]) == summary, url


def test_one_events_file_downloads_with_its_name(client, events):
    EventPageFactory(parent=events, title="Other")
    start = in_days(-30, hour=18)  # past events can still be saved to a calendar
    event = EventPageFactory(
        parent=events,
        title="Heat workshop",
        slug="heat",
        start=start,
        end=start + datetime.timedelta(hours=2),
        time_zone="America/New_York",
    )

    response = client.get("/events/heat/ics/")
    text, calendar = read_calendar(client, "/events/heat/ics/")

    assert response["Content-Disposition"] == 'attachment; filename="heat.ics"'
    assert summaries(calendar) == ["Heat workshop"]
    assert str(calendar.walk("VEVENT")[0]["UID"]) == f"event-{event.pk}@testserver"
    assert f"DTSTART;TZID=America/New_York:{start:%Y%m%d}T180000\r\n" in text
    assert client.get("/events/heat/").status_code == 200


def test_topic_calendar_lists_only_that_topic(client, events):
    water = TopicFactory(name="Water", slug="water")
    for title, topics in [("About water", [water]), ("About nothing", [])]:
        event = EventPageFactory(parent=events, title=title)
        event.topics.set(topics)
        event.save_revision().publish()

    _, calendar = read_calendar(client, "/events/feed/ics/?topic=water")

    assert summaries(calendar) == ["About water"]
    assert str(calendar["X-WR-CALNAME"]) == "Events: Water | Mayors Innovation Project"
    assert client.get("/events/feed/ics/?topic=fire").status_code == 404


def test_calendars_never_list_an_event_visitors_may_not_see(client, events):
    EventPageFactory(parent=events, title="Open to all")
    hidden = hidden_pages(EventPageFactory, EventIndexPageFactory, events)

    text, calendar = read_calendar(client, "/events/feed/ics/")

    assert summaries(calendar) == ["Open to all"]
    for kind, event in hidden.items():
        assert event.title not in text, f"{kind} leaked"
        # Its own file does not exist either (not a password form).
        url = f"{event.get_parent().url}{event.slug}/ics/"
        assert client.get(url).status_code == 404, f"{kind}: {url}"


def test_calendar_query_count_does_not_grow_with_events(client, events):
    topic = TopicFactory()

    def add(count):
        for _ in range(count):
            event = EventPageFactory(parent=events)
            event.topics.set([topic])
            event.save_revision().publish()

    def query_count():
        client.get("/events/feed/ics/")  # warm: site root paths
        with CaptureQueriesContext(connection) as queries:
            assert client.get("/events/feed/ics/").status_code == 200
        return len(queries)

    add(2)
    few = query_count()
    add(8)
    many = query_count()

    assert len(read_calendar(client, "/events/feed/ics/")[1].walk("VEVENT")) == 10
    assert many == few, f"{few} queries for 2 events, {many} for 10"


def test_event_pages_offer_their_calendar_files(client, events):
    event = EventPageFactory(parent=events, title="Heat workshop", slug="heat")
    past = EventPageFactory(
        parent=events, title="Old workshop", start=in_days(-9), end=in_days(-9, hour=12)
    )

    page = parse(client.get(event.url))
    listing = parse(client.get("/events/"))

    link = page.find("a", href="/events/heat/ics/")
    assert link.text == "Add Heat workshop to calendar (.ics)"
    assert "download" in link.attrs
    assert not parse(client.get(past.url)).find_all("a", type="text/calendar")
    subscribe = listing.find("a", href="/events/feed/ics/")
    assert subscribe.text == "Subscribe to the events calendar"
