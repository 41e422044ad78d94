"""Event registration through the event's own form: places left, closing, confirmations."""

import datetime
import json
import threading

import pytest
from django.core import mail
from django.db import connection, connections
from django.test import Client
from django.utils import timezone
from icalendar import Calendar
from wagtail.contrib.forms.models import FormSubmission
from wagtail.test.utils import WagtailPageTestCase

from events.models import EventIndexPage, EventPage
from events.registration import EventRegistrationPage, send_registration_confirmation
from home import site_version
from home.form_mail import send_submission_notice
from home.models import HomePage, StandardPage
from tests.clock import clock_at
from tests.events.factories import EventPageFactory, EventRegistrationPageFactory
from tests.html import parse, visit
from tests.tasks import queued, run_tasks

pytestmark = pytest.mark.django_db

REGISTRANT = {"your_name": "Ana Torres", "email": "ana@springfield.example", "city": "Madison"}


@pytest.fixture
def form(home_page):
    """The registration form of an event with three places and no outside link."""
    return EventRegistrationPageFactory()


def register(client, form, **changes):
    return client.post(form.url, {**REGISTRANT, **changes})


def register_json(client, form, **changes):
    return client.post(
        f"/api/v2/forms/{form.pk}/submissions/",
        json.dumps({**REGISTRANT, **changes}),
        content_type="application/json",
    )


def event_json(client, form):
    return client.get(f"/api/v2/pages/{form.event.pk}/").json()


def test_the_event_offers_its_form_and_shows_places_left(client, form):
    page = visit(client, form.event)
    details = page.find("section", class_="event-details").text
    assert "Places left 3 of 3" in details
    assert page.find("a", href=form.url).text.startswith("Register")
    data = event_json(client, form)
    assert data["registration_open"] is True
    assert (data["places"], data["places_left"]) == (3, 3)
    assert data["registration_form"] == {
        "id": form.pk,
        "title": "Register",
        "html_url": f"http://testserver{form.url}",
        "submission_url": f"http://testserver/api/v2/forms/{form.pk}/submissions/",
    }


def test_a_registration_takes_a_place_everywhere_at_once(client, form):
    before = site_version.current()[0]
    response = register(client, form)
    assert response.status_code == 200
    assert "You are registered for" in response.content.decode()
    assert FormSubmission.objects.get(page=form).form_data == REGISTRANT
    assert site_version.current()[0] != before  # cached pages and API answers move on
    assert "Places left 2 of 3" in visit(client, form.event).text
    assert event_json(client, form)["places_left"] == 2
    assert register_json(client, form, your_name="Ben").status_code == 201
    assert event_json(client, form)["places_left"] == 1


def test_the_registrant_gets_a_confirmation_with_the_events_calendar_file(client, form, task_queue):
    register(client, form)
    submission = FormSubmission.objects.get(page=form)
    assert queued(send_registration_confirmation) == [[submission.pk]]
    assert queued(send_submission_notice) == [[submission.pk]]
    run_tasks()
    by_recipient = {tuple(message.to): message for message in mail.outbox}
    confirmation = by_recipient[("ana@springfield.example",)]
    assert confirmation.subject == f"You are registered: {form.event.title}"
    assert form.event.title in confirmation.body
    [(filename, content, mimetype)] = confirmation.attachments
    assert (filename, mimetype) == (f"{form.event.slug}.ics", "text/calendar")
    [vevent] = Calendar.from_ical(content).walk("VEVENT")
    assert str(vevent["SUMMARY"]) == form.event.title
    assert vevent.decoded("DTSTART") == form.event.local_start
    assert ("events@mayorsinnovation.example",) in by_recipient  # and the staff


def test_a_full_event_takes_no_more_registrations(client, form):
    for n in range(3):
        assert register(client, form, your_name=f"Person {n}").status_code == 200
    response = register(client, form, your_name="One too many")
    assert "This event is full" in parse(response).text
    api = register_json(client, form, your_name="One too many")
    assert api.status_code == 409
    assert "This event is full" in api.json()["message"]
    assert FormSubmission.objects.filter(page=form).count() == 3
    event_page = visit(client, form.event)
    assert "This event is full" in event_page.text
    assert not event_page.find_all("a", href=form.url)
    data = event_json(client, form)
    assert (data["registration_open"], data["places_left"]) == (False, 0)
    form_data = client.get(f"/api/v2/pages/{form.pk}/").json()
    assert form_data["accepting_submissions"] is False


