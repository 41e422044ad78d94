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
    """Turns web addresses of this site's pages and documents back into internal links."""

    def __init__(self, request):
        self.hosts = {request.get_host()} | {
            f"{site.hostname}:{site.port}" if site.port != 80 else site.hostname
            for site in Site.objects.all()
        }
        self.roots = {site.hostname: site.root_page.url_path for site in Site.objects.all()}
        self.default_root = next(iter(self.roots.values()), "/")

    def internal(self, text):
        """The rich text with links to this site's pages and documents made internal."""
        return LINK.sub(self.link, text)

    def link(self, match):
        try:
            address = urlsplit(html.unescape(match["href"]))
        except ValueError:  # not a web address ("http://[x/"): an external link, kept as sent
            return match[0]
        if address.netloc not in self.hosts or address.query or address.fragment:
            return match[0]
        document = DOCUMENT_PATH.match(address.path)
        if document and get_document_model().objects.filter(pk=document["id"]).exists():
            return f'<a linktype="document" id="{document["id"]}">'
        root = self.roots.get(address.hostname, self.default_root)
        path = root.rstrip("/") + address.path
        page = Page.objects.filter(url_path=path).values_list("pk", flat=True).first()
        return f'<a linktype="page" id="{page}">' if page else match[0]


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
        for field in fields:
            changed[field.name] = writable_value(field.stream_block, data[field.name], links)
    return changed
