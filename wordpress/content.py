"""A post's content (Gutenberg blocks or classic-editor HTML) as body StreamField blocks.

Gutenberg's block comments are read here; each block's HTML, and classic-editor content after
its shortcodes and paragraphs (classic.py), is walked into blocks by markup.py. What cannot be
carried over (scripts, unknown embeds, shortcodes nobody here knows) is reported through
`resolver.note`; unknown shortcodes stay as text.
"""

import json
import re

from bs4 import BeautifulSoup

from .classic import autop, shortcodes
from .markup import HTMLConverter, video_blocks

# Gutenberg's block delimiters: <!-- wp:name {"attrs"} --> ... <!-- /wp:name --> or a void
# <!-- wp:name /-->.
BLOCK_COMMENT = re.compile(
    r"<!--\s+(?P<closer>/)?wp:(?P<name>[a-z][a-z0-9_-]*(?:/[a-z][a-z0-9_-]*)?)"
    r"\s+(?P<attrs>\{.*?\}\s+)?(?P<void>/)?-->",
    re.DOTALL,
)
LAYOUT_BLOCKS = {"group", "columns", "column", "cover", "media-text", "buttons", "button"}
SKIPPED_BLOCKS = {"separator", "spacer", "more", "nextpage", "page-break", "latest-posts"}


class Resolver:
    """What converting content needs to know about the rest of the import (the importer's)."""

    def page_id(self, url):
        """The id of the page imported from this WordPress address, or None."""
        return None

    def image(self, wp_id=None, url=None):
        """(image id, alt text) of the image imported from this attachment, or None."""
        return None

    def document_id(self, url):
        """The id of the document imported from this upload address, or None."""
        return None

    def note(self, message):
        """Report something the conversion left out or changed."""


def to_blocks(content, resolver):
    """The body blocks ({"type", "value"} dicts) of a post's content."""
    blocks = []
    if BLOCK_COMMENT.search(content or ""):
        for name, attrs, inner in gutenberg_blocks(content):
            blocks.extend(_gutenberg_block(name, attrs, inner, resolver))
    else:
        blocks.extend(_classic(content or "", resolver))
    return _merge_paragraphs(blocks)


def gutenberg_blocks(content):
    """The top-level blocks of Gutenberg content: (name, attrs, inner HTML); free text between
    blocks comes as a "freeform" block (the classic block)."""
    result, depth, start, opened = [], 0, 0, None
    for match in BLOCK_COMMENT.finditer(content):
        name = match.group("name").removeprefix("core/")
        if depth == 0 and content[start : match.start()].strip():
            result.append(("freeform", {}, content[start : match.start()]))
        if match.group("void"):
            if depth == 0:
                result.append((name, _attrs(match), ""))
                start = match.end()
        elif match.group("closer"):
            depth = max(depth - 1, 0)
            if depth == 0 and opened is not None:
                result.append((opened[0], opened[1], content[opened[2] : match.start()]))
                opened, start = None, match.end()
        else:
            if depth == 0:
                opened = (name, _attrs(match), match.end())
            depth += 1
    tail = content[opened[2] :] if opened else content[start:]
    if tail.strip():
        result.append((opened[0], opened[1], tail) if opened else ("freeform", {}, tail))
    return result


def _attrs(match):
    try:
        attrs = json.loads(match.group("attrs") or "{}")
    except ValueError:
        return {}
    return attrs if isinstance(attrs, dict) else {}


def _gutenberg_block(name, attrs, inner, resolver):
    if name in SKIPPED_BLOCKS:
        return []
    if name in LAYOUT_BLOCKS or (name == "gallery" and BLOCK_COMMENT.search(inner)):
        return [
            block
            for inner_name, inner_attrs, html in gutenberg_blocks(inner)
            for block in _gutenberg_block(inner_name, inner_attrs, html, resolver)
        ]
    if name in {"freeform", "shortcode"}:
        return _classic(inner, resolver)
    if name == "embed" or name.startswith("core-embed/"):
        url = attrs.get("url") or BeautifulSoup(inner, "html.parser").get_text(" ", strip=True)
        caption = BeautifulSoup(inner, "html.parser").find("figcaption")
        return video_blocks(
            url.split()[0] if url else "", caption and caption.get_text(" ", True), resolver
        )
    known = name in {"paragraph", "heading", "list", "list-item", "quote", "pullquote", "image",
                     "table", "file", "gallery", "video", "html", "preformatted", "code",
                     "verse", "audio"}  # fmt: skip
    if not known:
        resolver.note(f"unknown block wp:{name}: converted from its HTML")
    if name == "image" and attrs.get("id"):
        inner = _tag_image_id(inner, attrs["id"])
    return HTMLConverter(resolver).convert(inner)


def _tag_image_id(html, wp_id):
    """Give the block's <img> the wp-image-ID class, should it have lost it."""
    return re.sub(r"<img\b", f'<img class="wp-image-{int(wp_id)}"', html, count=1)


def _classic(content, resolver):
    """Classic-editor content: shortcodes, then wpautop's paragraphs, then HTML."""
    return HTMLConverter(resolver).convert(autop(shortcodes(content, resolver)))


def _merge_paragraphs(blocks):
    """Neighbouring paragraph blocks as one (a Gutenberg post has one block per paragraph)."""
    merged = []
    for block in blocks:
        if block["type"] == "paragraph" and merged and merged[-1]["type"] == "paragraph":
            merged[-1] = {"type": "paragraph", "value": merged[-1]["value"] + block["value"]}
        else:
            merged.append(block)
    return merged
