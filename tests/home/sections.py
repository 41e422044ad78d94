"""Section listings built for tests: a live item of each section with a topic, image and author."""

from django.db import connection
from django.test.utils import CaptureQueriesContext

from tests.events.factories import EventIndexPageFactory, EventPageFactory
from tests.home.factories import CohortIndexPageFactory, CohortPageFactory, PersonFactory
from tests.news.factories import (
    NewsArticleAuthorFactory,
    NewsArticlePageFactory,
    NewsIndexPageFactory,
)
from tests.research.factories import (
    ResearchIndexPageFactory,
    ResearchReportAuthorFactory,
    ResearchReportPageFactory,
)


def add_item(section, index, topic, image):
    """A live page of the section with a topic, an image and, where it has them, an author."""
    _, page_factory, author_factory = SECTIONS[section]
    page = page_factory(parent=index, listing_image=image)
    page.topics.add(topic)
    page.save()  # parental relations are written when the page is saved
    if author_factory:
        author_factory(page=page, person=PersonFactory())
    return page


# section: (index factory, page factory, person-link factory shown on cards or None)
SECTIONS = {
    "news": (NewsIndexPageFactory, NewsArticlePageFactory, NewsArticleAuthorFactory),
    "research": (ResearchIndexPageFactory, ResearchReportPageFactory, ResearchReportAuthorFactory),
    "events": (EventIndexPageFactory, EventPageFactory, None),
    "cohorts": (CohortIndexPageFactory, CohortPageFactory, None),
}


def get(client, url):
    """GET a page and return its response, asserting it rendered."""
    response = client.get(url)
    assert response.status_code == 200, url
    return response


def query_count(client, url):
    get(client, url)  # warm-up: creates any missing image renditions
    with CaptureQueriesContext(connection) as queries:
        get(client, url)
    return len(queries)
