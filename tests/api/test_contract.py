"""The JSON each page type gives consuming sites keeps its shape: the API's versioning promise.

Every page type is built with every field filled and a body holding every body block, fetched
from `/api/v2/pages/<id>/`, and its *shape* compared with a committed snapshot in
tests/api/contract/<app_label>.<Model>.json. The shape is the JSON with each value replaced
by its type name ("string", "integer", "boolean", "null", "number"), lists reduced to the
distinct shapes of their items and StreamField blocks (and `meta.type`, page link `type`s)
kept by their `type`, so ids and dates never make it flaky but a renamed, removed, retyped
or added field fails, naming it.

Fields may be added, never renamed or removed. When a change is deliberate (an added field,
or a breaking change that comes with a new API version and a changelog entry), regenerate
the snapshots and commit them with the change:

    UPDATE_API_CONTRACT=1 .venv/bin/python -m pytest tests/api/test_contract.py

A few values are checked too: what a consuming site relies on beyond the shape.
"""

import json
import os
from pathlib import Path

import pytest
from django.conf import settings
from wagtail.models import Page, get_page_models

from home.models import HomePage
from tests.api.conftest import ContentBuilder
from tests.world import module_world

pytestmark = pytest.mark.django_db

CONTRACT_DIR = Path(__file__).parent / "contract"
REPO = Path(__file__).parents[2]
UPDATE = os.environ.get("UPDATE_API_CONTRACT") == "1"
PAGE_TYPES = [
    "home.HomePage",
    "home.StandardPage",
    "home.FormPage",
    "home.CohortIndexPage",
    "home.CohortPage",
    "news.NewsIndexPage",
    "news.NewsArticlePage",
    "research.ResearchIndexPage",
    "research.ResearchReportPage",
    "events.EventIndexPage",
    "events.EventPage",
    "events.EventRegistrationPage",
    "home.TopicIndexPage",
    "home.PeopleIndexPage",
    "home.MemberDirectoryPage",
]
BODY_BLOCKS = [
    "paragraph",
    "heading",
    "image",
    "quote",
    "testimonial",
    "video",
    "document",
    "call_to_action",
    "table",
    "key_figure",
    "accordion",
    "related_pages",
]
TYPE_NAMES = {str: "string", bool: "boolean", int: "integer", float: "number", type(None): "null"}


def shape(value):
    """The JSON's structure: type names for values, literal `type`s, distinct list items."""
    if isinstance(value, dict):
        return {
            key: item if key == "type" and isinstance(item, str) else shape(item)
            for key, item in value.items()
        }
    if isinstance(value, list):
        distinct = {}
        for item in value:
            item_shape = shape(item)
            distinct.setdefault(json.dumps(item_shape, sort_keys=True), item_shape)
        return [distinct[key] for key in sorted(distinct)]
    return TYPE_NAMES[type(value)]


def is_block(value):
    """Whether a shape is a StreamField block: {"type": ..., "value": ..., "id": ...}."""
    return isinstance(value, dict) and set(value) == {"type", "value", "id"}


def paths(value, prefix=""):
    """One line per leaf of a shape, e.g. `body[type=quote].value.text: string`."""
    if isinstance(value, dict):
        if is_block(value):
            prefix = f"{prefix}[type={value['type']}]"
            value = {"id": value["id"], "value": value["value"]}
        for key, item in value.items():
            yield from paths(item, f"{prefix}.{key}" if prefix else key)
    elif isinstance(value, list):
        if not value:
            yield f"{prefix}: empty list"
        for item in value:
            yield from paths(item, prefix if is_block(item) else f"{prefix}[]")
    else:
        yield f"{prefix}: {value}"


def contract_failure(label, expected, actual, path):
    """A message saying what changed and how to update the snapshot when that is intended."""
    expected_paths, actual_paths = set(paths(expected)), set(paths(actual))
    removed = sorted(expected_paths - actual_paths)
    added = sorted(actual_paths - expected_paths)
    lines = [f"The API JSON of {label} pages no longer matches {path.relative_to(REPO)}."]
    if removed:
        lines += ["Gone or changed (this breaks the sites that read us):"]
        lines += [f"  - {line}" for line in removed]
    if added:
        lines += ["New:"]
        lines += [f"  + {line}" for line in added]
    lines += [
        "Fields may be added, never renamed or removed. If this change is deliberate, update",
        "the snapshot and commit it with the change (and a changelog entry if anything went):",
        "  UPDATE_API_CONTRACT=1 .venv/bin/python -m pytest tests/api/test_contract.py",
    ]
    return "\n".join(lines)


def blocks_by_type(body):
    """A body's block values by block type (each built page has one block of each)."""
    return {block["type"]: block["value"] for block in body}


@module_world
def populated():
    """A fully populated page of every type, by label."""
    content = ContentBuilder(HomePage.objects.get())
    return {label: content.page(label) for label in PAGE_TYPES}


@pytest.fixture
def fetch(populated, get_json):
    """The fully populated page of the type with this label, and the API's JSON for it."""

    def fetch(label):
        page = populated[label]
        return page, get_json(f"/api/v2/pages/{page.pk}/")

    return fetch


