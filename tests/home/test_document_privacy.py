"""Documents in private collections never appear on public pages (promise 1)."""

import json

import pytest
from wagtail.models import Collection, CollectionViewRestriction

from tests.home.factories import DocumentFactory, StandardPageFactory
from tests.research.factories import ResearchReportDownloadFactory

pytestmark = pytest.mark.django_db


@pytest.fixture
def private_collection():
    """A collection under a private parent: the restriction covers its descendants too."""
    board = Collection.get_first_root_node().add_child(name="Board papers")
    CollectionViewRestriction.objects.create(
        collection=board, restriction_type="password", password="s3cret"
    )
    return board.add_child(name="2026 minutes")


def body_with(*documents):
    return json.dumps(
        [
            {"type": "document", "value": {"document": doc.pk, "title": "", "description": ""}}
            for doc in documents
        ]
    )


def test_document_block_hides_documents_in_private_collections(client, private_collection):
    public = DocumentFactory(title="Annual report")
    private = DocumentFactory(title="Board minutes", collection=private_collection)
    html = client.get(StandardPageFactory(body=body_with(public, private)).url).content.decode()
    assert "Annual report" in html
    assert public.url in html
    assert "Board minutes" not in html
    assert private.url not in html


def test_report_downloads_leave_out_private_documents(client, private_collection):
    full = ResearchReportDownloadFactory(title="Full report")
    ResearchReportDownloadFactory(
        page=full.page,
        title="Internal draft",
        document=DocumentFactory(collection=private_collection),
    )
    html = client.get(full.page.url).content.decode()
    assert "Full report" in html
    assert "Internal draft" not in html
