"""Registrations: the registrant's confirmation (with the event's .ics), and freed places."""

from django.conf import settings
from django.core.mail import EmailMessage
from django.db.models.signals import post_delete
from django_tasks import task
from wagtail.contrib.forms.models import FormSubmission

from home import site_version
from home.feeds import site_name

from .calendar import CONTENT_TYPE, single_event_calendar


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
