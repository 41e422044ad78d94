"""The JSON form submission endpoint: the same form as the HTML page, for other sites.

POST /api/v2/forms/<page id>/submissions/ validates with the page's own form class, so it
accepts and refuses exactly what the HTML form does; spam is thanked and dropped, a busy
address waits, other sites' browsers may post only from the configured origins, and no
submission is ever readable through any API.
"""

import json

import pytest
from django.core import mail
from django.db import transaction
from hypothesis import given
from hypothesis import strategies as st
from wagtail.contrib.forms.models import FormSubmission
from wagtail.models import Page, PageViewRestriction

from home.form_builder import HONEYPOT
from home.models import HomePage
from mipcms.api.forms import MAX_BODY_BYTES
from tests.api.v3.clients import APIClient, create_token
from tests.home.factories import FormPageFactory, StandardPageFactory
from tests.world import module_world

pytestmark = pytest.mark.django_db

ANSWERS = {
    "your_name": "Ana Torres",
    "email": "ana@springfield.example",
    "topic": "Water",
    "message": "How did you replace the lead lines?",
}
PARTNER = "https://partners.example"


@pytest.fixture
def form_page(home_page):
    return FormPageFactory(parent=home_page, title="Contact us")


def url(page_or_id):
    return f"/api/v2/forms/{getattr(page_or_id, 'pk', page_or_id)}/submissions/"


def send(client, page, body, **headers):
    data = body if isinstance(body, str | bytes) else json.dumps(body)
    return client.post(url(page), data, content_type="application/json", headers=headers)


def test_the_page_describes_its_form(client, form_page):
    data = client.get(f"/api/v2/pages/{form_page.pk}/").json()
    assert data["form_fields"] == [
        {"name": "your_name", "label": "Your name", "type": "singleline", "required": True,
         "choices": [], "help_text": "", "default": ""},
        {"name": "email", "label": "Email", "type": "email", "required": True,
         "choices": [], "help_text": "", "default": ""},
        {"name": "topic", "label": "Topic", "type": "dropdown", "required": True,
         "choices": ["Housing", "Water", "Climate"],
         "help_text": "The policy area you are writing about.", "default": ""},
        {"name": "message", "label": "Message", "type": "multiline", "required": False,
         "choices": [], "help_text": "", "default": ""},
    ]  # fmt: skip
    assert data["submission_url"] == f"http://testserver{url(form_page)}"
    assert data["accepting_submissions"] is True
    # Who gets the e-mails is staff business.
    assert not {"to_address", "from_address", "subject"} & set(data)


def test_a_valid_submission_is_stored_and_emailed(client, form_page):
    response = send(client, form_page, ANSWERS)
    assert response.status_code == 201
    assert response.json()["message"]
    assert FormSubmission.objects.get(page=form_page).form_data == ANSWERS
    [message] = mail.outbox
    assert "Your name: Ana Torres" in message.body


def test_values_of_every_json_type_are_read_as_a_browser_sends_them(client, home_page):
    page = FormPageFactory(parent=home_page)
    page.form_fields.create(label="Seats", field_type="number", required=False)
    page.form_fields.create(label="Newsletter", field_type="checkbox", required=False)
    page.form_fields.create(
        label="Areas", field_type="checkboxes", choices="Housing\nWater", required=False
    )
    page.save_revision().publish()
    body = {**ANSWERS, "seats": 3, "newsletter": True, "areas": ["Water", "Housing"],
            "message": None}  # fmt: skip
    assert send(client, page, body).status_code == 201
    data = FormSubmission.objects.get(page=page).form_data
    assert data["seats"] == "3"
    assert data["newsletter"] is True
    assert data["areas"] == ["Water", "Housing"]
    assert data["message"] == ""


def test_bad_answers_get_messages_per_field_and_nothing_is_stored(client, form_page):
    response = send(client, form_page, {**ANSWERS, "your_name": "", "email": "nope"})
    assert response.status_code == 400
    errors = response.json()["errors"]
    assert errors == {
        "your_name": ["This field is required."],
        "email": ["Enter a valid email address."],
    }
    assert not FormSubmission.objects.exists()


@pytest.mark.parametrize(
    "changes",
    [
        {},
        {"email": "not-an-address"},
        {"topic": "Parking"},
        {"your_name": "x" * 256},
        {"your_name": "nul\x00byte"},
        {"message": "", "your_name": " "},
    ],
)
def test_json_and_html_forms_accept_and_refuse_alike(client, form_page, changes):
    answers = {**ANSWERS, **changes}
    html = client.post(form_page.url, answers)
    html_errors = set(html.context["form"].errors) if "form" in (html.context or {}) else set()
    response = send(client, form_page, answers)
    json_errors = set(response.json().get("errors", {}))
    assert json_errors == html_errors
    assert response.status_code == (400 if html_errors else 201)


