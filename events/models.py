"""The events section: gatherings and webinars, each in its own time zone."""

from zoneinfo import ZoneInfo

from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import models
from django.db.models import Count, Q
from django.utils import timezone
from modelcluster.fields import ParentalKey
from wagtail.admin.forms import WagtailAdminPageForm
from wagtail.admin.panels import FieldPanel, FieldRowPanel, InlinePanel, MultiFieldPanel
from wagtail.api import APIField
from wagtail.contrib.forms.models import FormSubmission
from wagtail.contrib.routable_page.models import path
from wagtail.fields import StreamField
from wagtail.models import Page, PageManager
from wagtail.query import PageQuerySet
from wagtail.search import index

from home.api_fields import Represented
from home.blocks import BodyBlock
from home.feeds import PageRoutesMixin
from home.models import (
    BasePage,
    ContactMixin,
    IndexPage,
    PersonLink,
    TopicsMixin,
)
from home.models.base import panels_without
from home.models.mixins import linked_people, people_field
from home.privacy import public_pages
from home.representations import public_url

from .calendar import event_calendar, upcoming_calendar
from .forms import EventPageForm
from .registration import EventRegistrationPage
from .seo import event_json_ld

TIME_ZONES = [
    ("America/New_York", "Eastern (New York)"),
    ("America/Chicago", "Central (Chicago)"),
    ("America/Denver", "Mountain (Denver)"),
    ("America/Phoenix", "Mountain, no daylight saving (Phoenix)"),
    ("America/Los_Angeles", "Pacific (Los Angeles)"),
    ("America/Anchorage", "Alaska (Anchorage)"),
    ("Pacific/Honolulu", "Hawaii (Honolulu)"),
    ("America/Puerto_Rico", "Atlantic (Puerto Rico)"),
    ("UTC", "UTC"),
]


def default_time_zone():
    """The site's time zone, used for new events."""
    return settings.TIME_ZONE


def upcoming(now=None):
    """Query condition: the event has not ended (it is to come, or under way)."""
    return Q(end__gte=now or timezone.now())


def registration_form_representation(form):
    """An event's registration form in the API: the page, and where to send registrations."""
    if form is None:
        return None
    return {
        "id": form.pk,
        "title": form.title,
        "html_url": public_url(form.url),
        "submission_url": form.submission_url,
    }


class EventQuerySet(PageQuerySet):
    """Events that are upcoming (soonest first) or past (latest first)."""

    def upcoming(self):
        return self.filter(upcoming()).order_by("start", "pk")

    def past(self):
        return self.exclude(upcoming()).order_by("-start", "-pk")


class EventIndexPage(PageRoutesMixin, IndexPage):
    """The events section front: upcoming events soonest first, or past events; a calendar."""

    parent_page_types = ["home.HomePage"]
    subpage_types = ["events.EventPage"]
    listing_model = "events.EventPage"
    listing_ordering = ("start", "pk")
    card_template = "components/event_card.html"
    home_teasers = 3
    home_heading = "Upcoming events"
    feeds = (("calendar", "iCalendar", "text/calendar"),)

    class Meta:
        verbose_name = "event index page"

    @path("feed/ics/", name="calendar")
    def calendar(self, request):
        """Upcoming events as a calendar to subscribe to; ?topic=slug for one topic's."""
        return upcoming_calendar(self, request, self.feed_topic(request))

    def filter_listing(self, queryset, params):
        """`?when=past` for past events, latest first; else upcoming ones, soonest first."""
        when = "past" if params.get("when") == "past" else "upcoming"
        queryset = queryset.past() if when == "past" else queryset.upcoming()
        return queryset, {"when": when}


