"""Cleaned-up post HTML walked into body blocks; runs of text gather into paragraphs.

Paragraphs and lists become `paragraph` rich text, cleaned by Wagtail's own converter for the
paragraph block's features; headings, images, quotes, tables, videos and file downloads
become their own blocks. Scripts, forms and frames other than known videos never survive.
"""

import re

from bs4 import BeautifulSoup, Comment, NavigableString, Tag
from wagtail.admin.rich_text.converters.editor_html import EditorHTMLConverter

from home.blocks import parse_video_url
from home.blocks.text import RICH_TEXT_FEATURES

DANGEROUS = ("script", "style", "noscript", "object", "embed", "form", "input", "button",
             "textarea", "select", "template", "svg", "math", "link", "meta")  # fmt: skip
CONTAINERS = ("div", "section", "article", "header", "footer", "main", "aside", "center",
              "body", "html", "details", "summary", "dl", "dd", "dt", "li")  # fmt: skip
MEDIA = ("video", "audio")
HEADING_MAX = 120
WP_IMAGE_CLASS = re.compile(r"wp-image-(\d+)")

_rich_text = EditorHTMLConverter(features=RICH_TEXT_FEATURES)


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
            self.blocks.extend(video_blocks(tag.get("url", ""), None, self.resolver))
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
            self.blocks.extend(video_blocks(text, None, self.resolver))
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
            self.blocks.extend(video_blocks(url, caption, self.resolver))
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


def video_blocks(url, caption, resolver):
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
