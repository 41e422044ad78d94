"""What v3 returns for a page's StreamField content, v3 takes back unchanged (read-modify-write).

A client reads a page, changes one thing and writes the body it read: that must be accepted,
and must store exactly what was there plus the change, for every page type and every block.
"""

import json
import re

import pytest
from wagtail.fields import StreamField
from wagtail.models import Page, get_page_models

from home.models import HomePage
from tests.events.factories import EventPageFactory, EventRegistrationPageFactory
from tests.home.factories import CohortPageFactory, FormPageFactory, StandardPageFactory
from tests.home.test_block_rendering import DELETED_ID, every_block
from tests.news.factories import NewsArticlePageFactory
from tests.research.factories import ResearchReportPageFactory

pytestmark = pytest.mark.django_db


def home_page(**fields):
    """The site's one home page, its fields changed and published."""
    page = HomePage.objects.get()
    for name, value in fields.items():
        setattr(page, name, value)
    page.save_revision().publish()
    return page


FACTORIES = {
    "home.HomePage": home_page,
    "home.StandardPage": StandardPageFactory,
    "home.CohortPage": CohortPageFactory,
    "news.NewsArticlePage": NewsArticlePageFactory,
    "research.ResearchReportPage": ResearchReportPageFactory,
    "events.EventPage": EventPageFactory,
    "home.FormPage": FormPageFactory,
    "events.EventRegistrationPage": EventRegistrationPageFactory,
}
BLOCK_KEY = re.compile(r' data-block-key=\\"\w+\\"')
KEY_FINDINGS = json.dumps([{"type": "finding", "value": "Lead lines cost $4,700 each to replace."}])


def stored(page, name):
    """The field's blocks as stored (type and value), from the page's latest revision.

    What a save through any form changes without changing what a reader sees is left out:
    the rich text editor's block keys (`data-block-key`) and list items' ids.
    """
    latest = Page.objects.get(pk=page.pk).specific.get_latest_revision_as_object()
    blocks = [[block["type"], block["value"]] for block in getattr(latest, name).raw_data]
    blocks = json.loads(BLOCK_KEY.sub("", json.dumps(blocks)), object_hook=list_item_value)
    return [tuple(block) for block in blocks]


def list_item_value(item):
    """A list item's value, whether stored with its id (as forms save it) or bare."""
    return (
        item["value"] if item.keys() == {"type", "value", "id"} and item["type"] == "item" else item
    )


def visible_blocks(media):
    """Every body block, pointing only at what visitors may see.

    v3 reads, like v2, leave out what visitors may not see (a deleted testimonial, a draft
    among related pages), so writing a read body back cannot keep those (docs/api.md).
    """
    media = {**media, "draft": media["live"]}
    hidden = [("testimonial", DELETED_ID)]
    # The rendering tests also store a video the editor refuses (not YouTube or Vimeo).
    invalid = {"video": "https://example.org/talk.mp4"}
    return json.dumps(
        [
            block
            for block in json.loads(every_block(media))
            if (block["type"], block["value"]) not in hidden
            and not (block["type"] == "video" and block["value"]["url"] == invalid["video"])
        ]
    )


def page_of_type(label, media):
    fields = {"body": visible_blocks(media)}
    if label == "research.ResearchReportPage":
        fields["key_findings"] = KEY_FINDINGS
    return FACTORIES[label](**fields)


# Rich text as v3 reads it by default (HTML, links as web addresses) and as stored.
FORMATS = {"html": {}, "db_html": {"rich_text_format": "db_html"}}


@pytest.mark.parametrize("rich_text", FORMATS.values(), ids=FORMATS)
@pytest.mark.parametrize("label", FACTORIES)
def test_a_body_read_through_v3_is_written_back_as_it_was(admin_api, media, label, rich_text):
    page = page_of_type(label, media)
    fields = [name for name in ("body", "key_findings") if hasattr(page, name)]
    before = {name: stored(page, name) for name in fields}

    read = admin_api.get(f"pages/{page.pk}/", **rich_text)
    assert read.status_code == 200, read.content
    if not rich_text:  # links to a page and a document, as web addresses
        assert 'href="http://testserver/membership/"' in read.json()["body"][2]["value"]
        assert 'href="http://testserver/documents/' in read.json()["body"][2]["value"]
    body = {name: read.json()[name] for name in fields}
    body["body"].append({"type": "heading", "value": {"text": "Added", "level": "h2"}})
    response = admin_api.patch(f"pages/{page.pk}/", body)

    assert response.status_code == 200, response.content
    added = ("heading", {"text": "Added", "level": "h2"})
    assert stored(page, "body") == [*before["body"], added]
    for name in fields[1:]:
        assert stored(page, name) == before[name]


def test_every_page_type_with_blocks_is_tried():
    with_blocks = {
        model._meta.label
        for model in get_page_models()
        if any(isinstance(field, StreamField) for field in model._meta.concrete_fields)
    }
    assert with_blocks == set(FACTORIES)
