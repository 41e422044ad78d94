"""Post content to body blocks, one construct at a time, and always valid for its block."""

import pytest

from home.blocks import BodyBlock
from wordpress.classic import autop
from wordpress.content import gutenberg_blocks, to_blocks


class Resolver:
    """Knows one post (/2024/01/known/ and ?p=7 are page 70) and one PDF (document 5)."""

    def __init__(self):
        self.notes = []

    def page_id(self, url):
        return 70 if url in {"https://old.example.org/2024/01/known/", "/?p=7"} else None

    def image(self, wp_id=None, url=None):
        return None

    def document_id(self, url):
        return 5 if url.endswith("/wp-content/uploads/2024/01/plan.pdf") else None

    def note(self, message):
        self.notes.append(message)


def convert(html):
    resolver = Resolver()
    blocks = to_blocks(html, resolver)
    stream = BodyBlock()
    for block in blocks:
        child = stream.child_blocks[block["type"]]
        if block["type"] not in {"image", "document"}:  # those need library objects
            child.clean(child.to_python(block["value"]))
    return blocks, resolver.notes


def test_autop_parts_paragraphs_at_blank_lines_and_keeps_line_breaks():
    assert autop("One\ntwo\n\nThree") == "<p>One<br>\ntwo</p>\n<p>Three</p>"
    assert autop("<ul><li>a</li></ul>\n\nText") == "<ul><li>a</li></ul>\n<p>Text</p>"


def test_gutenberg_blocks_nest_and_leave_free_text_as_classic():
    content = (
        "Loose text\n<!-- wp:group --><div><!-- wp:paragraph --><p>In</p>"
        "<!-- /wp:paragraph --></div><!-- /wp:group -->"
        '<!-- wp:spacer {"height":20} /--><!-- wp:heading {"level":3} --><h3>H</h3>'
        "<!-- /wp:heading -->"
    )
    names = [(name, attrs) for name, attrs, _ in gutenberg_blocks(content)]
    assert names == [("freeform", {}), ("group", {}), ("spacer", {"height": 20}),
                     ("heading", {"level": 3})]  # fmt: skip
    blocks, _ = convert(content)
    assert [b["type"] for b in blocks] == ["paragraph", "heading"]
    assert blocks[0]["value"] == "<p>Loose text</p><p>In</p>"
    assert blocks[1]["value"] == {"text": "H", "level": "h3"}


def test_links_to_imported_posts_and_uploads_become_page_and_document_links():
    blocks, _ = convert(
        '<p><a href="https://old.example.org/2024/01/known/">known</a>, '
        '<a href="/?p=7">by id</a>, '
        '<a href="https://old.example.org/wp-content/uploads/2024/01/plan.pdf">plan</a>, '
        '<a href="https://elsewhere.example.com/">away</a>, '
        '<a href="javascript:alert(1)">bad</a></p>'
    )
    assert blocks[0]["value"] == (
        '<p><a id="70" linktype="page">known</a>, <a id="70" linktype="page">by id</a>, '
        '<a id="5" linktype="document">plan</a>, '
        '<a href="https://elsewhere.example.com/">away</a>, <a>bad</a></p>'
    )


def test_markup_the_paragraph_block_does_not_allow_is_removed():
    blocks, notes = convert(
        '<p style="color:red" onclick="steal()">Hi <span class="x">there</span>'
        "<u>!</u><script>steal()</script></p><style>p{}</style>"
        '<iframe src="https://ads.example.com/"></iframe><form><input name="q"></form>'
    )
    assert blocks == [{"type": "paragraph", "value": "<p>Hi there!</p>"}]
    assert set(notes) == {
        "<script> removed",
        "<style> removed",
        "<form> removed",
        "embedded frame removed: https://ads.example.com/",
    }


def test_headings_quotes_tables_and_videos():
    blocks, _ = convert(
        "<h1>Top</h1><h4>Deep</h4>"
        "<blockquote><p>Water is health.</p><p>Twice.</p><footer>A mayor</footer></blockquote>"
        "<table><tr><td>a</td><td>b</td></tr><tr><td>c</td></tr></table>"
        "<p>https://youtu.be/aqz-KE-bpKQ</p>"
        '<iframe src="https://player.vimeo.com/video/76979871"></iframe>'
    )
    assert [b["type"] for b in blocks] == ["heading", "heading", "quote", "table", "video", "video"]
    assert blocks[0]["value"]["level"] == "h2" and blocks[1]["value"]["level"] == "h3"
    assert blocks[2]["value"]["text"] == "Water is health.\n\nTwice."
    assert blocks[2]["value"]["attribution"] == "A mayor"
    assert blocks[3]["value"]["data"] == [["a", "b"], ["c", ""]]
    assert blocks[3]["value"]["first_row_is_table_header"] is False
    assert blocks[4]["value"]["url"] == "https://youtu.be/aqz-KE-bpKQ"


def test_a_heading_too_long_for_the_heading_block_stays_as_bold_text():
    long = "A very long heading " * 10
    blocks, notes = convert(f"<h2>{long}</h2>")
    assert blocks[0]["type"] == "paragraph" and blocks[0]["value"].startswith("<p><b>A very")
    assert notes == ["heading over 120 characters kept as bold text"]


@pytest.mark.parametrize(
    ("content", "note"),
    [
        ('[contact-form-7 id="5"]', "unknown shortcode [contact-form-7] kept as text"),
        ("[embed]https://example.com/slides[/embed]", "embed that is not a YouTube or Vimeo video"),
        ("[gallery]", "a [gallery] without ids (all the post's attachments) was left out"),
        ('<video src="/clip.mp4"></video>', "self-hosted <video> left out: /clip.mp4"),
        ('<img src="https://old.example.org/x.jpg">', "image not imported, left out"),
    ],
)
def test_what_cannot_be_carried_over_is_reported(content, note):
    blocks, notes = convert(content)
    assert any(message.startswith(note) for message in notes), notes
    if "contact-form-7" in content:
        assert blocks[0]["value"] == "<p>[contact-form-7 id=&quot;5&quot;]</p>"


def test_empty_content_makes_no_blocks():
    assert convert("") == ([], [])
    assert convert("<!-- wp:paragraph --><p> </p><!-- /wp:paragraph -->") == ([], [])
