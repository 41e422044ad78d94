"""Factories for the events section."""

import datetime

import factory
from django.utils import timezone
from factory.django import DjangoModelFactory

from events.models import EventIndexPage, EventPage, EventSpeaker
from events.registration import EventRegistrationField, EventRegistrationPage
from tests.factories import PublishedPageFactory, SectionPageFactory, site_section, stream
from tests.home.factories import PersonFactory


class EventIndexPageFactory(SectionPageFactory):
    title = factory.Sequence(lambda n: f"Events {n}")

    class Meta:
        model = EventIndexPage


class EventPageFactory(PublishedPageFactory):
    """An in-person event a week from now, two hours long, in Chicago time."""

    title = factory.Sequence(lambda n: f"Heat resilience workshop {n}")
    parent = site_section(EventIndexPage, EventIndexPageFactory)
    summary = "Mayors compare cooling centre networks and tree canopy plans."
    start = factory.LazyFunction(
        lambda: (timezone.now() + datetime.timedelta(days=7)).replace(microsecond=0)
    )
    end = factory.LazyAttribute(lambda obj: obj.start + datetime.timedelta(hours=2))
    time_zone = "America/Chicago"
    event_format = EventPage.Format.IN_PERSON
    venue_name = "City Hall, Room 201"
    address = "210 Martin Luther King Jr Blvd\nMadison, WI 53703"
    registration_url = "https://example.org/register"
    body = stream(("paragraph", "<p>Bring your city's heat plan.</p>"))

    class Meta:
        model = EventPage


class EventSpeakerFactory(DjangoModelFactory):
    page = factory.SubFactory(EventPageFactory)
    person = factory.SubFactory(PersonFactory)

    class Meta:
        model = EventSpeaker


def registration_fields():
    """A registration form's fields: name, e-mail, city (unsaved, in order)."""
    return [
        EventRegistrationField(label="Your name", field_type="singleline", sort_order=0),
        EventRegistrationField(label="Email", field_type="email", sort_order=1),
        EventRegistrationField(label="City", field_type="singleline", sort_order=2),
    ]


class EventRegistrationPageFactory(PublishedPageFactory):
    """The registration form of an event (by default a new event with 3 places, no link)."""

    title = "Register"
    parent = factory.LazyFunction(lambda: EventPageFactory(places=3, registration_url=""))
    thank_you_text = "<p>See you there.</p>"
    to_address = "events@mayorsinnovation.example"
    form_fields = factory.LazyFunction(registration_fields)

    class Meta:
        model = EventRegistrationPage
