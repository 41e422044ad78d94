"""What reaches the search backend from a visitor's or API client's query string."""

import re

MAX_QUERY_LENGTH = 200
WORD = re.compile(r"\w+")


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
