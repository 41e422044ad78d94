"""A post's content (Gutenberg blocks or classic-editor HTML) as body StreamField blocks.

Paragraphs and lists become `paragraph` rich text, cleaned by Wagtail's own converter for the
paragraph block's features; headings, images, quotes, tables, videos and file downloads
become their own blocks. What cannot be carried over (scripts, unknown embeds, shortcodes
nobody here knows) is reported through `resolver.note`; unknown shortcodes stay as text.
"""

import json
import re

from bs4 import BeautifulSoup, Comment, NavigableString, Tag
from wagtail.admin.rich_text.converters.editor_html import EditorHTMLConverter

from home.blocks import parse_video_url
from home.blocks.text import RICH_TEXT_FEATURES

# Gutenberg's block delimiters: <!-- wp:name {"attrs"} --> ... <!-- /wp:name --> or a void
# <!-- wp:name /-->.
BLOCK_COMMENT = re.compile(
    r"<!--\s+(?P<closer>/)?wp:(?P<name>[a-z][a-z0-9_-]*(?:/[a-z][a-z0-9_-]*)?)"
    r"\s+(?P<attrs>\{.*?\}\s+)?(?P<void>/)?-->",
    re.DOTALL,
)
SHORTCODE = re.compile(r"\[(?P<name>[A-Za-z][\w-]*)(?P<attrs>(?:\s[^\]]*)?)/?\]")
CAPTION = re.compile(r"\[caption(?P<attrs>[^\]]*)\](?P<inner>.*?)\[/caption\]", re.DOTALL)
EMBED = re.compile(r"\[embed[^\]]*\](?P<url>.*?)\[/embed\]", re.DOTALL)
GALLERY = re.compile(r"\[gallery(?P<attrs>[^\]]*)\]")
VIDEO_SHORTCODE = re.compile(r"\[(?:video|youtube|vimeo)(?P<attrs>[^\]]*)\](?:[^\[]*\[/\w+\])?")
ATTRIBUTE = re.compile(r"(\w+)=[\"']([^\"']*)[\"']")
KNOWN_SHORTCODES = {"caption", "embed", "gallery", "video", "youtube", "vimeo"}
# Block-level elements: a classic-editor chunk starting with one is not wrapped in <p>.
BLOCK_TAGS = (
    "address|blockquote|div|dl|figure|form|h[1-6]|hr|iframe|li|ol|p|pre|script|section|style"
    "|table|ul|wp-embed|wp-gallery"
)
STARTS_WITH_BLOCK = re.compile(rf"^\s*<(?:{BLOCK_TAGS})\b", re.IGNORECASE)
DANGEROUS = ("script", "style", "noscript", "object", "embed", "form", "input", "button",
             "textarea", "select", "template", "svg", "math", "link", "meta")  # fmt: skip
CONTAINERS = ("div", "section", "article", "header", "footer", "main", "aside", "center",
              "body", "html", "details", "summary", "dl", "dd", "dt", "li")  # fmt: skip
MEDIA = ("video", "audio")
LAYOUT_BLOCKS = {"group", "columns", "column", "cover", "media-text", "buttons", "button"}
SKIPPED_BLOCKS = {"separator", "spacer", "more", "nextpage", "page-break", "latest-posts"}
HEADING_MAX = 120
WP_IMAGE_CLASS = re.compile(r"wp-image-(\d+)")

