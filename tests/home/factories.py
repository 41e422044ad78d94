"""Factories for site-wide records, media and pages."""

import factory
import wagtail_factories
from factory.django import DjangoModelFactory

from home.models import (
    CohortIndexPage,
    CohortMember,
    CohortPage,
    FormField,
    FormPage,
    MemberCity,
    MemberDirectoryPage,
    PeopleIndexPage,
    Person,
    StandardPage,
    Testimonial,
    Topic,
    TopicIndexPage,
)
from tests.factories import PublishedPageFactory, SectionPageFactory, site_section, stream


class TopicFactory(DjangoModelFactory):
    name = factory.Sequence(lambda n: f"Topic {n}")
    description = "A policy area."

    class Meta:
        model = Topic


class PersonFactory(DjangoModelFactory):
    name = factory.Sequence(lambda n: f"Person {n}")
    role = "Policy Analyst"
    is_staff = True

    class Meta:
        model = Person


class MemberCityFactory(DjangoModelFactory):
    name = factory.Sequence(lambda n: f"Springfield {n}")
    state = "WI"
    mayor = factory.Sequence(lambda n: f"Mayor Number {n}")
    population = 120_000

    class Meta:
        model = MemberCity


class TestimonialFactory(DjangoModelFactory):
    __test__ = False  # a factory, not a test class

    quote = "The network gave our team peers who had already solved our problem."
    name = "Mayor Ana Torres"
    role = "Mayor of Springfield, Wisconsin"
    city = factory.SubFactory(MemberCityFactory)

    class Meta:
        model = Testimonial


class ImageFactory(wagtail_factories.ImageFactory):
    title = factory.Sequence(lambda n: f"Image {n}")
    alt_text = "A river running through a city at dusk"
    file = factory.django.ImageField(width=64, height=36, color="teal")


class DocumentFactory(wagtail_factories.DocumentFactory):
    title = factory.Sequence(lambda n: f"Document {n}")
    file = factory.django.FileField(filename="report.pdf", data=b"%PDF-1.4\n%%EOF\n")


class StandardPageFactory(SectionPageFactory):
    title = factory.Sequence(lambda n: f"About us {n}")
    intro = "Who we are."
    body = stream(("paragraph", "<p>The network connects mayors.</p>"))

    class Meta:
        model = StandardPage


class CohortIndexPageFactory(SectionPageFactory):
    title = factory.Sequence(lambda n: f"Cohorts {n}")

    class Meta:
        model = CohortIndexPage


class CohortPageFactory(PublishedPageFactory):
    title = factory.Sequence(lambda n: f"Women Mayors Network {n}")
    parent = site_section(CohortIndexPage, CohortIndexPageFactory)
    summary = "A peer network for women mayors."
    audience = "Women serving as mayor of a member city."
    body = stream(("paragraph", "<p>Members meet every quarter.</p>"))

    class Meta:
        model = CohortPage


class CohortMemberFactory(DjangoModelFactory):
    page = factory.SubFactory(CohortPageFactory)
    city = factory.SubFactory(MemberCityFactory)

    class Meta:
        model = CohortMember


class TopicIndexPageFactory(SectionPageFactory):
    title = "Topics"

    class Meta:
        model = TopicIndexPage


class PeopleIndexPageFactory(SectionPageFactory):
    title = "People"

    class Meta:
        model = PeopleIndexPage


class MemberDirectoryPageFactory(SectionPageFactory):
    title = "Member cities"

    class Meta:
        model = MemberDirectoryPage


def form_fields():
    """The fields of a typical form: name, e-mail, a choice, a message (unsaved, in order)."""
    return [
        FormField(label="Your name", field_type="singleline", sort_order=0),
        FormField(label="Email", field_type="email", sort_order=1),
        FormField(
            label="Topic",
            field_type="dropdown",
            choices="Housing\nWater\nClimate",
            sort_order=2,
            help_text="The policy area you are writing about.",
        ),
        FormField(label="Message", field_type="multiline", required=False, sort_order=3),
    ]


class FormPageFactory(PublishedPageFactory):
    title = factory.Sequence(lambda n: f"Contact us {n}")
    intro = "Write to the network's staff."
    thank_you_text = "<p>Thank you for writing. We answer within a week.</p>"
    to_address = "staff@mayorsinnovation.example"
    subject = "A message from the website"
    form_fields = factory.LazyFunction(form_fields)

    class Meta:
        model = FormPage
