"""The classic editor's conventions: shortcodes, and wpautop's paragraphs from blank lines."""

import re

from bs4 import BeautifulSoup

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
