"""Demo forms: "Become a member city" under Membership, a contact form, and registration for
the Summer Meeting through its own form. Made once, found by slug on later loads."""

from events.registration import EventRegistrationField, EventRegistrationPage
from home.models import FormField, FormPage

from .blocks import txt


def fields(model, *specs):
    """Unsaved form fields, in order, from (label, type, extra options) tuples."""
    return [
        model(label=label, field_type=kind, sort_order=index, **(options or {}))
        for index, (label, kind, options) in enumerate(specs)
    ]


MEMBER_CITY = {
    "slug": "join",
    "title": "Become a member city",
    "intro": txt("""Tell us about your city and what you would like from the network. A
        member of staff will call within a week to talk through dues and the first steps."""),
    "summary": "Ask to join the network: a few questions about your city and its mayor.",
    "thank_you_text": txt("""<p>Thank you for your interest in joining. We will be in touch
        within a week to arrange a call with the mayor's office.</p>"""),
    "to_address": "membership@mayorsinnovation.org",
    "subject": "Membership enquiry from the website",
    "fields": (
        ("City", "singleline", None),
        ("State", "singleline", {"help_text": "Two letters, e.g. WI."}),
        ("Mayor's name", "singleline", None),
        ("Your name", "singleline", None),
        ("Email", "email", None),
        ("Population", "number", {"required": False}),
        (
            "Policy areas of most interest",
            "checkboxes",
            {"choices": "Housing\nWater\nClimate\nHealth\nEconomic development", "required": False},
        ),
        ("Anything else we should know?", "multiline", {"required": False}),
    ),
}

CONTACT = {
    "slug": "contact",
    "title": "Contact us",
    "intro": txt("""Questions about the network, a meeting or a report? Write to the staff
        here and we will answer within two working days."""),
    "summary": "Write to the Mayors Innovation Project staff.",
    "thank_you_text": txt("""<p>Thank you for writing. We answer within two working
        days.</p>"""),
    "to_address": "info@mayorsinnovation.org",
    "subject": "Message from the website",
    "fields": (
        ("Your name", "singleline", None),
        ("Email", "email", None),
        ("City or organisation", "singleline", {"required": False}),
        ("About", "dropdown", {"choices": "Membership\nEvents\nResearch\nSomething else"}),
        ("Message", "multiline", None),
    ),
}

SUMMER_MEETING = {
    "event": "summer-meeting",
    "places": 150,
    "slug": "register",
    "title": "Register for the Summer Meeting",
    "intro": txt("""One form per attendee. Member cities may send the mayor and up to two
        staff; registration is free for members."""),
    "thank_you_text": txt("""<p>You are on the list. The programme and hotel details follow
        a month before the meeting.</p>"""),
    "to_address": "events@mayorsinnovation.org",
    "subject": "Summer Meeting registration",
    "fields": (
        ("Your name", "singleline", None),
        ("Email", "email", None),
        ("City", "singleline", None),
        ("Role", "dropdown", {"choices": "Mayor\nStaff\nPartner"}),
        ("Dietary needs", "singleline", {"required": False}),
    ),
}


def form_page(model, field_model, spec):
    """An unsaved form page with its fields."""
    return model(
        title=spec["title"],
        slug=spec["slug"],
        intro=spec["intro"],
        summary=spec.get("summary", ""),
        thank_you_text=spec["thank_you_text"],
        to_address=spec["to_address"],
        subject=spec["subject"],
        form_fields=fields(field_model, *spec["fields"]),
    )


def load_forms(home, ctx, tally, publish):
    """Make the demo's form pages where they are missing; `publish` publishes a page."""
    places = [
        (ctx.pages.get("membership"), FormPage, FormField, MEMBER_CITY),
        (home, FormPage, FormField, CONTACT),
        (
            ctx.pages.get(SUMMER_MEETING["event"]),
            EventRegistrationPage,
            EventRegistrationField,
            SUMMER_MEETING,
        ),
    ]
    for parent, model, field_model, spec in places:
        if parent is None:
            continue
        exists = parent.get_children().filter(slug=spec["slug"]).exists()
        tally.add("forms", not exists)
        if exists:
            continue
        page = form_page(model, field_model, spec)
        parent.add_child(instance=page)
        publish(page)
        if "places" in spec:
            event = type(parent.specific).objects.get(pk=parent.pk)
            if event.places is None:
                event.places = spec["places"]
                publish(event)
