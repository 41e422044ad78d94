"""Where a rich-text link to a page goes is worked out once per site version: a page full of
links, or an API answer, reads no page for them once warm, and a change to the target shows
at the next request."""

import json
import re

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from tests.home.factories import StandardPageFactory

pytestmark = pytest.mark.django_db


def linking_to(target):
    paragraph = f'<p>Read <a linktype="page" id="{target.pk}">the guide</a>.</p>'
    return StandardPageFactory(body=json.dumps([{"type": "paragraph", "value": paragraph}]))


def target_reads(client, url, target):
    """The response to `url`, and its queries that read the page a link points at."""
    with CaptureQueriesContext(connection) as captured:
        response = client.get(url)
    assert response.status_code == 200
    names = re.compile(rf'(IN \((\d+, )*{target.pk}[,)]|"id" = {target.pk}\b)')
    reads = [q["sql"] for q in captured.captured_queries if names.search(q["sql"])]
    return response.content.decode(), reads


@pytest.mark.parametrize("surface", ["html", "api"])
def test_a_link_target_is_read_once_per_version_and_follows_changes(
    client, home_page, settings, surface
):
    settings.API_ITEM_CACHE_SECONDS = 0
    settings.PAGE_CACHE_SECONDS = 0
    target = StandardPageFactory(parent=home_page, title="Guide", slug="guide")
    source = linking_to(target)
    url = source.url if surface == "html" else f"/api/v2/pages/{source.pk}/?fields=body"

    text, _ = target_reads(client, url, target)
    assert "/guide/" in text
    text, reads = target_reads(client, url, target)
    assert "/guide/" in text
    assert reads == [], "\n".join(reads)

    target.slug = "handbook"
    target.save_revision().publish()
    text, _ = target_reads(client, url, target)
    assert "/handbook/" in text

    target.unpublish()
    text, _ = target_reads(client, url, target)
    assert "/handbook/" not in text
    assert "<a>the guide</a>" in text.replace("\\u003c", "<").replace("\\u003e", ">")
