"""A write's body costs no work before its token is checked, and little after.

A body's rich text links are turned back into internal links (v3_stream_input.py), which
reads the database; none of that may happen for a request Wagtail will refuse anyway, and
no address in a link, however malformed, may make the server fail. With a valid token, the
links cost the same few queries however many there are.
"""

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from wagtail.models import Site

from mipcms.api.v3_stream_input import writable_body
from news.models import NewsArticlePage
from tests.api.v3.clients import APIClient, news_article
from tests.home.factories import DocumentFactory, StandardPageFactory

pytestmark = pytest.mark.django_db

MALFORMED_LINK = '<p>See <a href="http://[x/">the report</a>.</p>'


def body_with_malformed_link(parent):
    return news_article(parent, "Bad link", body=[{"type": "paragraph", "value": MALFORMED_LINK}])


@pytest.mark.parametrize("token", [None, "not-a-token"], ids=["no token", "invalid token"])
def test_write_without_valid_token_is_401_before_body_work(site, news_index, token):
    payload = body_with_malformed_link(news_index)
    with CaptureQueriesContext(connection) as queries:
        response = APIClient(token).post("pages/", payload)
    assert response.status_code == 401, response.content
    assert response["Content-Type"] == "application/problem+json"
    assert "API token" in response.json()["detail"]
    # Only the token lookup: no site, page or document lookups for the body's links.
    assert not [q for q in queries.captured_queries if "wagtailcore_site" in q["sql"]]


def test_malformed_link_address_is_kept_as_an_external_link(admin_api, news_index):
    response = admin_api.post("pages/", body_with_malformed_link(news_index))
    assert response.status_code == 201, response.content
    page_id = response.json()["id"]
    body = admin_api.get(f"pages/{page_id}/").json()["body"]
    assert '<a href="http://[x/">the report</a>' in body[0]["value"]


def body_linking(pages, documents):
    """A body with one paragraph per link, to these pages' and documents' web addresses."""
    hrefs = [page.full_url for page in pages] + [
        f"http://testserver{document.url}" for document in documents
    ]
    return [{"type": "paragraph", "value": f'<p><a href="{href}">A link</a></p>'} for href in hrefs]


def test_links_in_a_body_cost_the_same_queries_however_many(rf, news_index):
    """Turning addresses back into links looks up every link of a body at once.

    (Saving the page and answering with it cost Wagtail's own queries per link; those are
    Wagtail's reference index and rich text rendering, not this conversion's.)
    """
    pages = [StandardPageFactory(title=f"Linked {n}") for n in range(5)]
    documents = [DocumentFactory() for _ in range(5)]
    Site.get_site_root_paths()  # Wagtail's cache, as on any request after the first

    def queries_for(body):
        payload = news_article(news_index, "Links", body=body)
        with CaptureQueriesContext(connection) as queries:
            written = writable_body(rf.post("/api/v3/pages/"), NewsArticlePage, payload)
        assert all('linktype="' in block["value"] for block in written["body"])  # made internal
        return len(queries)

    assert queries_for(body_linking(pages[:1], documents[:1])) == queries_for(
        body_linking(pages, documents)
    )