def test_values_no_form_field_takes_are_refused_per_field(client, form_page):
    response = send(client, form_page, {**ANSWERS, "email": {"a": 1}, "topic": [["Water"]]})
    assert response.status_code == 400
    assert set(response.json()["errors"]) == {"email", "topic"}
    response = send(client, form_page, '{"your_name": "\\ud800", "email": "a@b.example"}')
    assert response.status_code == 400
    assert response.json()["errors"]["your_name"] == ["This is not valid text."]
    assert not FormSubmission.objects.exists()


@pytest.mark.parametrize(
    ("body", "content_type", "status"),
    [
        ("[1, 2]", "application/json", 400),
        ('"text"', "application/json", 400),
        ("null", "application/json", 400),
        ("{not json", "application/json", 400),
        (b"\xff\xfe", "application/json", 400),
        ("[" * 50_000 + "]" * 50_000, "application/json", 413),
        ("[" * 20_000 + "]" * 20_000, "application/json", 400),
        ('{"n": 1' + "0" * 5000 + "}", "application/json", 400),
        ("your_name=Ana", "application/x-www-form-urlencoded", 415),
        ("{}", "text/plain", 415),
    ],
)
def test_bodies_that_are_not_a_json_object_get_a_clear_4xx(
    client, form_page, body, content_type, status
):
    response = client.post(url(form_page), body, content_type=content_type)
    assert response.status_code == status
    assert response.json()["message"]
    assert not FormSubmission.objects.exists()


def test_a_huge_body_is_refused_unread(client, form_page):
    response = send(client, form_page, {**ANSWERS, "message": "x" * MAX_BODY_BYTES})
    assert response.status_code == 413


def hidden_pages(home_page):
    draft = FormPageFactory(parent=home_page, publish=False)
    private = FormPageFactory(parent=home_page)
    PageViewRestriction.objects.create(page=private, restriction_type="login")
    locked = FormPageFactory(parent=home_page)
    PageViewRestriction.objects.create(page=locked, restriction_type="password", password="x")
    return [draft, private, locked, StandardPageFactory(parent=home_page)]


def test_no_form_visitors_cannot_see_takes_submissions(client, admin_client, home_page):
    for page in [*hidden_pages(home_page), 999_999, 2**31, 10**30]:
        response = send(client, page, ANSWERS)
        assert response.status_code == 404, page
        assert response.json()["message"] == "not found"
        # A signed-in editor's cookies change nothing: the API reads none.
        assert send(admin_client, page, ANSWERS).status_code == 404
    assert not FormSubmission.objects.exists()


@pytest.mark.parametrize("method", ["get", "put", "patch", "delete"])
def test_other_methods_are_not_allowed(client, form_page, method):
    response = getattr(client, method)(url(form_page))
    assert response.status_code == 405
    assert "POST" in response["Allow"]
    assert response.json()["message"]


def test_a_filled_honeypot_is_thanked_and_dropped(client, form_page):
    response = send(client, form_page, {**ANSWERS, HONEYPOT: "http://spam.example"})
    assert response.status_code == 201
    assert not FormSubmission.objects.exists()
    assert mail.outbox == []


def test_one_address_sending_too_many_waits(client, form_page, settings):
    settings.FORM_SUBMISSIONS_PER_MINUTE = 2
    assert send(client, form_page, ANSWERS).status_code == 201
    assert send(client, form_page, {"email": "bad"}).status_code == 400  # counted too
    response = send(client, form_page, ANSWERS)
    assert response.status_code == 429
    assert 1 <= int(response["Retry-After"]) <= 60
    assert "Too many submissions" in response.json()["message"]
    assert FormSubmission.objects.count() == 1
    assert send(client, form_page, ANSWERS, X_Forwarded_For="x").status_code == 429
    other = client.post(
        url(form_page), json.dumps(ANSWERS), content_type="application/json",
        REMOTE_ADDR="192.0.2.7",
    )  # fmt: skip
    assert other.status_code == 201


def test_posts_bypass_the_api_answer_cache(client, form_page, settings):
    settings.API_ITEM_CACHE_SECONDS = 3600
    first, second = send(client, form_page, ANSWERS), send(client, form_page, ANSWERS)
    assert (first.status_code, second.status_code) == (201, 201)
    assert "X-API-Cache" not in second
    assert "no-store" in second["Cache-Control"]
    assert FormSubmission.objects.count() == 2


def preflight(client, page, origin):
    return client.options(
        url(page),
        headers={
            "Origin": origin,
            "Access-Control-Request-Method": "POST",
            "Access-Control-Request-Headers": "content-type",
        },
    )


