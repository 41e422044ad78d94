"""StreamField content as v3 reads it, turned into what Wagtail's v3 writes take.

v3 reads body blocks through their API representation (the same JSON as v2): a chosen image,
document, page or testimonial is an object with its `id` and what a reader needs (title,
URL, renditions...), and an image block is that image with its `alt` text. Wagtail's v3
writes take the stored shape: ids, and `{"image": id, "alt_text": ..., "decorative": ...}`.
So a client that reads a page and writes its body back would be refused ("Validation error in
StreamBlock"). Both shapes are accepted: this module walks the body along the page type's
block definitions and turns each read-shaped value into its write shape, leaving write-shaped
values as they are. Keys that only reading adds (`href`, `embed_url`, ...) are ignored by
Wagtail's struct blocks already.

Rich text read as HTML (the default) has its links to pages and documents as web addresses
(home/richtext.py); on the way back, an address of a page or document of this site becomes
the link to that page or document again, so a page that moves keeps its links.
"""

import html
import re
from urllib.parse import urlsplit

from wagtail import blocks
from wagtail.blocks.base import Block
from wagtail.documents import get_document_model
from wagtail.fields import StreamField
from wagtail.images.blocks import ImageBlock
from wagtail.models import Page, Site

# A link as home/richtext.py writes it: an address and nothing else.
LINK = re.compile(r'<a href="(?P<href>[^"]*)">')
DOCUMENT_PATH = re.compile(r"/documents/(?P<id>[0-9]+)/[^/]+\Z")


class SiteLinks:
    """Turns web addresses of this site's pages and documents back into internal links.

    `load` looks up every address of a body at once (one query for documents, one for
    pages); `internal` then rewrites each rich text without touching the database.
    """

    def __init__(self, request):
        root_urls = [
            (urlsplit(site.root_url), site.root_path) for site in Site.get_site_root_paths()
        ]
        self.hosts = {request.get_host()} | {url.netloc for url, _ in root_urls}
        self.roots = {url.hostname: root_path for url, root_path in root_urls}
        self.default_root = next(iter(self.roots.values()), "/")
        self.documents = set()
        self.pages = {}

    def load(self, texts):
        """Look up the pages and documents the links in these texts may point at."""
        targets = [self.target(match["href"]) for text in texts for match in LINK.finditer(text)]
        documents = {document for document, _ in filter(None, targets) if document}
        paths = {path for _, path in filter(None, targets)}
        if documents:
            found = get_document_model().objects.filter(pk__in=documents)
            self.documents = {str(pk) for pk in found.values_list("pk", flat=True)}
        if paths:
            self.pages = dict(Page.objects.filter(url_path__in=paths).values_list("url_path", "pk"))

    def target(self, href):
        """(document id or None, page url_path) this address may name; None if not this site's."""
        try:
            address = urlsplit(html.unescape(href))
        except ValueError:  # not a web address ("http://[x/"): an external link, kept as sent
            return None
        if address.netloc not in self.hosts or address.query or address.fragment:
            return None
        document = DOCUMENT_PATH.match(address.path)
        root = self.roots.get(address.hostname, self.default_root)
        return document and document["id"], root.rstrip("/") + address.path

    def internal(self, text):
        """The rich text with links to this site's pages and documents made internal."""
        return LINK.sub(self.link, text)

    def link(self, match):
        target = self.target(match["href"])
        if target is None:
            return match[0]
        document, path = target
        if document in self.documents:
            return f'<a linktype="document" id="{document}">'
        if path in self.pages:
            return f'<a linktype="page" id="{self.pages[path]}">'
        return match[0]


def texts_in(value):
    """Every string in this JSON value (where rich text may be)."""
    stack = [value]
    while stack:
        item = stack.pop()
        if isinstance(item, str):
            yield item
        elif isinstance(item, dict):
            stack.extend(item.values())
        elif isinstance(item, list):
            stack.extend(item)


def writable_value(block: Block, value, links: SiteLinks):
    """The value in the shape Wagtail's v3 writes take for this block (see module docstring)."""
    if isinstance(block, blocks.RichTextBlock) and isinstance(value, str):
        return links.internal(value)
    if isinstance(block, ImageBlock) and isinstance(value, dict) and "image" not in value:
        if "id" not in value:
            return value
        alt = value.get("alt") or ""
        return {"image": value["id"], "alt_text": alt, "decorative": not alt}
    if isinstance(block, blocks.BaseStreamBlock) and isinstance(value, list):
        return [writable_item(block, item, links) for item in value]
    if isinstance(block, blocks.ListBlock) and isinstance(value, list):
        return [writable_value(block.child_block, item, links) for item in value]
    if isinstance(block, blocks.BaseStructBlock) and isinstance(value, dict):
        return {
            name: writable_value(block.child_blocks[name], item, links)
            if name in block.child_blocks
            else item
            for name, item in value.items()
        }
    if isinstance(block, blocks.ChooserBlock) and isinstance(value, dict) and "id" in value:
        return value["id"]
    return value


def writable_item(stream_block, item, links):
    """One stream item (`{"type", "value", "id"}`) with its value in the write shape."""
    if not isinstance(item, dict) or item.get("type") not in stream_block.child_blocks:
        return item  # Wagtail names the unknown type or the malformed item
    if "value" not in item:
        return item
    child = stream_block.child_blocks[item["type"]]
    return {**item, "value": writable_value(child, item["value"], links)}


def writable_body(request, model, data):
    """The request body with every StreamField of this page model in the write shape."""
    changed = dict(data)
    fields = [
        f for f in model._meta.concrete_fields if isinstance(f, StreamField) and f.name in data
    ]
    if fields:
        links = SiteLinks(request)
        links.load(text for field in fields for text in texts_in(data[field.name]))
        for field in fields:
            changed[field.name] = writable_value(field.stream_block, data[field.name], links)
    return changed
