"""Form pages: visitors fill them in, staff see, export and get e-mailed the submissions."""

import csv
import io

import pytest
from django.core import mail
from django.test import RequestFactory
from wagtail.contrib.forms.models import FormSubmission
from wagtail.test.utils import WagtailPageTestCase
from wagtail.test.utils.form_data import inline_formset, nested_form_data, rich_text, streamfield

from home import form_limits, site_version
from home.form_builder import HONEYPOT
from home.form_mail import send_submission_notice
from home.models import FormPage, HomePage, StandardPage
from news.models import NewsIndexPage
from site_setup.skeleton import ensure_site
from tests.home.factories import FormPageFactory, StandardPageFactory
from tests.html import parse
from tests.tasks import queued, run_tasks

pytestmark = pytest.mark.django_db

ANSWERS = {
    "your_name": "Ana Torres",
    "email": "ana@springfield.example",
    "topic": "Water",
    "message": "How did you replace the lead lines?",
}


@pytest.fixture
def form_page(home_page):
    return FormPageFactory(parent=home_page, title="Contact us")


def post(client, page, **changes):
    return client.post(page.url, {**ANSWERS, **changes})


def test_visitor_sees_the_form_with_labelled_fields_and_no_visible_trap(client, form_page):
    response = client.get(form_page.url)
    assert response.status_code == 200
    html = parse(response).soup
    labels = [label.get_text(strip=True) for label in html.select("form.site-form label")]
    assert labels[:4] == ["Your name", "Email", "Topic", "Message"]
    assert (
        html.select_one("#id_topic_helptext").get_text() == "The policy area you are writing about."
    )
    assert "id_topic_helptext" in html.select_one("select#id_topic")["aria-describedby"]
    trap = html.find("input", attrs={"name": HONEYPOT}).find_parent("div")
    assert trap.has_attr("hidden")
    assert trap["aria-hidden"] == "true"
    assert html.select_one("input[name=csrfmiddlewaretoken]") is not None


def test_the_form_is_never_kept_by_a_cache(client, form_page, settings):
    settings.PAGE_CACHE_SECONDS = 300
    first = client.get(form_page.url)
    second = client.get(form_page.url)
    assert "X-Page-Cache" not in second
    assert "no-store" in first["Cache-Control"]
    assert "private" in first["Cache-Control"]
    assert first.cookies["csrftoken"]


def test_a_submission_is_stored_and_thanked(client, form_page):
    response = post(client, form_page)
    assert response.status_code == 200
    assert "We answer within a week" in response.content.decode()
    submission = FormSubmission.objects.get(page=form_page)
    assert submission.form_data == ANSWERS


def test_a_submission_emails_the_staff_named_on_the_form_from_a_task(client, form_page, task_queue):
    post(client, form_page)
    submission = FormSubmission.objects.get(page=form_page)
    assert queued(send_submission_notice) == [[submission.pk]]
    assert mail.outbox == []  # nothing is sent in the visitor's request
    run_tasks()
    [message] = mail.outbox
    assert message.to == ["staff@mayorsinnovation.example"]
    assert message.subject == "A message from the website"
    assert "Your name: Ana Torres" in message.body
    assert "Message: How did you replace the lead lines?" in message.body


def test_a_form_without_staff_addresses_stores_and_sends_nothing(client, home_page):
    page = FormPageFactory(parent=home_page, to_address="")
    post(client, page)
    assert FormSubmission.objects.filter(page=page).count() == 1
    assert mail.outbox == []


def test_a_form_with_errors_shows_them_and_keeps_what_was_typed(client, form_page):
    response = post(client, form_page, email="not an address", topic="Parking")
    assert response.status_code == 200
    html = parse(response).soup
    assert html.select_one("[role=alert]") is not None
    email = html.select_one("input#id_email")
    assert email["value"] == "not an address"
    assert email["aria-invalid"] == "true"
    assert "id_email_error" in email["aria-describedby"]
    assert "Enter a valid email address" in html.select_one("#id_email_error").get_text()
    assert html.select_one("input#id_your_name")["value"] == "Ana Torres"
    assert "How did you replace the lead lines?" in html.select_one("textarea#id_message").text
    assert not FormSubmission.objects.exists()


def test_a_filled_honeypot_is_thanked_but_nothing_is_stored_or_sent(client, form_page):
    response = post(client, form_page, **{HONEYPOT: "http://spam.example"})
    assert response.status_code == 200
    assert "We answer within a week" in response.content.decode()
    assert not FormSubmission.objects.exists()
    assert mail.outbox == []


