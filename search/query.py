"""What reaches the search backend from a visitor's or API client's query string."""

import re

MAX_QUERY_LENGTH = 200
WORD = re.compile(r"\w+")


def clean_query(raw):
    """The query as shown back to the visitor: one line, printable, at most 200 characters."""
    query = " ".join(str(raw or "").split())[:MAX_QUERY_LENGTH]
    return "".join(ch for ch in query if ch.isprintable())


def search_terms(raw):
    """The words of a query, space-separated; empty when it has none.

    Only words reach the search backend: SQLite's full-text engine treats quotes, stars and
    colons as syntax and fails on unbalanced ones, and PostgreSQL refuses NUL bytes.
    """
    return " ".join(WORD.findall(clean_query(raw)))
