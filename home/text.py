"""Plain text from what people type and editors write: queries, opening words, trimmed."""

import html
import re

MAX_QUERY_LENGTH = 200
WORD = re.compile(r"\w+")
# Search results and link previews show about this many characters of a description.
DESCRIPTION_LENGTH = 160
FIRST_PARAGRAPH = re.compile(r"<p\b[^>]*>(.*?)</p>", re.IGNORECASE | re.DOTALL)
# Tags that separate words (line breaks, list items); other tags are inside words' flow.
BREAKING_TAG = re.compile(r"</?(?:br|li|ul|ol|h[1-6]|div|blockquote)\b[^>]*>", re.IGNORECASE)


def plain_text(value):
    """The first paragraph of rich text, plain text or a body, as one line of plain text."""
    if hasattr(value, "raw_data"):  # a StreamField body: its first paragraph block
        value = next((b["value"] for b in value.raw_data if b["type"] == "paragraph"), "")
    value = str(value or "")
    match = FIRST_PARAGRAPH.search(value)
    if match:
        value = match.group(1)
    text = html.unescape(re.sub(r"<[^>]*>", "", BREAKING_TAG.sub(" ", value)))
    return " ".join(text.split())


def trimmed(text, length=DESCRIPTION_LENGTH):
    """The text cut at a word boundary to fit `length` characters, with an ellipsis if cut."""
    if len(text) <= length:
        return text
    cut = text[: length - 1].rsplit(" ", 1)[0].rstrip(" ,;:.-\N{EN DASH}\N{EM DASH}")
    return f"{cut}\N{HORIZONTAL ELLIPSIS}"


def clean_query(raw):
    """The query as shown back to the visitor: one line, printable, at most 200 characters.

    Unprintable characters (NUL, control codes, direction overrides) count as spaces, so
    they neither glue words together nor reach the database. The length limit also bounds
    the number of words (at most 100).
    """
    text = str(raw or "")[: MAX_QUERY_LENGTH * 20]  # bounds the work on a huge input
    text = "".join(ch if ch.isprintable() else " " for ch in text)
    return " ".join(text.split())[:MAX_QUERY_LENGTH].rstrip()


def search_terms(raw):
    """The words of a query, space-separated; empty when it has none.

    Only words reach the search backend: SQLite's full-text engine treats quotes, stars and
    colons as syntax and fails on unbalanced ones, and PostgreSQL refuses NUL bytes.
    """
    return " ".join(WORD.findall(clean_query(raw)))
