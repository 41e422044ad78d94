"""The search page as a visitor reads it: the count, the hits, the filters, the page links."""

import math

from tests.html import parse

PER_PAGE = 10
# The mark on an editors' pick.
PICK = "Editors\N{RIGHT SINGLE QUOTATION MARK} pick"


def search(client, **params):
    """The parsed results page for these query parameters (it must be a 200)."""
    response = client.get("/search/", params)
    assert response.status_code == 200, params
    return parse(response)


def count(page):
    """The number of results the heading announces ("More than 200 results": 200)."""
    words = page.find("h2", id="results-heading").text.split()
    return int(words[2] if words[0] == "More" else words[0])


def paths(page):
    """The addresses of the hits on one results page, in order."""
    return [link.attrs["href"] for link in page.soup.select(".search-result h3 a")]


def all_paths(client, **params):
    """The addresses of every hit, following the results pages in order."""
    first = search(client, **params)
    found = paths(first)
    for number in range(2, math.ceil(count(first) / PER_PAGE) + 1):
        found += paths(search(client, **params, page=number))
    assert len(found) == count(first), params
    return found


def hits(page):
    """Each hit's visible text, in order."""
    return [item.text for item in page.find_all("li", class_="search-result")]
