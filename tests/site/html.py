"""A small HTML reader for tests: elements with their attributes, and the visible text."""

import itertools
import re
from html.parser import HTMLParser

VOID = {"area", "base", "br", "col", "embed", "hr", "img", "input", "link", "meta", "source", "wbr"}
HEADINGS = ("h1", "h2", "h3", "h4", "h5", "h6")


class Element:
    """One start tag: its name, attributes and the text inside it."""

    def __init__(self, tag, attrs):
        self.tag = tag
        self.attrs = dict(attrs)
        self.text_parts = []
        self.end = None  # index in Page.elements just past this element's descendants

    @property
    def text(self):
        return " ".join("".join(self.text_parts).split())

    def __repr__(self):
        return f"<{self.tag} {self.attrs}>{self.text[:40]}"


class Page(HTMLParser):
    """A parsed response: `find_all("a", href="/x/")`, `text`, `headings`."""

    def __init__(self, content):
        super().__init__(convert_charrefs=True)
        self.elements = []
        self._open = []
        self._text = []
        self._skip = 0
        self.feed(content.decode() if isinstance(content, bytes) else content)

    def handle_starttag(self, tag, attrs):
        element = Element(tag, attrs)
        self.elements.append(element)
        if tag in {"script", "style"}:
            self._skip += 1
        if tag not in VOID:
            self._open.append(element)
        elif tag == "br":
            self.handle_data("\n")

    def handle_endtag(self, tag):
        if tag in {"script", "style"}:
            self._skip -= 1
        for index in range(len(self._open) - 1, -1, -1):
            if self._open[index].tag == tag:
                for element in self._open[index:]:
                    element.end = len(self.elements)
                del self._open[index:]
                break

    def handle_data(self, data):
        if self._skip:
            return
        data = data.replace("\xa0", " ")
        self._text.append(data)
        for element in self._open:
            element.text_parts.append(data)

    @property
    def text(self):
        """All visible text, whitespace collapsed."""
        return " ".join("".join(self._text).split())

    def find_all(self, tag, **attrs):
        """Elements named `tag` whose attributes include the given values (class_ for class)."""
        wanted = {key.rstrip("_").replace("_", "-"): value for key, value in attrs.items()}
        return [
            element
            for element in self.elements
            if element.tag == tag
            and all(element.attrs.get(key) == value for key, value in wanted.items())
        ]

    def find(self, tag, **attrs):
        found = self.find_all(tag, **attrs)
        assert found, f"no <{tag} {attrs}> in the page"
        return found[0]

    def with_class(self, name):
        """Elements whose class list contains `name`."""
        return [e for e in self.elements if name in (e.attrs.get("class") or "").split()]

    def link_texts(self, href):
        """The text of every link to `href`."""
        return [e.text for e in self.find_all("a", href=href)]

    def inside(self, container):
        """The elements inside `container`, in document order."""
        start = self.elements.index(container)
        return self.elements[start + 1 : container.end]

    @property
    def headings(self):
        """(level, text) of every heading, in document order."""
        return [(int(e.tag[1]), e.text) for e in self.elements if e.tag in HEADINGS]

    @property
    def ids(self):
        return [e.attrs["id"] for e in self.elements if e.attrs.get("id")]


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
