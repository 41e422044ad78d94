"""A research report as visitors see it."""

import pytest

from tests.home.factories import (
    DocumentFactory,
    ImageFactory,
    PersonFactory,
)
from tests.html import visit
from tests.research.factories import (
    ResearchReportAuthorFactory,
    ResearchReportDownloadFactory,
    ResearchReportPageFactory,
)

pytestmark = pytest.mark.django_db


def test_research_report_shows_cover_findings_downloads_and_authors(client, home_page):
    report = ResearchReportPageFactory(
        title="Water affordability",
        cover_image=ImageFactory(alt_text="Report cover: a water tower"),
        contact=PersonFactory(name="Lee Park", email="lee@example.org"),
    )
    document = DocumentFactory()
    document.file_size = 1_258_291
    document.save()
    ResearchReportDownloadFactory(page=report, title="Full report", document=document)
    ResearchReportAuthorFactory(page=report, person=PersonFactory(name="Sam Quinn"))

    page = visit(client, report)

    assert page.find("img", alt="Report cover: a water tower")
    findings = page.find("section", class_="section key-findings").text
    assert "Bills rose faster than incomes" in findings
    assert "Discount programs reach fewer than half" in findings
    download = page.find("li", class_="download").text
    assert download == "Full report (PDF, 1.2 MB, 24 pages)"
    assert page.find("a", href=document.url)
    assert page.find("p", class_="byline").text == "By Sam Quinn"
    assert "Lee Park" in page.find("aside", class_="contact").text