def test_registration_closes_at_the_deadline(client, home_page):
    start = (timezone.now() + datetime.timedelta(days=10)).replace(microsecond=0)
    event = EventPageFactory(
        start=start,
        end=start + datetime.timedelta(hours=2),
        registration_url="",
        registration_deadline=start - datetime.timedelta(days=2),
    )
    form = EventRegistrationPageFactory(parent=event)
    with clock_at(start - datetime.timedelta(days=1)):
        page = parse(client.get(form.url))
        assert "Registration closed on" in page.text
        assert not page.find_all("form", class_="site-form")
        assert "Registration closed on" in parse(register(client, form)).text
        assert register_json(client, form).status_code == 409
        assert EventPage.objects.get(pk=event.pk).registration_open is False
    assert not FormSubmission.objects.exists()


@pytest.mark.parametrize("status", ["cancelled", "postponed"])
def test_a_cancelled_or_postponed_event_takes_no_registrations(client, form, status):
    event = form.event
    event.status = status
    event.save_revision().publish()
    assert f"this event has been {status}" in parse(register(client, form)).text
    assert register_json(client, form).status_code == 409
    assert not FormSubmission.objects.exists()


def test_without_a_limit_places_are_not_counted(client, home_page):
    form = EventRegistrationPageFactory(parent=EventPageFactory(places=None, registration_url=""))
    register(client, form)
    event = EventPage.objects.get(pk=form.event.pk)
    assert event.places_left is None
    assert event.registration_open is True
    assert "Places left" not in visit(client, event).text


def test_a_draft_form_leaves_the_outside_link(client, home_page):
    event = EventPageFactory(places=3)
    form = EventRegistrationPageFactory(parent=event, publish=False)
    event = EventPage.objects.get(pk=event.pk)
    assert event.registration_form is None
    assert event.registration_link == "https://example.org/register"
    assert event.places_left is None
    assert register_json(client, form).status_code == 404


def test_an_event_lists_its_registrations_in_bulk(client, home_page, django_assert_num_queries):
    forms = [EventRegistrationPageFactory() for _ in range(3)]
    register(client, forms[0])
    events = list(EventPage.objects.filter(pk__in=[form.event.pk for form in forms]))
    with django_assert_num_queries(2):
        EventPage.load_registrations(events)
        places = {event.pk: event.places_left for event in events}
    assert places == {forms[0].event.pk: 2, forms[1].event.pk: 3, forms[2].event.pk: 3}


class RegistrationTreeTests(WagtailPageTestCase):
    def test_a_registration_form_lives_under_its_event_one_per_event(self):
        self.assertAllowedParentPageTypes(EventRegistrationPage, {EventPage})
        self.assertAllowedSubpageTypes(EventPage, {EventRegistrationPage})
        for parent in (HomePage, StandardPage, EventIndexPage):
            self.assertCanNotCreateAt(parent, EventRegistrationPage)
        assert EventRegistrationPage.max_count_per_parent == 1


def test_deleting_a_registration_frees_its_place_at_once(client, form, admin_client):
    register(client, form)
    submission = FormSubmission.objects.get(page=form)
    before = site_version.current()[0]
    response = admin_client.post(
        f"/admin/forms/submissions/{form.pk}/delete/?selected-submissions={submission.pk}"
    )
    assert response.status_code == 302
    assert not FormSubmission.objects.exists()
    assert site_version.current()[0] != before
    assert event_json(client, form)["places_left"] == 3


@pytest.mark.skipif(connection.vendor != "postgresql", reason="concurrent writers (PostgreSQL)")
@pytest.mark.django_db(transaction=True, serialized_rollback=True)
def test_the_last_places_go_to_exactly_as_many_people_as_there_are(settings):
    settings.FORM_SUBMISSIONS_PER_MINUTE = 0
    form = EventRegistrationPageFactory(parent=EventPageFactory(places=3, registration_url=""))
    start = threading.Barrier(8)
    statuses = []

    def attempt(n):
        try:
            start.wait(timeout=30)
            statuses.append(register_json(Client(), form, your_name=f"Person {n}").status_code)
        finally:
            connections.close_all()

    threads = [threading.Thread(target=attempt, args=[n]) for n in range(8)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(timeout=60)
    assert sorted(statuses) == [201] * 3 + [409] * 5
    assert FormSubmission.objects.filter(page=form).count() == 3