_rich_text = EditorHTMLConverter(features=RICH_TEXT_FEATURES)


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
        return _video(
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


def shortcodes(content, resolver):
    """Known shortcodes as HTML the converter understands; the others noted, left as text."""
    content = CAPTION.sub(lambda m: _caption_figure(m), content)
    content = EMBED.sub(
        lambda m: f'\n\n<wp-embed url="{_attr(m.group("url").strip())}"></wp-embed>\n\n', content
    )
    content = GALLERY.sub(lambda m: _gallery(m, resolver), content)

    def video(match):
        attrs = dict(ATTRIBUTE.findall(match.group("attrs")))
        url = attrs.get("src") or attrs.get("url") or attrs.get("mp4") or ""
        return f'\n\n<wp-embed url="{_attr(url)}"></wp-embed>\n\n'

    content = VIDEO_SHORTCODE.sub(video, content)
    for match in SHORTCODE.finditer(content):
        if match.group("name").lower() not in KNOWN_SHORTCODES:
            resolver.note(f"unknown shortcode [{match.group('name')}] kept as text")
    return content


def _attr(value):
    return value.replace("&", "&amp;").replace('"', "&quot;").replace("<", "&lt;")


def _caption_figure(match):
    inner = match.group("inner")
    soup = BeautifulSoup(inner, "html.parser")
    image = soup.find("img")
    if image is None:
        return inner
    image.extract()
    for link in soup.find_all("a"):
        if not link.get_text(strip=True):
            link.decompose()
    caption = soup.get_text(" ", strip=True)
    return f"\n\n<figure>{image}<figcaption>{_attr(caption)}</figcaption></figure>\n\n"


def _gallery(match, resolver):
    ids = dict(ATTRIBUTE.findall(match.group("attrs"))).get("ids", "")
    images = [f'<img class="wp-image-{int(i)}">' for i in re.findall(r"\d+", ids)]
    if not images:
        resolver.note("a [gallery] without ids (all the post's attachments) was left out")
    return "\n\n" + "".join(f"<figure>{image}</figure>" for image in images) + "\n\n"


def autop(text):
    """WordPress's wpautop, in short: blank lines part paragraphs, single newlines are <br>."""
    text = text.replace("\r\n", "\n").replace("\r", "\n")
    chunks = re.split(r"\n\s*\n", text.strip())
    result = []
    for chunk in chunks:
        if not chunk.strip():
            continue
        if STARTS_WITH_BLOCK.match(chunk) or re.search(rf"<(?:{BLOCK_TAGS})\b", chunk, re.I):
            result.append(chunk)
        else:
            result.append("<p>" + chunk.strip().replace("\n", "<br>\n") + "</p>")
    return "\n".join(result)


class HTMLConverter:
    """Walks cleaned HTML and emits body blocks; runs of text gather into paragraphs."""

    def __init__(self, resolver):
        self.resolver = resolver
        self.blocks = []
        self.rich = []  # HTML of paragraphs and lists waiting to become one paragraph block
        self.inline = []  # loose inline HTML waiting to become one <p>

    def convert(self, html):
        soup = BeautifulSoup(html or "", "html.parser")
        for tag in soup.find_all(DANGEROUS):
            if tag.parent is not None:
                self.resolver.note(f"<{tag.name}> removed")
                tag.decompose()
        for player in soup.find_all(MEDIA):
            self.resolver.note(
                f"self-hosted <{player.name}> left out: {player.get('src', '')[:120]}"
            )
            player.decompose()
        for frame in soup.find_all("iframe"):
            provider, _ = parse_video_url(frame.get("src", ""))
            if provider:
                frame.replace_with(soup.new_tag("wp-embed", attrs={"url": frame["src"]}))
            else:
                self.resolver.note(f"embedded frame removed: {frame.get('src', '')[:100]}")
                frame.decompose()
        self.walk(soup.contents)
        self.flush_rich()
        return self.blocks

    # Walking

    def walk(self, nodes):
        for node in list(nodes):
            if isinstance(node, Comment):
                continue
            if isinstance(node, NavigableString):
                if node.strip() or self.inline:
                    self.inline.append(_escape(str(node)))
                continue
            if isinstance(node, Tag):
                self.element(node)

    def element(self, tag):
        name = tag.name
        if name in {"p", "ul", "ol"}:
            self.paragraph(tag)
        elif re.fullmatch(r"h[1-6]", name):
            self.heading(tag)
        elif name == "img":
            self.flush_rich()
            self.image(tag, None)
        elif name == "figure":
            self.figure(tag)
        elif name == "blockquote":
            self.quote(tag)
        elif name == "table":
            self.table(tag, None)
        elif name == "wp-embed":
            self.flush_rich()
            self.blocks.extend(_video(tag.get("url", ""), None, self.resolver))
        elif name == "hr":
            self.flush_rich()
        elif name in {"pre", "code"} and not self.inline:
            lines = tag.get_text().strip("\n").split("\n")
            self.rich.append("<p>" + "<br>".join(_escape(line) for line in lines) + "</p>")
        elif name == "div" and "wp-block-file" in tag.get("class", []):
            self.file(tag)
        elif name == "a" and tag.find("img") is not None and not tag.get_text(strip=True):
            self.flush_rich()
            for image in tag.find_all("img"):
                self.image(image, None)
        elif name in CONTAINERS and tag.find(_is_block_element) is not None:
            self.flush_inline()
            self.walk(tag.contents)
            self.flush_inline()
        elif name in CONTAINERS:
            self.flush_inline()
            if tag.get_text(strip=True):
                self.rich.append(f"<p>{tag.decode_contents()}</p>")
        else:
            self.inline.append(str(tag))

    def paragraph(self, tag):
        self.flush_inline()
        images = tag.find_all("img")
        text = tag.get_text(" ", strip=True)
        # WordPress embeds a video link standing alone on its line.
        if (
            tag.name == "p"
            and not images
            and _is_only_a_link(tag, text)
            and parse_video_url(text)[0]
        ):
            self.flush_rich()
            self.blocks.extend(_video(text, None, self.resolver))
            return
        if images:
            for image in images:
                link = image.parent if image.parent.name == "a" else None
                (link or image).extract()
            if tag.get_text(strip=True):
                self.rich.append(str(tag))
            self.flush_rich()
            for image in images:
                self.image(image, None)
            return
        if text:
            self.rich.append(str(tag))

    def heading(self, tag):
        text = tag.get_text(" ", strip=True)
        if not text:
            return
        if len(text) > HEADING_MAX:
            self.resolver.note(f"heading over {HEADING_MAX} characters kept as bold text")
            self.rich.append(f"<p><b>{_escape(text)}</b></p>")
            return
        self.flush_rich()
        level = "h2" if tag.name in {"h1", "h2"} else "h3"
        self.blocks.append({"type": "heading", "value": {"text": text, "level": level}})

    def figure(self, tag):
        self.flush_rich()
        caption_tag = tag.find("figcaption")
        caption = caption_tag.get_text(" ", strip=True) if caption_tag else ""
        if caption_tag:
            caption_tag.extract()
        classes = tag.get("class", [])
        embed = tag.find("wp-embed")
        if tag.find("table") is not None:
            self.table(tag.find("table"), caption)
        elif tag.find("img") is not None:
            for image in tag.find_all("img"):
                self.image(image, caption)
        elif tag.find("blockquote") is not None:
            self.quote(tag.find("blockquote"))
        elif embed is not None or any("wp-block-embed" in name for name in classes):
            url = embed.get("url", "") if embed is not None else tag.get_text(" ", strip=True)
            self.blocks.extend(_video(url, caption, self.resolver))
        else:
            self.walk(tag.contents)
            if caption:
                self.rich.append(f"<p>{_escape(caption)}</p>")

    def image(self, tag, caption):
        match = WP_IMAGE_CLASS.search(" ".join(tag.get("class", [])))
        found = self.resolver.image(wp_id=match and match.group(1), url=tag.get("src", ""))
        if found is None:
            self.resolver.note(f"image not imported, left out: {tag.get('src', '')[:120]}")
            return
        image_id, default_alt = found
        alt = (tag.get("alt") or "").strip() or default_alt
        if not alt:
            self.resolver.note(f"image {image_id} has no alt text: its title is used; review it")
        value = {
            "image": {"image": image_id, "decorative": False, "alt_text": alt or ""},
            "caption": (caption or "")[:255],
        }
        self.blocks.append({"type": "image", "value": value})

    def quote(self, tag):
        self.flush_rich()
        cite = tag.find(["cite", "footer"])
        attribution = cite.get_text(" ", strip=True) if cite else ""
        if cite:
            cite.extract()
        parts = [p.get_text(" ", strip=True) for p in tag.find_all("p")]
        text = "\n\n".join(part for part in parts if part) or tag.get_text(" ", strip=True)
        if text:
            self.blocks.append(
                {
                    "type": "quote",
                    "value": {"text": text, "attribution": attribution[:255], "role": ""},
                }
            )

    def table(self, tag, caption):
        self.flush_rich()
        rows = [
            [cell.get_text(" ", strip=True) for cell in row.find_all(["td", "th"])]
            for row in tag.find_all("tr")
        ]
        rows = [row for row in rows if row]
        if not rows:
            return
        width = max(len(row) for row in rows)
        rows = [row + [""] * (width - len(row)) for row in rows]
        first = tag.find("tr")
        header = tag.find("thead") is not None or (
            first is not None and not first.find("td") and first.find("th") is not None
        )
        table_caption = tag.find("caption")
        self.blocks.append(
            {
                "type": "table",
                "value": {
                    "data": rows,
                    "table_header_choice": "row" if header else "neither",
                    "first_row_is_table_header": header,
                    "first_col_is_header": False,
                    "table_caption": caption
                    or (table_caption.get_text(" ", strip=True) if table_caption else ""),
                },
            }
        )

    def file(self, tag):
        self.flush_rich()
        link = tag.find("a", href=True)
        document_id = self.resolver.document_id(link["href"]) if link else None
        if document_id is None:
            self.resolver.note(f"file not imported, left out: {link and link['href'][:120]}")
            return
        title = link.get_text(" ", strip=True)
        self.blocks.append(
            {
                "type": "document",
                "value": {"document": document_id, "title": title[:255], "description": ""},
            }
        )

    # Paragraphs

    def flush_inline(self):
        html = "".join(self.inline).strip()
        self.inline = []
        if html and BeautifulSoup(html, "html.parser").get_text(strip=True):
            self.rich.append(f"<p>{html}</p>")

    def flush_rich(self):
        self.flush_inline()
        html = "".join(self.rich)
        self.rich = []
        if not html:
            return
        cleaned = self.rich_text(html)
        if BeautifulSoup(cleaned, "html.parser").get_text(strip=True):
            self.blocks.append({"type": "paragraph", "value": cleaned})

    def rich_text(self, html):
        """The HTML as the paragraph block stores it: links to imported posts and uploads as
        page and document links, everything the block's features do not allow removed."""
        soup = BeautifulSoup(html, "html.parser")
        for link in soup.find_all("a", href=True):
            href = link["href"]
            page_id = self.resolver.page_id(href)
            document_id = None if page_id else self.resolver.document_id(href)
            if page_id:
                link.attrs = {"data-linktype": "page", "data-id": str(page_id)}
            elif document_id:
                link.attrs = {"data-linktype": "document", "data-id": str(document_id)}
        return _rich_text.to_database_format(str(soup))


def _video(url, caption, resolver):
    url = (url or "").strip()
    if not parse_video_url(url)[0]:
        resolver.note(f"embed that is not a YouTube or Vimeo video left out: {url[:120]}")
        return []
    value = {
        "url": url,
        "title": (caption or "Video")[:200],
        "caption": (caption or "")[:255],
        "transcript": "",
    }
    return [{"type": "video", "value": value}]


def _merge_paragraphs(blocks):
    """Neighbouring paragraph blocks as one (a Gutenberg post has one block per paragraph)."""
    merged = []
    for block in blocks:
        if block["type"] == "paragraph" and merged and merged[-1]["type"] == "paragraph":
            merged[-1] = {"type": "paragraph", "value": merged[-1]["value"] + block["value"]}
        else:
            merged.append(block)
    return merged


def _is_only_a_link(tag, text):
    links = tag.find_all("a")
    return not links or (len(links) == 1 and links[0].get_text(strip=True) == text)


def _is_block_element(tag):
    return isinstance(tag, Tag) and (
        tag.name in {"p", "ul", "ol", "img", "figure", "blockquote", "table", "wp-embed", "hr"}
        or re.fullmatch(r"h[1-6]", tag.name) is not None
        or (tag.name == "div" and "wp-block-file" in tag.get("class", []))
    )


def _escape(text):
    return text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;")
