"""Event registration: an event's own registration form (a page under the event), the
registrant's confirmation e-mail with the event's .ics, and places freed when staff delete one.

EventPage (events/models.py) counts the registrations against its places and offers the form.
"""

from django.conf import settings
from django.core.mail import EmailMessage
from django.db import models, transaction
from django.db.models import Count
from django.db.models.signals import post_delete
from django.utils import timezone
from django.utils.functional import cached_property
from django_tasks import task
from modelcluster.fields import ParentalKey
from wagtail.contrib.forms.models import AbstractFormField, FormSubmission
from wagtail.models import Page

from home import site_version
from home.feeds import site_name
from home.models import AbstractFormPage

from .calendar import CONTENT_TYPE, single_event_calendar

# EventPage.Status.SCHEDULED (events/models.py imports this module, not the reverse).
SCHEDULED = "scheduled"


class EventRegistrationPage(AbstractFormPage):
    """An event's registration form, a page under the event: registrations take its places."""

    parent_page_types = ["events.EventPage"]
    subpage_types = []
    max_count_per_parent = 1
    # Each submission takes one of the event's places (registration_deleted frees it).
    takes_places = True

    class Meta:
        verbose_name = "event registration form"

    @cached_property
    def event(self):
        """The event registrations are for (the parent page)."""
        return self.get_parent().specific

    @classmethod
    def api_bulk_load(cls, forms, fields):
        """Load the events and registration counts of many forms at once (API listings)."""
        if "accepting_submissions" not in fields:
            return
        parent_paths = {form.path[: -Page.steplen] for form in forms}
        events = {
            event.path: event for event in Page.objects.filter(path__in=parent_paths).specific()
        }
        counts = dict(
            FormSubmission.objects.filter(page__in=forms)
            .values_list("page")
            .annotate(count=Count("pk"))
        )
        for form in forms:
            form.__dict__["event"] = events[form.path[: -Page.steplen]]
            form._registrations_taken = counts.get(form.pk, 0)

    def registrations_taken(self):
        """How many have registered (counted for a whole API listing at once, else now)."""
        if "_registrations_taken" in self.__dict__:
            return self._registrations_taken
        return self.get_submissions().count()

    def closed_message(self):
        """Why registration is closed: the event is off or over, the deadline passed, full."""
        event = self.event
        if event.status != SCHEDULED:
            return (
                f"Registration is closed: this event has been {event.get_status_display().lower()}."
            )
        if event.is_past:
            return "Registration is closed: this event has ended."
        deadline = event.local_registration_deadline
        if deadline is not None and deadline < timezone.now():
            return f"Registration closed on {deadline:%B %-d, %Y at %-I:%M %p}."
        if event.places is not None and self.registrations_taken() >= event.places:
            return "This event is full: every place has been taken."
        return ""

    def process_form_submission(self, form):
        with transaction.atomic():
            # One registration at a time per event, so the last place goes to one person.
            list(Page.objects.select_for_update().filter(pk=self.event.pk).values_list("pk"))
            self.__dict__.pop("_registrations_taken", None)  # counted afresh, under the lock
            submission = super().process_form_submission(form)
            if self.event.places is not None:
                site_version.bump()  # places left changed on the event's page and in the API
        return submission

    def submission_received(self, submission):
        super().submission_received(submission)
        send_registration_confirmation.enqueue(submission.pk)


class EventRegistrationField(AbstractFormField):
    """A field of an event's registration form, in order."""

    page = ParentalKey(EventRegistrationPage, on_delete=models.CASCADE, related_name="form_fields")


def registrant_address(page, submission):
    """The e-mail address the registrant gave (the form's first e-mail field), or ""."""
    data = submission.form_data
    for field in page.get_form_fields():
        if field.field_type == "email" and data.get(field.clean_name):
            return data[field.clean_name]
    return ""


def confirmation_text(event):
    """What the confirmation says: the event, when and where, and its page."""
    when = event.local_start.strftime("%A %B %-d, %Y, %-I:%M %p")
    lines = [
        f"You are registered for {event.title}.",
        "",
        f"When: {when} ({event.get_time_zone_display()})",
    ]
    if event.has_venue and (event.venue_name or event.address):
        place = ", ".join(part for part in [event.venue_name, *event.address.splitlines()] if part)
        lines.append(f"Where: {place}")
    if event.is_online and event.online_url:
        lines.append(f"Online: {event.online_url}")
    lines += [
        "",
        "The calendar file attached adds the event to your calendar.",
        f"Details: {event.full_url}",
    ]
    return "\n".join(lines)


@task()
def send_registration_confirmation(submission_id):
    """E-mail the registrant a confirmation with the event's .ics; False if there is no one."""
    submission = FormSubmission.objects.select_related("page").filter(pk=submission_id).first()
    if submission is None:
        return False
    page = submission.page.specific
    address = registrant_address(page, submission)
    if not address:
        return False
    event = page.event
    message = EmailMessage(
        subject=f"You are registered: {event.title}",
        body=f"{confirmation_text(event)}\n\n{site_name(None)}",
        from_email=page.from_address or settings.DEFAULT_FROM_EMAIL,
        to=[address],
    )
    calendar = single_event_calendar(event).to_ical()
    message.attach(f"{event.slug}.ics", calendar, CONTENT_TYPE.split(";")[0])
    message.send()
    return True


def registration_deleted(sender, instance, **kwargs):
    """Signal receiver: a deleted registration frees a place, which visitors see at once."""
    page_type = instance.page.specific_class
    if page_type is not None and getattr(page_type, "takes_places", False):
        site_version.bump()


def connect_signals():
    """Move the site version on when staff delete registrations (submissions do not)."""
    post_delete.connect(registration_deleted, sender=FormSubmission)
