"""A visitor fills in the "Become a member city" form in a real browser and is thanked.

Mistakes are shown beside the fields they concern, with what was typed still there; the
form, with its errors showing, passes axe; the honeypot is neither seen nor reachable.
"""

import pytest
from axe_playwright_python.sync_playwright import Axe
from playwright.sync_api import expect
from wagtail.contrib.forms.models import FormSubmission

from home.models import FormField, StandardPage
from tests.browser.test_accessibility import AXE_OPTIONS, FAILING_IMPACTS, describe
from tests.home.factories import FormPageFactory

pytestmark = pytest.mark.browser


@pytest.fixture
def member_city_form(site):
    membership = StandardPage.objects.child_of(site).get(slug="membership")  # the skeleton's
    return FormPageFactory(
        parent=membership,
        title="Become a member city",
        slug="join",
        thank_you_text="<p>Thank you for your interest in joining the network.</p>",
        form_fields=[
            FormField(label="City", field_type="singleline", sort_order=0),
            FormField(label="Email", field_type="email", sort_order=1),
            FormField(label="State", field_type="dropdown", choices="WI\nIA\nMN", sort_order=2),
            FormField(
                label="Policy areas", field_type="checkboxes", choices="Housing\nWater",
                required=False, sort_order=3,
            ),
        ],
    )  # fmt: skip


def serious_violations(tab):
    found = Axe().run(tab, options=AXE_OPTIONS).response["violations"]
    return [describe(v) for v in found if v["impact"] in FAILING_IMPACTS]


def test_a_visitor_asks_to_join_and_is_thanked(visitor, member_city_form):
    visitor.goto(member_city_form.url)
    expect(visitor.get_by_role("heading", level=1)).to_have_text("Become a member city")
    expect(visitor.get_by_label("Leave this empty")).to_be_hidden()
    assert serious_violations(visitor) == []

    visitor.get_by_label("City").fill("Eau Claire")
    visitor.get_by_label("Email").fill("not an address")
    visitor.get_by_label("State").select_option("WI")
    visitor.get_by_label("Water").check()
    visitor.get_by_role("button", name="Send").click()

    expect(visitor.get_by_role("alert")).to_contain_text("Please correct the answers")
    email = visitor.get_by_label("Email")
    expect(email).to_have_attribute("aria-invalid", "true")
    expect(email).to_have_accessible_description("Enter a valid email address.")
    expect(visitor.get_by_label("City")).to_have_value("Eau Claire")
    expect(visitor.get_by_label("Water")).to_be_checked()
    assert serious_violations(visitor) == []
    assert not FormSubmission.objects.exists()

    email.fill("mayor@eauclaire.example")
    visitor.get_by_role("button", name="Send").click()

    expect(visitor.get_by_role("status")).to_contain_text(
        "Thank you for your interest in joining the network."
    )
    [submission] = FormSubmission.objects.all()
    assert submission.form_data["city"] == "Eau Claire"
    assert submission.form_data["policy_areas"] == ["Water"]
    assert visitor.problems == []
