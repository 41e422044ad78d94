"""Read HTML responses in tests: BeautifulSoup, plus what a visitor sees (text, headings)."""

import itertools
import re

from bs4 import BeautifulSoup, NavigableString, Tag

HEADINGS = ("h1", "h2", "h3", "h4", "h5", "h6")


class Element(Tag):
    """A tag whose `.text` is its visible text with whitespace collapsed."""

    @property
    def tag(self):
        return self.name

    @property
    def text(self):
        return squash(self.get_text())


def _attrs(attrs):
    """Keyword filters as attribute names: class_ is class, aria_label is aria-label."""
    return {key.rstrip("_").replace("_", "-"): value for key, value in attrs.items()}


class Page:
    """A parsed response: `find_all("a", href="/x/")`, `text`, `headings`."""

    def __init__(self, content):
        self.soup = BeautifulSoup(
            content,
            "html.parser",
            multi_valued_attributes=None,  # class stays one string, compared whole
            element_classes={Tag: Element},
        )
        for br in self.soup.find_all("br"):
            br.replace_with("\n")

    @property
    def text(self):
        """All visible text (no scripts, styles, comments or doctype), whitespace collapsed."""
        return squash(
            "".join(
                string
                for string in self.soup.find_all(string=True)
                if type(string) is NavigableString and string.parent.name not in {"script", "style"}
            )
        )

    def find_all(self, tag, **attrs):
        """Elements named `tag` whose attributes have the given values (class_ for class)."""
        return self.soup.find_all(tag, attrs=_attrs(attrs))

    def find(self, tag, **attrs):
        found = self.find_all(tag, **attrs)
        assert found, f"no <{tag} {attrs}> in the page"
        return found[0]

    def with_class(self, name):
        """Elements whose class list contains `name`."""
        return [e for e in self.soup.find_all(class_=True) if name in e["class"].split()]

    def link_texts(self, href):
        """The text of every link to `href`."""
        return [e.text for e in self.find_all("a", href=href)]

    def inside(self, container):
        """The elements inside `container`, in document order."""
        return container.find_all(True)

    @property
    def headings(self):
        """(level, text) of every heading, in document order."""
        return [(int(e.name[1]), e.text) for e in self.soup.find_all(HEADINGS)]

    @property
    def ids(self):
        return [e["id"] for e in self.soup.find_all(id=True)]


def parse(response):
    """The Page of a Django test response."""
    return Page(response.content)


def squash(text):
    """Whitespace collapsed, non-breaking spaces included, for comparing visible text."""
    return re.sub(r"\s+", " ", text.replace("\xa0", " ")).strip()


def assert_accessible_basics(page):
    """What every page owes a visitor using assistive technology."""
    assert page.find("html").attrs.get("lang") == "en"
    h1s = [h for h in page.headings if h[0] == 1]
    assert len(h1s) == 1, f"expected one <h1>, got {h1s}"
    levels = [level for level, _ in page.headings]
    assert levels[0] == 1, f"the first heading is not the <h1>: {page.headings}"
    for before, after in itertools.pairwise(levels):
        assert after <= before + 1, f"heading level skipped: {page.headings}"
    for img in page.find_all("img"):
        assert "alt" in img.attrs, f"<img> without alt: {img}"
    for landmark in ("header", "nav", "main", "footer"):
        assert page.find_all(landmark), f"no <{landmark}> landmark"
    skip = page.find("a", class_="skip-link")
    assert skip.attrs["href"] == "#main-content"
    assert page.find("main").attrs.get("id") == "main-content"
    ids = page.ids
    assert len(ids) == len(set(ids)), f"duplicate ids: {sorted(ids)}"
    labelled = {e.attrs.get("for") for e in page.find_all("label")}
    for field in page.find_all("input") + page.find_all("select"):
        if field.attrs.get("type") in {"hidden", "submit"}:
            continue
        assert field.attrs.get("id") in labelled or field.attrs.get("aria-label"), (
            f"form field without a label: {field}"
        )


def visit(client, page):
    """GET a page, check it answers 200 and its accessible basics, and parse it."""
    response = client.get(page.url)
    assert response.status_code == 200
    parsed = parse(response)
    assert_accessible_basics(parsed)
    return parsed


def visit_listing(client, url, params=None):
    """GET a listing page that must render (200) with the accessible basics; its parsed HTML."""
    response = client.get(url, params or {})
    assert response.status_code == 200
    page = parse(response)
    assert_accessible_basics(page)
    return page


def card_titles(page):
    """The titles of a listing's cards, in order."""
    return [e.text for e in page.find_all("h3", class_="card__title")]


def listing_status(page):
    """The pagination's "Page x of y" line."""
    return page.find("p", class_="pagination__status").text