@pytest.mark.parametrize("label", PAGE_TYPES)
def test_page_json_keeps_its_shape(fetch, label):
    _, data = fetch(label)
    actual = shape(data)
    path = CONTRACT_DIR / f"{label}.json"
    if UPDATE:
        CONTRACT_DIR.mkdir(exist_ok=True)
        path.write_text(json.dumps(actual, indent=2) + "\n")
    assert path.exists(), (
        f"No API contract for {label} pages yet: create it with\n"
        "  UPDATE_API_CONTRACT=1 .venv/bin/python -m pytest tests/api/test_contract.py"
    )
    expected = json.loads(path.read_text())
    if set(paths(actual)) != set(paths(expected)):
        pytest.fail(contract_failure(label, expected, actual, path), pytrace=False)


def test_every_page_type_has_a_contract():
    labels = {model._meta.label for model in get_page_models() if model is not Page}
    assert labels == set(PAGE_TYPES), "add the new page type to PAGE_TYPES and the builder"
    snapshots = {path.stem for path in CONTRACT_DIR.glob("*.json")}
    assert snapshots == set(PAGE_TYPES), "a snapshot without its page type, or the reverse"


@pytest.mark.parametrize("label", PAGE_TYPES)
def test_page_json_is_of_its_type_with_every_body_block(fetch, label):
    page, data = fetch(label)
    assert data["id"] == page.pk
    assert data["meta"]["type"] == label
    # The snapshot guards only what the built page shows: every block, when there is a body.
    if "body" in data:
        assert sorted(blocks_by_type(data["body"])) == sorted(BODY_BLOCKS)


def test_meta_addresses_use_the_public_address(fetch):
    page, data = fetch("news.NewsArticlePage")
    base = settings.PUBLIC_BASE_URL
    assert data["meta"]["html_url"] == base + page.url
    assert data["meta"]["detail_url"] == f"{base}/api/v2/pages/{page.pk}/"
    parent = data["meta"]["parent"]
    assert parent["meta"]["html_url"] == base + page.get_parent().url
    assert parent["meta"]["detail_url"] == f"{base}/api/v2/pages/{parent['id']}/"


def test_rich_text_goes_out_as_html_with_public_links(fetch):
    _, data = fetch("news.NewsArticlePage")
    blocks = blocks_by_type(data["body"])
    texts = [blocks["paragraph"], blocks["accordion"]["items"][0]["answer"]]
    for html in texts:
        assert html.startswith("<p>")
        assert "linktype=" not in html
        assert 'href="http://testserver/' in html
        assert 'href="http://testserver/documents/' in html
    # Rich text fields outside StreamField too.
    _, index = fetch("news.NewsIndexPage")
    assert 'href="http://testserver/' in index["intro"]
    assert "linktype=" not in index["intro"]


def assert_image(image):
    assert image["alt"]
    assert set(image["renditions"]) == {"card", "medium", "large"}
    for rendition in image["renditions"].values():
        assert rendition["url"].startswith("http://testserver/media/images/")
        assert rendition["width"] > 0
        assert rendition["height"] > 0


def test_images_carry_alt_text_and_absolute_renditions(fetch):
    _, data = fetch("research.ResearchReportPage")
    for field in ("listing_image", "social_image", "cover_image"):
        assert_image(data[field])
    blocks = blocks_by_type(data["body"])
    assert_image(blocks["image"]["image"])
    # The editor's alt text for this use of the image wins over the library's default.
    assert blocks["image"]["image"]["alt"] == "Council chamber"
    assert_image(blocks["testimonial"]["photo"])


def assert_document(document):
    assert document["url"].startswith("http://testserver/documents/")
    assert document["url"].endswith(".pdf")
    assert document["title"]
    assert document["file_type"] == "PDF"
    assert document["file_size"] > 0


def test_documents_carry_address_title_type_and_size(fetch):
    _, data = fetch("research.ResearchReportPage")
    assert [download["title"] for download in data["downloads"]] == ["Full report", "Brief"]
    for download in data["downloads"]:
        assert_document(download["document"])
    document = blocks_by_type(data["body"])["document"]["document"]
    assert_document(document)
    assert document["title"] == "Water brief"


@pytest.mark.parametrize(
    ("label", "field", "keys"),
    [
        ("news.NewsArticlePage", "topics", {"id", "name", "slug"}),
        ("news.NewsArticlePage", "authors", {"id", "name", "slug", "role"}),
        ("research.ResearchReportPage", "authors", {"id", "name", "slug", "role"}),
        ("events.EventPage", "speakers", {"id", "name", "slug", "role"}),
        ("home.CohortPage", "members", {"id", "name", "state", "mayor", "note"}),
    ],
)
def test_related_records_are_objects_not_ids(fetch, label, field, keys):
    _, data = fetch(label)
    items = data[field]
    assert len(items) == 2
    for item in items:
        assert isinstance(item, dict), f"{field} should list objects, got {item!r}"
        assert keys <= set(item)


def test_page_links_in_blocks_point_at_the_site_and_the_api(fetch):
    _, data = fetch("home.StandardPage")
    blocks = blocks_by_type(data["body"])
    links = [blocks["call_to_action"]["page"], *blocks["related_pages"]["pages"]]
    for link in links:
        assert link["type"] == "home.StandardPage"
        assert link["url"].startswith("http://testserver/")
        assert link["detail_url"] == f"http://testserver/api/v2/pages/{link['id']}/"
    assert blocks["call_to_action"]["href"] == blocks["call_to_action"]["page"]["url"]
    assert blocks["video"]["embed_url"].startswith("https://www.youtube-nocookie.com/embed/")