def test_too_many_submissions_from_one_address_wait_and_keep_their_text(
    client, form_page, settings
):
    settings.FORM_SUBMISSIONS_PER_MINUTE = 2
    post(client, form_page)
    post(client, form_page)
    response = post(client, form_page, your_name="Third try")
    assert response.status_code == 429
    assert 1 <= int(response["Retry-After"]) <= 60
    html = parse(response).soup
    assert "Too many submissions" in html.select_one("[role=alert]").get_text()
    assert html.select_one("input#id_your_name")["value"] == "Third try"
    assert FormSubmission.objects.count() == 2
    # Another address is not held back.
    other = client.post(form_page.url, ANSWERS, REMOTE_ADDR="192.0.2.9")
    assert other.status_code == 200
    assert FormSubmission.objects.count() == 3


def test_a_submission_leaves_the_site_version_alone(client, form_page):
    before, _ = site_version.current()
    post(client, form_page)
    assert FormSubmission.objects.exists()
    assert site_version.current()[0] == before


def test_staff_list_and_export_submissions_in_the_admin(client, admin_client, form_page):
    post(client, form_page)
    post(client, form_page, your_name="Ben Okafor", email="ben@dubuque.example")
    listing = admin_client.get(f"/admin/forms/submissions/{form_page.pk}/")
    assert listing.status_code == 200
    assert "Ben Okafor" in listing.content.decode()
    assert "Ana Torres" in listing.content.decode()
    export = admin_client.get(f"/admin/forms/submissions/{form_page.pk}/?export=csv")
    assert export.status_code == 200
    rows = list(csv.reader(io.StringIO(b"".join(export.streaming_content).decode())))
    assert rows[0] == ["Submission date", "Your name", "Email", "Topic", "Message"]
    assert sorted(row[1] for row in rows[1:]) == ["Ana Torres", "Ben Okafor"]
    assert all(len(row) == 5 for row in rows)  # no honeypot column


def test_the_forms_menu_lists_form_pages(admin_client, form_page):
    response = admin_client.get("/admin/forms/")
    assert response.status_code == 200
    assert "Contact us" in response.content.decode()


def test_a_draft_form_takes_no_submissions(client, home_page):
    page = FormPageFactory(parent=home_page, publish=False)
    assert client.post(page.url, ANSWERS).status_code == 404
    assert not FormSubmission.objects.exists()


class FormPageTreeTests(WagtailPageTestCase):
    def test_forms_live_under_the_home_page_and_standard_pages(self):
        self.assertAllowedParentPageTypes(FormPage, {HomePage, StandardPage})
        self.assertAllowedSubpageTypes(FormPage, set())
        self.assertCanNotCreateAt(NewsIndexPage, FormPage)


class FormPageEditorTests(WagtailPageTestCase):
    @classmethod
    def setUpTestData(cls):
        cls.home = ensure_site()

    def setUp(self):
        self.user = self.login()

    def test_staff_build_a_form_with_fields_and_recipients(self):
        parent = StandardPageFactory(parent=self.home, title="Membership")
        data = nested_form_data(
            {
                "title": "Become a member city",
                "slug": "join",
                "intro": "Tell us about your city.",
                "body": streamfield([]),
                "form_fields": inline_formset(
                    [
                        {"label": "City", "field_type": "singleline", "required": "on",
                         "help_text": "", "choices": "", "default_value": ""},
                        {"label": "Population", "field_type": "number", "required": "",
                         "help_text": "", "choices": "", "default_value": ""},
                    ]
                ),
                "thank_you_text": rich_text("<p>We will be in touch.</p>"),
                "to_address": "membership@mip.example, director@mip.example",
                "from_address": "",
                "subject": "New member city",
            }
        )  # fmt: skip
        self.assertCanCreate(parent, FormPage, data)
        page = FormPage.objects.get(slug="join")
        assert [f.clean_name for f in page.form_fields.all()] == ["city", "population"]

    def test_the_thank_you_page_can_be_previewed(self):
        page = FormPageFactory(parent=self.home)
        assert ("landing", "Thank-you page") in page.preview_modes
        request = RequestFactory().get("/")
        request.user = self.user
        response = page.make_preview_request(request, "landing")
        assert response.status_code == 200
        assert "We answer within a week" in response.rendered_content


class CacheAway:
    """A cache whose server does not answer."""

    def add(self, *args, **kwargs):
        raise ConnectionError("cache is away")

    incr = add


def test_with_the_cache_away_forms_still_take_submissions(client, form_page, monkeypatch, settings):
    settings.FORM_SUBMISSIONS_PER_MINUTE = 1
    monkeypatch.setattr(form_limits, "cache", CacheAway())
    for _ in range(3):
        assert "We answer within a week" in post(client, form_page).content.decode()
    assert FormSubmission.objects.count() == 3
