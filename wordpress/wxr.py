"""Reading a WordPress export (WXR 1.1 or 1.2) into plain records, refusing hostile files.

The file is parsed with defusedxml: entity declarations (the "billion laughs" bomb) and
external entities and DTDs are refused before anything expands, and a file over the size
limit is refused before it is read at all.
"""

import hashlib
import html
import os
import re
from dataclasses import dataclass, field
from datetime import UTC, datetime
from xml.etree.ElementTree import ParseError, tostring

from defusedxml import DefusedXmlException
from defusedxml.ElementTree import parse

CONTENT = "{http://purl.org/rss/1.0/modules/content/}"
DC = "{http://purl.org/dc/elements/1.1/}"
WXR_NAMESPACE = re.compile(r"^\{(http://wordpress\.org/export/1\.[0-9]+/)\}")


class ExportError(Exception):
    """The file is not a WordPress export this importer can read (the message says why)."""


@dataclass
class Author:
    """A wp:author: a WordPress user who wrote something."""

    login: str
    email: str
    display_name: str
    first_name: str
    last_name: str
    fingerprint: str

    @property
    def name(self):
        full = f"{self.first_name} {self.last_name}".strip()
        return self.display_name or full or self.login


@dataclass
class Term:
    """A category or tag (kind "category" or "tag")."""

    kind: str
    slug: str
    name: str
    description: str = ""
    fingerprint: str = ""


@dataclass
class Item:
    """One wp:item: a post, page, attachment or anything else WordPress stores as a post."""

    wp_id: str
    post_type: str
    title: str
    link: str
    content: str
    excerpt: str
    status: str
    slug: str
    date_gmt: datetime | None
    parent_id: str
    menu_order: int
    creator: str
    password: str
    attachment_url: str
    terms: list = field(default_factory=list)
    meta: dict = field(default_factory=dict)
    comments: int = 0
    fingerprint: str = ""


@dataclass
class Export:
    """A whole export: the site's addresses, its people, its topics and its items."""

    version: str
    site_url: str
    authors: list
    terms: list
    items: list

    def of_type(self, post_type):
        return [item for item in self.items if item.post_type == post_type]


def read_export(path, max_bytes):
    """Parse the WXR file at `path`; ExportError for a file too big, broken or hostile."""
    try:
        size = os.path.getsize(path)
    except OSError as error:
        raise ExportError(f"Cannot read {path}: {error.strerror}.") from error
    if size > max_bytes:
        raise ExportError(
            f"{path} is {size:,} bytes, over the limit of {max_bytes:,} bytes "
            "(WORDPRESS_IMPORT_MAX_BYTES or --max-bytes). Split the export by date in "
            "WordPress (Tools > Export) and import the parts one after another."
        )
    try:
        tree = parse(path, forbid_dtd=True)
    except DefusedXmlException as error:
        raise ExportError(
            f"{path} declares a DTD or entities, which a WordPress export never does; "
            f"refused as unsafe ({type(error).__name__})."
        ) from error
    except ParseError as error:
        raise ExportError(f"{path} is not well-formed XML: {error}.") from error
    channel = tree.getroot().find("channel")
    if channel is None:
        raise ExportError(f"{path} is not a WordPress export: it has no RSS <channel>.")
    namespace = _wxr_namespace(channel)
    if namespace is None:
        raise ExportError(f"{path} is not a WordPress export: it has no wp: elements.")
    return _export(channel, namespace)


def _wxr_namespace(channel):
    for element in channel.iter():
        match = WXR_NAMESPACE.match(element.tag)
        if match:
            return "{" + match.group(1) + "}"
    return None


def _fingerprint(element):
    return hashlib.sha256(tostring(element)).hexdigest()


def _export(channel, wp):
    def text(element, tag):
        found = element.find(tag)
        return (found.text or "").strip() if found is not None and found.text else ""

    version = text(channel, f"{wp}wxr_version")
    site_url = text(channel, f"{wp}base_blog_url") or text(channel, "link")
    authors = [
        Author(
            login=text(element, f"{wp}author_login"),
            email=text(element, f"{wp}author_email"),
            display_name=html.unescape(text(element, f"{wp}author_display_name")),
            first_name=html.unescape(text(element, f"{wp}author_first_name")),
            last_name=html.unescape(text(element, f"{wp}author_last_name")),
            fingerprint=_fingerprint(element),
        )
        for element in channel.findall(f"{wp}author")
    ]
    terms = [
        Term(
            kind="category",
            slug=text(element, f"{wp}category_nicename"),
            name=html.unescape(text(element, f"{wp}cat_name")),
            description=text(element, f"{wp}category_description"),
            fingerprint=_fingerprint(element),
        )
        for element in channel.findall(f"{wp}category")
    ] + [
        Term(
            kind="tag",
            slug=text(element, f"{wp}tag_slug"),
            name=html.unescape(text(element, f"{wp}tag_name")),
            description=text(element, f"{wp}tag_description"),
            fingerprint=_fingerprint(element),
        )
        for element in channel.findall(f"{wp}tag")
    ]
    items = [_item(element, wp, text) for element in channel.findall("item")]
    return Export(version=version, site_url=site_url, authors=authors, terms=terms, items=items)


def _item(element, wp, text):
    # Content is kept as written (it is HTML); the title is plain text with entities decoded.
    def raw(tag):
        found = element.find(tag)
        return (found.text or "") if found is not None else ""

    meta = {
        text(entry, f"{wp}meta_key"): raw_text(entry.find(f"{wp}meta_value"))
        for entry in element.findall(f"{wp}postmeta")
    }
    terms = [
        Term(
            kind="tag" if entry.get("domain") == "post_tag" else entry.get("domain", ""),
            slug=entry.get("nicename", ""),
            name=html.unescape((entry.text or "").strip()),
        )
        for entry in element.findall("category")
    ]
    try:
        menu_order = int(text(element, f"{wp}menu_order") or 0)
    except ValueError:
        menu_order = 0
    return Item(
        wp_id=text(element, f"{wp}post_id"),
        post_type=text(element, f"{wp}post_type"),
        title=html.unescape(raw("title").strip()),
        link=text(element, "link"),
        content=raw(f"{CONTENT}encoded"),
        excerpt=raw("{" + wp[1:-1] + "excerpt/}encoded"),
        status=text(element, f"{wp}status"),
        slug=text(element, f"{wp}post_name"),
        date_gmt=_date(text(element, f"{wp}post_date_gmt")),
        parent_id=text(element, f"{wp}post_parent"),
        menu_order=menu_order,
        creator=text(element, f"{DC}creator"),
        password=text(element, f"{wp}post_password"),
        attachment_url=text(element, f"{wp}attachment_url"),
        terms=terms,
        meta=meta,
        comments=len(element.findall(f"{wp}comment")),
        fingerprint=_fingerprint(element),
    )


def raw_text(element):
    return (element.text or "") if element is not None else ""


def _date(value):
    """A GMT timestamp, or None for WordPress's empty "0000-00-00 00:00:00"."""
    if not value or value.startswith("0000"):
        return None
    try:
        return datetime.strptime(value, "%Y-%m-%d %H:%M:%S").replace(tzinfo=UTC)
    except ValueError:
        return None
