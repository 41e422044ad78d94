"""iCalendar files: the calendar of upcoming events to subscribe to, and each event's own file.

Times go out in the event's own time zone (DTSTART;TZID=America/New_York:...T180000) with
its VTIMEZONE, so calendar apps show them right wherever the reader is. Cancelled events
stay in the calendar marked STATUS:CANCELLED, so subscribers see the change; postponed ones
are TENTATIVE at their old time until editors set the new date. Both say so in the title
too, because some apps ignore STATUS.
"""

import datetime

from django.http import HttpResponse
from django.utils import timezone
from django.utils.http import content_disposition_header
from icalendar import Calendar, Event, vDuration

from home.feeds import public_host, site_name
from home.models.mixins import load_topics

PRODID = "-//Mayors Innovation Project//MIP CMS//EN"
# How often subscribed calendar apps should fetch the calendar again.
REFRESH_INTERVAL = datetime.timedelta(hours=1)
CONTENT_TYPE = "text/calendar; charset=utf-8"

# The event's status (EventPage.Status) as iCalendar STATUS, and the word put before the title.
STATUSES = {
    "scheduled": ("CONFIRMED", ""),
    "cancelled": ("CANCELLED", "Cancelled"),
    "postponed": ("TENTATIVE", "Postponed"),
}


def upcoming_events(index, topic=None):
    """The public events under an index that have not ended, soonest first (its front's list)."""
    events, _ = index.filter_listing(index.get_listing_queryset(), {})
    events = list(events.filter(topics=topic) if topic else events)
    load_topics(events)
    return events


def location(event):
    """Where to go: the venue and address, or the online link for an online-only event."""
    if event.has_venue:
        lines = [event.venue_name, *event.address.splitlines()]
        return ", ".join(line.strip() for line in lines if line.strip())
    return event.online_url


def event_component(event, request, stamp):
    """One event as a VEVENT."""
    status, prefix = STATUSES.get(event.status, STATUSES["scheduled"])
    component = Event()
    component.add("uid", f"event-{event.pk}@{public_host()}")
    component.add("dtstamp", stamp)
    component.add("dtstart", event.local_start)
    component.add("dtend", event.local_end)
    title = event.get_listing_title()
    component.add("summary", f"{prefix}: {title}" if prefix else title)
    if description := event.get_description():
        component.add("description", description)
    component.add("url", event.get_full_url(request))
    if place := location(event):
        component.add("location", place)
    component.add("status", status)
    topics = [topic.name for topic in event.get_topics()]
    if topics:
        component.add("categories", topics)
    if event.last_published_at:
        component.add("last-modified", event.last_published_at)
    return component


def build_calendar(events, request, name):
    """A calendar (METHOD:PUBLISH) of these events, with the time zones they use."""
    calendar = Calendar()
    calendar.add("prodid", PRODID)
    calendar.add("version", "2.0")
    calendar.add("calscale", "GREGORIAN")
    calendar.add("method", "PUBLISH")
    calendar.add("name", name)
    calendar.add("x-wr-calname", name)
    calendar.add("refresh-interval", REFRESH_INTERVAL, parameters={"VALUE": "DURATION"})
    # Outlook's name for it; an unknown property, so icalendar needs telling it is a duration.
    calendar.add("x-published-ttl", vDuration(REFRESH_INTERVAL))
    stamp = timezone.now()
    years = set()
    for event in events:
        calendar.add_component(event_component(event, request, stamp))
        years.update((event.local_start.year, event.local_end.year))
    if years:
        # Time zone rules for the years the events span, not icalendar's default 1970-2038.
        calendar.add_missing_timezones(
            first_date=datetime.date(min(years), 1, 1),
            last_date=datetime.date(max(years) + 1, 1, 1),
        )
    return calendar


def calendar_response(calendar, filename=None):
    """The calendar as a text/calendar response; a download named `filename` if one is given."""
    response = HttpResponse(calendar.to_ical(), content_type=CONTENT_TYPE)
    if filename:
        response["Content-Disposition"] = content_disposition_header(True, filename)
    return response


def upcoming_calendar(index, request, topic=None):
    """The calendar of an index's upcoming events (one topic's if given), to subscribe to."""
    title = f"{index.title}: {topic.name}" if topic else index.title
    name = f"{title} | {site_name(request)}"
    return calendar_response(build_calendar(upcoming_events(index, topic), request, name))


def single_event_calendar(event, request=None):
    """One event's calendar: its .ics file's content, for the page and for e-mails."""
    return build_calendar([event], request, f"{event.title} | {site_name(request)}")


def event_calendar(event, request):
    """One event's calendar file, to add it to a calendar."""
    return calendar_response(single_event_calendar(event, request), filename=f"{event.slug}.ics")
