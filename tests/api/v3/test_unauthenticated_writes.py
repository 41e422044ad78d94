"""A write without a valid token is answered 401 before anything reads its body.

A body's rich text links are turned back into internal links (v3_stream_input.py), which
reads the database; none of that may happen for a request Wagtail will refuse anyway, and
no address in a link, however malformed, may make the server fail.
"""

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from tests.api.v3.clients import APIClient, news_article

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