class EventPage(PageRoutesMixin, ContactMixin, TopicsMixin, BasePage):
    """An event: when (in its own time zone), where or how to join, and how to register."""

    class Format(models.TextChoices):
        ONLINE = "online", "Online"
        IN_PERSON = "in_person", "In person"
        HYBRID = "hybrid", "Hybrid (in person and online)"

    class Status(models.TextChoices):
        SCHEDULED = "scheduled", "Scheduled"
        CANCELLED = "cancelled", "Cancelled"
        POSTPONED = "postponed", "Postponed"

    parent_page_types = ["events.EventIndexPage"]
    subpage_types = ["events.EventRegistrationPage"]

    objects = PageManager.from_queryset(EventQuerySet)()

    start = models.DateTimeField(db_index=True, help_text="In the event's time zone.")
    end = models.DateTimeField(db_index=True, help_text="In the event's time zone.")
    time_zone = models.CharField(
        max_length=40,
        choices=TIME_ZONES,
        default=default_time_zone,
        help_text="Where the event happens; start and end are entered and shown in this zone.",
    )
    event_format = models.CharField(
        "format", max_length=20, choices=Format.choices, default=Format.IN_PERSON
    )
    status = models.CharField(max_length=20, choices=Status.choices, default=Status.SCHEDULED)
    venue_name = models.CharField(max_length=200, blank=True)
    address = models.TextField(blank=True, help_text="Street address, one line per row.")
    online_url = models.URLField(
        "online link", blank=True, help_text="Where attendees join online (webinar or stream)."
    )
    registration_url = models.URLField("registration link", blank=True)
    registration_deadline = models.DateTimeField(
        null=True, blank=True, help_text="In the event's time zone. Leave empty if none."
    )
    places = models.PositiveIntegerField(
        null=True,
        blank=True,
        help_text=(
            "How many people can register through the event's registration form (a page "
            "added under the event). Leave empty for no limit."
        ),
    )
    body = StreamField(BodyBlock(), blank=True)

    base_form_class = EventPageForm
    # The API sends times with their UTC offset, so its form takes them as they are; the
    # admin's form reads wall-clock times in the event's zone.
    api_base_form_class = WagtailAdminPageForm

    content_panels = [
        *Page.content_panels,
        FieldPanel("summary"),
        MultiFieldPanel(
            [
                FieldRowPanel([FieldPanel("start"), FieldPanel("end")]),
                FieldPanel("time_zone"),
                FieldPanel("status"),
            ],
            heading="When",
        ),
        MultiFieldPanel(
            [
                FieldPanel("event_format"),
                FieldPanel("venue_name"),
                FieldPanel("address"),
                FieldPanel("online_url"),
            ],
            heading="Where",
        ),
        MultiFieldPanel(
            [
                FieldPanel(
                    "registration_url",
                    help_text=(
                        "A registration page on another site. Leave empty when the event "
                        "takes registrations through its own form (add a registration form "
                        "page under the event): the form wins when there are both."
                    ),
                ),
                FieldPanel("registration_deadline"),
                FieldPanel("places"),
            ],
            heading="Registration",
        ),
        InlinePanel("speakers", label="Speaker", heading="Speakers"),
        FieldPanel("contact"),
        FieldPanel("topics"),
        FieldPanel(
            "listing_image",
            heading="Main image",
            help_text="Shown at the top of the page and beside it in listings.",
        ),
        FieldPanel("body"),
    ]
    # The main image is the listing image: edited on the Content tab, not twice.
    promote_panels = panels_without(BasePage.promote_panels, "listing_image")

    search_fields = [
        *BasePage.search_fields,
        index.SearchField("venue_name"),
        index.SearchField("address"),
        index.SearchField("body"),
        index.FilterField("start"),
        index.FilterField("end"),
    ]

    # start, end and registration_deadline go out in the site's time zone and are written
    # with their UTC offset; the local_* fields give the same moments in the event's zone.
    api_fields = [
        *BasePage.api_fields,
        APIField("start", writable=True),
        APIField("end", writable=True),
        APIField("local_start"),
        APIField("local_end"),
        APIField("time_zone", writable=True),
        APIField("event_format", writable=True),
        APIField("status", writable=True),
        APIField("venue_name", writable=True),
        APIField("address", writable=True),
        APIField("online_url", writable=True),
        APIField("registration_url", writable=True),
        APIField("registration_deadline", writable=True),
        APIField("local_registration_deadline"),
        APIField("registration_open"),
        APIField("registration_form", serializer=Represented(registration_form_representation)),
        APIField("places", writable=True),
        APIField("places_left"),
        people_field("speakers"),
        *ContactMixin.api_fields,
        *TopicsMixin.api_fields,
        APIField("body", writable=True),
    ]
    api_prefetch = ("speakers", "contact")
    # Dotted paths (filters need the API, which loads after the models): events/api.py.
    api_filters = ("events.api.EventFilter",)
    feeds = (("calendar", "iCalendar", "text/calendar"),)
    # Fields worked out from the registration form and its submissions (loaded in bulk).
    registration_fields = {"registration_open", "registration_form", "places_left"}

    schema_org_type = "Event"

    class Meta:
        verbose_name = "event"

    def get_listing_date(self):
        """An event is listed by its start, in its own time zone."""
        return self.local_start

    def get_json_ld(self, seo):
        return event_json_ld(self, seo)

    @path("ics/", name="calendar")
    def calendar(self, request):
        """The event as a calendar file to download (ics/ under its address)."""
        return event_calendar(self, request)

    def get_speakers(self):
        """Speakers in programme order, with their person records."""
        return linked_people(self, "speakers")

    @property
    def zone(self):
        """The event's time zone as a ZoneInfo."""
        return ZoneInfo(self.time_zone or settings.TIME_ZONE)

    @property
    def local_start(self):
        return timezone.localtime(self.start, self.zone) if self.start else None

    @property
    def local_end(self):
        return timezone.localtime(self.end, self.zone) if self.end else None

    @property
    def local_registration_deadline(self):
        deadline = self.registration_deadline
        return timezone.localtime(deadline, self.zone) if deadline else None

    @property
    def is_past(self):
        return self.end is not None and self.end < timezone.now()

    @property
    def has_venue(self):
        return self.event_format in {self.Format.IN_PERSON, self.Format.HYBRID}

    @property
    def is_online(self):
        return self.event_format in {self.Format.ONLINE, self.Format.HYBRID}

    @classmethod
    def load_registrations(cls, events):
        """Find the registration forms of these events and count their registrations.

        Two queries however many events: the API lists many at once (api_bulk_load).
        """
        events = [event for event in events if "_registration_form" not in event.__dict__]
        if not events:
            return
        children = Q()
        for event in events:
            children |= Q(path__startswith=event.path, depth=event.depth + 1)
        forms = public_pages(EventRegistrationPage.objects.filter(children))
        by_parent = {form.path[: -Page.steplen]: form for form in forms}
        counts = dict(
            FormSubmission.objects.filter(page__in=list(by_parent.values()))
            .values_list("page")
            .annotate(count=Count("pk"))
        )
        for event in events:
            form = by_parent.get(event.path)
            event._registration_form = form
            event._registrations_taken = counts.get(form.pk, 0) if form else 0

    @classmethod
    def api_bulk_load(cls, events, fields):
        """Load what the API's registration fields need for a whole listing at once."""
        if cls.registration_fields & set(fields):
            cls.load_registrations(events)

    @property
    def registration_form(self):
        """The event's registration form page, when it is live and public; else None."""
        self.load_registrations([self])
        return self._registration_form

    @property
    def registrations_taken(self):
        """How many have registered through the event's form."""
        self.load_registrations([self])
        return self._registrations_taken

    @property
    def places_left(self):
        """Places still free through the form; None when there is no form or no limit."""
        if self.places is None or self.registration_form is None:
            return None
        return max(0, self.places - self.registrations_taken)

    @property
    def is_full(self):
        return self.places_left == 0

    @property
    def registration_link(self):
        """Where visitors register: the event's own form, else the outside registration link."""
        form = self.registration_form
        return form.url if form else self.registration_url

    @property
    def registration_open(self):
        """Whether visitors can still register (form or link; not past, deadline, full)."""
        if not self.registration_link or self.is_past or self.status != self.Status.SCHEDULED:
            return False
        deadline = self.registration_deadline
        if deadline is not None and deadline < timezone.now():
            return False
        return not self.is_full

    def clean(self):
        super().clean()
        errors = {}
        if self.start and self.end and self.end < self.start:
            errors["end"] = "The event cannot end before it starts."
        if self.has_venue and not (self.venue_name or self.address):
            errors["venue_name"] = "In-person and hybrid events need a venue or an address."
        deadline = self.registration_deadline
        if deadline and self.end and deadline > self.end:
            errors["registration_deadline"] = "Registration must close before the event ends."
        if errors:
            raise ValidationError(errors)


class EventSpeaker(PersonLink):
    """A speaker at an event, in programme order."""

    page = ParentalKey(EventPage, on_delete=models.CASCADE, related_name="speakers")
