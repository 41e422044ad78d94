"""A report for search engines: a Report with its authors."""

import datetime

import pytest

from tests.head import read_head
from tests.home.factories import (
    PersonFactory,
)
from tests.research.factories import (
    ResearchReportAuthorFactory,
    ResearchReportPageFactory,
)

pytestmark = pytest.mark.django_db


def test_report_is_a_report_with_its_authors(client, home_page):
    report = ResearchReportPageFactory(
        title="Water affordability", publication_date=datetime.date(2026, 5, 4)
    )
    ResearchReportAuthorFactory(page=report, person=PersonFactory(name="Marcus Oyelaran"))

    schema = read_head(client, report.url).schema

    assert schema["@type"] == "Report"
    assert schema["name"] == schema["headline"] == "Water affordability"
    assert schema["datePublished"] == "2026-05-04"
    assert [author["name"] for author in schema["author"]] == ["Marcus Oyelaran"]
