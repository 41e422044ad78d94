"""Each factory builds a valid, published page or record with no arguments."""

import pytest

from tests.events.factories import EventPageFactory, EventRegistrationPageFactory
from tests.home.factories import CohortPageFactory, FormPageFactory, StandardPageFactory
from tests.news.factories import NewsArticlePageFactory
from tests.research.factories import ResearchReportPageFactory

PAGE_FACTORIES = [
    StandardPageFactory,
    FormPageFactory,
    CohortPageFactory,
    NewsArticlePageFactory,
    ResearchReportPageFactory,
    EventPageFactory,
    EventRegistrationPageFactory,
]


@pytest.mark.django_db
@pytest.mark.parametrize("page_factory", PAGE_FACTORIES, ids=lambda f: f.__name__)
def test_factory_builds_a_valid_live_page(page_factory):
    page = page_factory()
    page.full_clean()
    assert page.live
    assert page.live_revision is not None
    assert page.url.startswith("/")
