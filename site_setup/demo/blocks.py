"""A small vocabulary for writing StreamField bodies in the demo content modules.

Content modules describe blocks with these helpers; references to images, pages, documents
and testimonials are written as `Ref`s (by demo key) and turned into database ids by
`resolve` once the loader knows them.
"""

import uuid
from dataclasses import dataclass


@dataclass(frozen=True)
class Ref:
    """A reference by demo key: kind is image, image_alt, page, document or testimonial."""

    kind: str
    key: str


def txt(text):
    """Text written across several source lines, as one line with single spaces."""
    return " ".join(text.split())


def _block(block_type, value):
    return {"type": block_type, "value": value}


def p(*paragraphs):
    """A paragraph block; each argument becomes one <p> (HTML inside is kept)."""
    return _block("paragraph", "".join(f"<p>{txt(text)}</p>" for text in paragraphs))


def ul(intro, items):
    """A paragraph block with an introductory sentence and a bulleted list."""
    bullets = "".join(f"<li>{txt(item)}</li>" for item in items)
    return _block("paragraph", f"<p>{txt(intro)}</p><ul>{bullets}</ul>")


def h(text, level="h2"):
    """A heading block."""
    return _block("heading", {"text": text, "level": level})


def quote(text, attribution="", role=""):
    """A pull quote block."""
    return _block("quote", {"text": txt(text), "attribution": attribution, "role": role})


def figure(number, label, source=""):
    """A key figure block: one large number and what it measures."""
    return _block("key_figure", {"figure": number, "label": txt(label), "source": source})


def image(key, caption=""):
    """An image block showing a demo image, with the image's own alt text."""
    return _block(
        "image",
        {
            "image": {
                "image": Ref("image", key),
                "decorative": False,
                "alt_text": Ref("image_alt", key),
            },
            "caption": caption,
        },
    )


def cta(text, description="", page=None, url=""):
    """A call-to-action button leading to a demo page (by slug) or an outside link."""
    return _block(
        "call_to_action",
        {
            "text": text,
            "page": Ref("page", page) if page else None,
            "url": url,
            "description": txt(description),
        },
    )


def faq(heading, items):
    """An accordion block from (question, answer) pairs; answers are plain sentences."""
    return _block(
        "accordion",
        {
            "heading": heading,
            "items": [{"question": q, "answer": f"<p>{txt(a)}</p>"} for q, a in items],
        },
    )


def table(caption, rows, header=True):
    """A table block; the first row is the header row unless header is False."""
    return _block(
        "table",
        {
            "table_header_choice": "row" if header else "neither",
            "first_row_is_table_header": header,
            "first_col_is_header": False,
            "table_caption": caption,
            "data": [list(row) for row in rows],
        },
    )


def testimonial(key):
    """A testimonial block showing a demo testimonial (keyed by the mayor's name)."""
    return _block("testimonial", Ref("testimonial", key))


def related(heading, *slugs):
    """A related pages block linking demo pages by slug."""
    return _block("related_pages", {"heading": heading, "pages": [Ref("page", s) for s in slugs]})


def video(url, title, caption=""):
    """A video block (YouTube or Vimeo link; never fetched by the server)."""
    return _block("video", {"url": url, "title": title, "caption": txt(caption), "transcript": ""})


def document(key, title="", description=""):
    """A document download block for a demo document (keyed by its title)."""
    return _block(
        "document",
        {"document": Ref("document", key), "title": title, "description": txt(description)},
    )


def page_link(slug, text):
    """An internal rich text link to a demo page, resolved to the page's id later."""
    return f'<a linktype="page" id="{{page:{slug}}}">{text}</a>'


def resolve(value, lookup):
    """Replace every Ref (and {page:slug} link marker) in value with ids from lookup(ref)."""
    if isinstance(value, Ref):
        return lookup(value)
    if isinstance(value, dict):
        return {key: resolve(item, lookup) for key, item in value.items()}
    if isinstance(value, list | tuple):
        return [resolve(item, lookup) for item in value]
    if isinstance(value, str) and "{page:" in value:
        return _resolve_links(value, lookup)
    return value


def _resolve_links(html, lookup):
    while "{page:" in html:
        start = html.index("{page:")
        end = html.index("}", start)
        page_id = lookup(Ref("page", html[start + 6 : end]))
        html = f"{html[:start]}{page_id}{html[end + 1 :]}"
    return html


def page_refs(value):
    """The slugs of every demo page a value refers to (by Ref or rich text link)."""
    found = set()

    def collect(ref):
        if ref.kind == "page":
            found.add(ref.key)
        return None

    resolve(value, collect)
    return found


def stream(blocks, lookup):
    """Raw StreamField data for a list of blocks, with references resolved and block ids."""
    resolved = resolve(list(blocks), lookup)
    for block in resolved:
        block["id"] = str(uuid.uuid4())
    return resolved
