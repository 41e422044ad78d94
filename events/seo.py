"""An event for search engines: schema.org Event JSON-LD (EventPage.get_json_ld)."""

import re

from home.seo import SCHEMA, compact

SCHEDULED, OFFLINE = "EventScheduled", "OfflineEventAttendanceMode"
# EventPage.status and .event_format as schema.org's eventStatus and eventAttendanceMode.
EVENT_STATUS = {
    "scheduled": SCHEDULED,
    "cancelled": "EventCancelled",
    "postponed": "EventPostponed",
}
ATTENDANCE_MODE = {
    "in_person": OFFLINE,
    "online": "OnlineEventAttendanceMode",
    "hybrid": "MixedEventAttendanceMode",
}
# "City, ST 12345": the last line of a US street address.
CITY_LINE = re.compile(r"^(?P<city>[^,]+),\s*(?P<state>[A-Z]{2})\s+(?P<zip>\d{5}(?:-\d{4})?)$")


def postal_address(text):
    """A free-text address as a schema.org PostalAddress (city, state and ZIP when found)."""
    lines = [line.strip() for line in text.splitlines() if line.strip()]
    if not lines:
        return None
    match = CITY_LINE.match(lines[-1])
    if match is None:
        return {"@type": "PostalAddress", "streetAddress": ", ".join(lines)}
    return compact(
        {
            "@type": "PostalAddress",
            "streetAddress": ", ".join(lines[:-1]),
            "addressLocality": match["city"].strip(),
            "addressRegion": match["state"],
            "postalCode": match["zip"],
            "addressCountry": "US",
        }
    )


def event_json_ld(event, seo):
    """An Event: times in its own zone, status, attendance mode, where, organizer."""
    places = []
    if event.has_venue:
        address = postal_address(event.address)
        places.append(compact({"@type": "Place", "name": event.venue_name, "address": address}))
    if event.is_online:
        places.append({"@type": "VirtualLocation", "url": event.online_url or seo.canonical_url})
    return compact(
        {
            "@type": "Event",
            "name": seo.title,
            "description": seo.description,
            "url": seo.canonical_url,
            "image": seo.image_urls,
            "startDate": event.local_start and event.local_start.isoformat(),
            "endDate": event.local_end and event.local_end.isoformat(),
            "eventStatus": f"{SCHEMA}/{EVENT_STATUS.get(event.status, SCHEDULED)}",
            "eventAttendanceMode": f"{SCHEMA}/{ATTENDANCE_MODE.get(event.event_format, OFFLINE)}",
            "location": places[0] if len(places) == 1 else places,
            "organizer": seo.site.organization(),
        }
    )
