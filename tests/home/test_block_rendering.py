"""Every body block renders on a page, accessibly, from its own template."""

import json

import pytest
from django.db import connection
from django.template.loader import get_template
from django.test import Client
from django.test.utils import CaptureQueriesContext

from home.blocks import BodyBlock
from tests.factories import stream
from tests.home.factories import (
    DocumentFactory,
    ImageFactory,
    StandardPageFactory,
    TestimonialFactory,
)
from tests.html import assert_accessible_basics, parse
from tests.world import module_world

pytestmark = pytest.mark.django_db

DELETED_ID = 999_999


def make_media():
    """The records body blocks point at."""
    document = DocumentFactory(title="Water brief")
    document.file_size = 1_258_291
    document.save()
    return {
        "image": ImageFactory(alt_text="Default alt", credit="Jane Photographer"),
        "document": document,
        "testimonial": TestimonialFactory(
            quote="Peers who had solved our problem.",
            name="Mayor Ana Torres",
            role="Mayor of Springfield",
            photo=ImageFactory(),
        ),
        "live": StandardPageFactory(title="Membership"),
        "draft": StandardPageFactory(title="Secret draft", publish=False),
    }


def every_block(media):
    """One (or two) of each body block, as stored StreamField data."""
    image, document = media["image"], media["document"]
    return stream(
        ("heading", {"text": "What the data shows", "level": "h2"}),
        ("paragraph", "<p>Council approved the plan <b>unanimously</b>.</p>"),
        (
            "paragraph",
            f'<p>See <a linktype="page" id="{media["live"].pk}">membership</a> and the '
            f'<a linktype="document" id="{document.pk}">brief</a>.</p>',
        ),
        ("heading", {"text": "In detail", "level": "h3"}),
        (
            "image",
            {
                "image": {"image": image.pk, "alt_text": "Council chamber", "decorative": False},
                "caption": "The vote",
            },
        ),
        (
            "image",
            {"image": {"image": image.pk, "alt_text": "", "decorative": True}, "caption": ""},
        ),
        ("quote", {"text": "Water is health.", "attribution": "A mayor", "role": "Mayor"}),
        ("testimonial", media["testimonial"].pk),
        ("testimonial", DELETED_ID),
        (
            "video",
            {
                "url": "https://youtu.be/aqz-KE-bpKQ",
                "title": "Mayors discuss heat",
                "caption": "Winter meeting",
                "transcript": "https://example.org/transcript",
            },
        ),
        (
            "video",
            {"url": "https://example.org/talk.mp4", "title": "A talk", "caption": "",
             "transcript": ""},
        ),
        ("document", {"document": document.pk, "title": "", "description": "Two pages."}),
        (
            "call_to_action",
            {"text": "Apply to join", "page": None, "url": "https://example.org/apply",
             "description": "Applications are open."},
        ),
        (
            "call_to_action",
            {"text": "Read about membership", "page": media["live"].pk, "url": "",
             "description": ""},
        ),
        (
            "table",
            {
                "data": [["City", "Bill"], ["Madison", "$68"], ["Dubuque", "$81"]],
                "table_header_choice": "both",
                "first_row_is_table_header": True,
                "first_col_is_header": True,
                "table_caption": "Average monthly water bill",
            },
        ),
        ("key_figure", {"figure": "1 in 4", "label": "renters are cost-burdened", "source": "ACS"}),
        (
            "accordion",
            {
                "heading": "Frequently asked questions",
                "items": [
                    {"question": "Who can join?", "answer": "<p>Any sitting mayor.</p>"},
                    {"question": "Is there a fee?", "answer": "<p>Dues are by city.</p>"},
                ],
            },
        ),
        (
            "related_pages",
            {"heading": "See also", "pages": [media["live"].pk, media["draft"].pk]},
        ),
    )  # fmt: skip


@module_world
def every_block_page():
    """The records, and the HTML of a page with every body block that points at them."""
    media = make_media()
    standard = StandardPageFactory(title="Every block", body=every_block(media))
    response = Client().get(standard.url)
    assert response.status_code == 200
    parsed = parse(response)
    assert_accessible_basics(parsed)
    return media, parsed


@pytest.fixture
def media(every_block_page, db):
    return every_block_page[0]


@pytest.fixture
def page(every_block_page, db):
    """The page with every body block, as parsed HTML."""
    return every_block_page[1]


def test_the_page_exercises_every_body_block(media):
    used = {block["type"] for block in json.loads(every_block(media))}

    assert used == set(BodyBlock.base_blocks)


@pytest.mark.parametrize("name", list(BodyBlock.base_blocks))
def test_every_body_block_has_its_own_template(name):
    block = BodyBlock.base_blocks[name]

    assert block.meta.template == f"blocks/{name}.html"
    assert get_template(block.meta.template)


def test_headings_have_levels_and_anchors(page):
    assert page.find("h2", id="what-the-data-shows").text == "What the data shows"
    assert page.find("h3", id="in-detail").text == "In detail"


