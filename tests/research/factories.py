"""Factories for the research section."""

import datetime

import factory
from factory.django import DjangoModelFactory

from research.models import (
    ResearchIndexPage,
    ResearchReportAuthor,
    ResearchReportDownload,
    ResearchReportPage,
)
from tests.factories import PublishedPageFactory, SectionPageFactory, site_section, stream
from tests.home.factories import DocumentFactory, PersonFactory


class ResearchIndexPageFactory(SectionPageFactory):
    title = factory.Sequence(lambda n: f"Research {n}")

    class Meta:
        model = ResearchIndexPage


class ResearchReportPageFactory(PublishedPageFactory):
    title = factory.Sequence(lambda n: f"Water affordability in mid-sized cities {n}")
    parent = site_section(ResearchIndexPage, ResearchIndexPageFactory)
    publication_date = factory.Sequence(
        lambda n: datetime.date(2026, 1, 1) + datetime.timedelta(days=n)
    )
    summary = "How cities keep water bills affordable while replacing ageing pipes."
    key_findings = stream(
        ("finding", "Bills rose faster than incomes in most cities studied."),
        ("finding", "Discount programs reach fewer than half of eligible households."),
    )
    body = stream(("paragraph", "<p>The report surveys forty utilities.</p>"))

    class Meta:
        model = ResearchReportPage


class ResearchReportDownloadFactory(DjangoModelFactory):
    page = factory.SubFactory(ResearchReportPageFactory)
    title = "Full report"
    document = factory.SubFactory(DocumentFactory)
    page_count = 24

    class Meta:
        model = ResearchReportDownload


class ResearchReportAuthorFactory(DjangoModelFactory):
    page = factory.SubFactory(ResearchReportPageFactory)
    person = factory.SubFactory(PersonFactory)

    class Meta:
        model = ResearchReportAuthor