def test_configured_origins_may_post_from_a_browser(client, form_page, settings):
    settings.FORMS_CORS_ALLOWED_ORIGINS = [PARTNER]
    response = preflight(client, form_page, PARTNER)
    assert response.status_code == 200
    assert response["Access-Control-Allow-Origin"] == PARTNER
    assert "POST" in response["Access-Control-Allow-Methods"]
    assert "content-type" in response["Access-Control-Allow-Headers"].lower()
    posted = send(client, form_page, ANSWERS, Origin=PARTNER)
    assert posted.status_code == 201
    assert posted["Access-Control-Allow-Origin"] == PARTNER
    assert "Origin" in posted["Vary"]
    # Errors too, so the partner's page can show them.
    assert send(client, form_page, {}, Origin=PARTNER)["Access-Control-Allow-Origin"] == PARTNER


def test_other_origins_get_no_cors_permission(client, form_page, settings):
    settings.FORMS_CORS_ALLOWED_ORIGINS = [PARTNER]
    for origin in ["https://elsewhere.example", "https://partners.example.evil", "null"]:
        response = preflight(client, form_page, origin)
        assert "Access-Control-Allow-Origin" not in response
        assert "Access-Control-Allow-Origin" not in send(client, form_page, {}, Origin=origin)


def test_no_origin_may_post_by_default(client, form_page):
    assert "Access-Control-Allow-Origin" not in preflight(client, form_page, PARTNER)


def test_the_read_api_stays_readable_from_anywhere_but_takes_no_posts(client, home_page):
    pages = client.get("/api/v2/pages/", headers={"Origin": PARTNER})
    assert pages["Access-Control-Allow-Origin"] == "*"
    response = client.options(
        "/api/v2/pages/",
        headers={"Origin": PARTNER, "Access-Control-Request-Method": "POST"},
    )
    assert "POST" not in response.get("Access-Control-Allow-Methods", "")


def test_submissions_never_appear_in_any_read_api(client, form_page, admin_user):
    marker = "Quixotic-marker-7431"
    assert send(client, form_page, {**ANSWERS, "message": marker}).status_code == 201
    client.post(form_page.url, {**ANSWERS, "your_name": marker})
    assert FormSubmission.objects.count() == 2
    readers = [
        "/api/v2/pages/?fields=*&limit=100",
        f"/api/v2/pages/{form_page.pk}/",
        f"/api/v2/pages/?search={marker}",
        "/api/v2/pages/?type=home.FormPage&fields=*",
        "/api/v2/images/?fields=*",
        "/api/v2/documents/?fields=*",
    ]
    for address in readers:
        response = client.get(address)
        assert response.status_code == 200, address
        assert marker not in response.content.decode(), address
    staff = APIClient(create_token(admin_user))
    for path in ["pages/?fields=*&limit=100", f"pages/{form_page.pk}/", f"pages/?search={marker}"]:
        response = staff.get(path)
        assert response.status_code == 200, path
        assert marker not in response.content.decode(), path
    assert client.get(f"/api/v2/forms/{form_page.pk}/submissions/").status_code == 405


# Generated input: any JSON, with the form's field names and others, never a 500.

JSON_VALUES = st.recursive(
    st.none() | st.booleans() | st.integers() | st.floats() | st.text(),
    lambda children: (
        st.lists(children, max_size=3) | st.dictionaries(st.text(max_size=5), children, max_size=3)
    ),
    max_leaves=8,
)
NAMES = st.sampled_from([*ANSWERS, HONEYPOT, "submit_time", "__all__"]) | st.text(max_size=8)


@module_world
def generated_form():
    """A form page with a field of every kind (built once for the generated examples)."""
    page = FormPageFactory(parent=HomePage.objects.get())
    kinds = ["number", "checkbox", "checkboxes", "multiselect", "radio", "date", "datetime",
             "url", "hidden"]  # fmt: skip
    for kind in kinds:
        page.form_fields.create(
            label=f"A {kind}", field_type=kind, required=False, choices="One\nTwo"
        )
    page.save_revision().publish()
    return page.pk


@given(body=st.dictionaries(NAMES, JSON_VALUES, max_size=8) | JSON_VALUES)
def test_no_json_body_yields_a_server_error(client, generated_form, settings, body):
    settings.FORM_SUBMISSIONS_PER_MINUTE = 0
    with transaction.atomic():
        response = client.post(
            url(generated_form), json.dumps(body), content_type="application/json"
        )
        Page.objects.exists()  # the request left the database usable (PostgreSQL)
        transaction.set_rollback(True)
    assert response.status_code in {201, 400}, (body, response.content[:300])
    reply = response.json()
    assert reply["message"]
    if response.status_code == 400:
        assert all(isinstance(m, str) for ms in reply["errors"].values() for m in ms)


def test_editing_a_form_page_through_v3_keeps_its_fields(form_page, admin_user):
    staff = APIClient(create_token(admin_user))
    response = staff.patch(f"pages/{form_page.pk}/", {"intro": "Write to us."})
    assert response.status_code == 200, response.content
    latest = Page.objects.get(pk=form_page.pk).specific.get_latest_revision_as_object()
    assert latest.intro == "Write to us."
    assert [field.label for field in latest.form_fields.all()] == [
        "Your name",
        "Email",
        "Topic",
        "Message",
    ]