def test_paragraph_keeps_its_formatting(page):
    assert "Council approved the plan unanimously." in page.text
    assert page.find("b").text == "unanimously"


def test_image_has_contextual_alt_caption_credit_and_webp(page):
    img = page.find("img", alt="Council chamber")
    # The factory's small original makes one rendition: no srcset (tests/home/
    # test_responsive_images.py checks the widths of a large one).
    assert img.attrs["src"].endswith(".width-400.format-webp.webp")
    assert (img.attrs["width"], img.attrs["height"]) == ("64", "36")
    figure = page.find("figure", class_="figure")
    assert figure.text == "The vote Jane Photographer"


def test_decorative_image_has_empty_alt(page):
    body_images = [figure.find("img") for figure in page.find_all("figure", class_="figure")]

    assert [img.attrs["alt"] for img in body_images] == ["Council chamber", ""]


def test_quote(page):
    quote = page.find("figure", class_="quote")
    assert quote.text == "Water is health. A mayor Mayor"


def test_testimonial_shows_quote_and_who_said_it_and_skips_deleted_ones(page):
    testimonials = page.find_all("figure", class_="testimonial")

    assert len(testimonials) == 1
    assert "Peers who had solved our problem." in testimonials[0].text
    assert "Mayor Ana Torres Mayor of Springfield" in testimonials[0].text


def test_video_is_embedded_lazily_with_a_title_and_a_plain_link(page):
    iframe = page.find("iframe")
    assert iframe.attrs["src"] == "https://www.youtube-nocookie.com/embed/aqz-KE-bpKQ"
    assert iframe.attrs["title"] == "Mayors discuss heat"
    assert iframe.attrs["loading"] == "lazy"
    assert page.find("a", href="https://youtu.be/aqz-KE-bpKQ")
    assert page.find("a", href="https://example.org/transcript")
    assert len(page.find_all("iframe")) == 1


def test_video_that_cannot_be_embedded_is_a_link(page):
    link = page.find("a", href="https://example.org/talk.mp4")

    assert link.text == "Watch the video: A talk"


def test_document_download_shows_type_and_size(page, media):
    download = page.find("div", class_="download")

    assert download.text == "Water brief (PDF, 1.2 MB) Two pages."
    assert page.find("a", href=media["document"].url)


def test_calls_to_action_link_to_a_url_or_a_page(page):
    assert page.find("a", href="https://example.org/apply").text == "Apply to join"
    assert "Applications are open." in page.text
    assert "Read about membership" in page.link_texts("/membership/")


def test_table_has_caption_and_header_scopes(page):
    assert page.find("caption").text == "Average monthly water bill"
    assert [th.text for th in page.find_all("th", scope="col")] == ["City", "Bill"]
    assert [th.text for th in page.find_all("th", scope="row")] == ["Madison", "Dubuque"]
    assert [td.text for td in page.find_all("td")] == ["$68", "$81"]


def test_key_figure(page):
    assert page.find("p", class_="key-figure__figure").text == "1 in 4"
    assert "Source: ACS" in page.find("div", class_="key-figure").text


def test_accordion_uses_details_and_summary(page):
    summaries = [s.text for s in page.find_all("summary")]

    assert summaries == ["Who can join?", "Is there a fee?"]
    assert len(page.find_all("details")) == 2
    assert "Any sitting mayor." in page.text


def test_related_pages_leave_out_drafts(page):
    related = page.find("aside", class_="related-pages")

    assert related.text == "See also Membership"
    assert "Secret draft" not in page.text


def test_body_blocks_cost_no_queries_per_block(client, media):
    few = StandardPageFactory(title="Few", body=every_block(media))
    many = StandardPageFactory(
        title="Many", body=every_block(media)[:-1] + "," + every_block(media)[1:]
    )
    for page in (few, many):
        client.get(page.url)  # create renditions, warm caches

    counts = []
    for page in (few, many):
        with CaptureQueriesContext(connection) as queries:
            assert client.get(page.url).status_code == 200
        counts.append(len(queries))

    assert counts[0] == counts[1]


def test_links_in_rich_text_cost_no_queries_per_paragraph(client, media):
    def linking_page(count):
        targets = [StandardPageFactory(title=f"Target {count}-{n}") for n in range(count)]
        documents = [DocumentFactory(title=f"Brief {n}") for n in range(count)]
        paragraphs = [
            (
                "paragraph",
                f'<p><a linktype="page" id="{target.pk}">{target.title}</a> and '
                f'<a linktype="document" id="{document.pk}">{document.title}</a></p>',
            )
            for target, document in zip(targets, documents, strict=True)
        ]
        return StandardPageFactory(title=f"{count} links", body=stream(*paragraphs))

    counts = []
    for page in (linking_page(1), linking_page(6)):
        client.get(page.url)  # warm caches (site root paths)
        with CaptureQueriesContext(connection) as queries:
            html = client.get(page.url).content.decode()
        assert html.count('href="/target-') == len(page.body)
        counts.append(len(queries))

    assert counts[0] == counts[1]
