"""Media blocks: images with captions, videos and document downloads."""

import re
from urllib.parse import parse_qs, urlparse

from django.core.exceptions import ValidationError
from django.template.defaultfilters import filesizeformat
from wagtail import blocks
from wagtail.blocks.struct_block import StructBlockValidationError
from wagtail.documents import get_document_model
from wagtail.images import get_image_model

from home.privacy import is_visible_image, visible_documents

from .choosers import AccessibleImageBlock, VisibleDocumentChooserBlock

YOUTUBE_ID = re.compile(r"^[A-Za-z0-9_-]{11}$")


class VisibleOnlyInAPI:
    """A block whose value (with `is_visible()`) is left out of the API (None) when visitors
    may not see its image or document, as the page leaves it out of the HTML."""

    def get_api_representation(self, value, context=None):
        if not value.is_visible():
            return None
        return super().get_api_representation(value, context)


class CaptionedImageValue(blocks.StructValue):
    """Whether the chosen image may be shown: not when it is in a private collection."""

    def is_visible(self):
        image = self.get("image")
        return image is not None and is_visible_image(image)


class CaptionedImageBlock(VisibleOnlyInAPI, blocks.StructBlock):
    """An image with alt text and an optional caption."""

    image = AccessibleImageBlock()
    caption = blocks.CharBlock(required=False, help_text="Shown under the image.")

    class Meta:
        icon = "image"
        template = "blocks/image.html"
        value_class = CaptionedImageValue
        label = "Image"
        description = "A picture with alt text for screen readers and an optional caption."

    def get_preview_value(self):
        image = get_image_model().objects.order_by("pk").first()
        if image:
            image.contextual_alt_text, image.decorative = image.default_alt_text, False
        return blocks.StructValue(
            self, [("image", image), ("caption", "A council meeting in session")]
        )


class VideoValue(blocks.StructValue):
    """Works out the privacy-friendly player address of a YouTube or Vimeo link."""

    def provider_and_id(self):
        return parse_video_url(self.get("url") or "")

    def embed_url(self):
        provider, video_id = self.provider_and_id()
        if provider == "youtube":
            return f"https://www.youtube-nocookie.com/embed/{video_id}"
        if provider == "vimeo":
            return f"https://player.vimeo.com/video/{video_id}?dnt=1"
        return ""


def parse_video_url(url):
    """Return ("youtube"|"vimeo", id) for a supported video link, or ("", "")."""
    parsed = urlparse(url)
    host = (parsed.hostname or "").lower().removeprefix("www.").removeprefix("m.")
    video_id = ""
    if host == "youtu.be":
        video_id = parsed.path.strip("/").split("/")[0]
    elif host in {"youtube.com", "youtube-nocookie.com"}:
        if parsed.path == "/watch":
            video_id = parse_qs(parsed.query).get("v", [""])[0]
        elif parsed.path.startswith(("/embed/", "/shorts/", "/live/")):
            video_id = parsed.path.split("/")[2]
    if video_id:
        return ("youtube", video_id) if YOUTUBE_ID.match(video_id) else ("", "")
    if host in {"vimeo.com", "player.vimeo.com"}:
        digits = [part for part in parsed.path.split("/") if part.isdigit()]
        if digits:
            return "vimeo", digits[0]
    return "", ""


class VideoBlock(blocks.StructBlock):
    """A YouTube or Vimeo video, embedded without any server-side network call.

    Wagtail's EmbedBlock asks the provider's oEmbed service when the page is saved and when
    it is rendered, so an unreachable network breaks both the editor and the page. The
    player address is worked out from the link instead (see docs/decisions/0002).
    """

    url = blocks.URLBlock(help_text="A YouTube or Vimeo link, e.g. https://youtu.be/abc123xyz00")
    title = blocks.CharBlock(
        max_length=200, help_text="What the video is: read to screen reader users."
    )
    caption = blocks.CharBlock(required=False)
    transcript = blocks.URLBlock(required=False, help_text="Link to a transcript, if any.")

    class Meta:
        icon = "media"
        template = "blocks/video.html"
        value_class = VideoValue
        label = "Video"
        description = "A YouTube or Vimeo video played on the page."
        preview_value = {
            "url": "https://www.youtube.com/watch?v=aqz-KE-bpKQ",
            "title": "Mayors discuss heat resilience",
            "caption": "Recorded at the winter meeting.",
        }

    def get_api_representation(self, value, context=None):
        data = super().get_api_representation(value, context)
        data["embed_url"] = value.embed_url()
        return data

    def clean(self, value):
        value = super().clean(value)
        if value.get("url") and not parse_video_url(value["url"])[0]:
            raise StructBlockValidationError(
                block_errors={
                    "url": ValidationError("Use a YouTube or Vimeo link to a single video.")
                }
            )
        return value


class DocumentValue(blocks.StructValue):
    """Display values for a download link: title, type and size."""

    def is_visible(self):
        """Whether visitors may see the document (it is not in a private collection)."""
        return bool(visible_documents([self.get("document")]))

    def display_title(self):
        document = self.get("document")
        return self.get("title") or (document.title if document else "")

    def file_type(self):
        document = self.get("document")
        return document.file_extension.upper() if document else ""

    def size(self):
        document = self.get("document")
        return filesizeformat(document.file_size) if document and document.file_size else ""


class DocumentBlock(VisibleOnlyInAPI, blocks.StructBlock):
    """A file from the document library offered for download."""

    document = VisibleDocumentChooserBlock()
    title = blocks.CharBlock(required=False, help_text="Leave empty to use the document's title.")
    description = blocks.TextBlock(required=False)

    class Meta:
        icon = "doc-full"
        template = "blocks/document.html"
        value_class = DocumentValue
        label = "Document download"
        description = "A link to download a file, with its type and size."

    def get_preview_value(self):
        return blocks.StructValue(
            self,
            [
                ("document", get_document_model().objects.order_by("-pk").first()),
                ("title", ""),
                ("description", "The full report with methods and city profiles."),
            ],
        )
