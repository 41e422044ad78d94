"""Attachments: finding an upload's file in the local copy of wp-content/uploads, and
storing it as an image or a document in the media library."""

import os
import re
from pathlib import Path
from urllib.parse import unquote, urlparse

from django.conf import settings
from django.core.files import File
from PIL import Image as PILImage
from wagtail.documents import get_document_model
from wagtail.images import get_image_model

IMAGE_EXTENSIONS = {"jpg", "jpeg", "png", "gif", "webp"}
DOCUMENT_EXTENSIONS = {
    "pdf", "doc", "docx", "odt", "rtf", "txt", "csv", "xls", "xlsx", "ods", "ppt", "pptx", "odp",
}  # fmt: skip
UPLOADS = "/wp-content/uploads/"
# WordPress's resized copies: photo-300x200.jpg is a size of photo.jpg.
SIZED_COPY = re.compile(r"-\d+x\d+(?=\.[A-Za-z0-9]+$)")


class MediaError(Exception):
    """An attachment that cannot be imported (the message says why)."""


def kind_of(url):
    """ "image", "document" or None (a file type the media library does not take)."""
    extension = Path(urlparse(url).path).suffix.lower().lstrip(".")
    if extension in IMAGE_EXTENSIONS:
        return "image"
    if extension in DOCUMENT_EXTENSIONS:
        return "document"
    return None


def upload_key(url):
    """The path under wp-content/uploads of an upload's address (any size of an image),
    or None for an address that is not an upload."""
    path = unquote(urlparse(url or "").path)
    if UPLOADS not in path:
        return None
    return SIZED_COPY.sub("", path.split(UPLOADS, 1)[1]).lower()


def find_file(uploads_dir, url):
    """The local file of an upload, inside `uploads_dir` (never outside it), or MediaError."""
    if uploads_dir is None:
        raise MediaError("no --uploads folder was given")
    path = unquote(urlparse(url).path)
    if UPLOADS not in path:
        raise MediaError(f"not under wp-content/uploads: {url}")
    root = Path(uploads_dir).resolve()
    candidate = (root / path.split(UPLOADS, 1)[1]).resolve()
    if not candidate.is_relative_to(root):
        raise MediaError(f"address points outside the uploads folder: {url}")
    if not candidate.is_file():
        raise MediaError(f"file missing from the uploads folder: {candidate.relative_to(root)}")
    return candidate


def store_image(path, title, alt_text, existing=None):
    """Save the file as a library image (or update `existing`'s title and alt text)."""
    image = existing or get_image_model()(title=title[:255])
    image.title, image.alt_text = title[:255], alt_text[:255]
    if existing is None:
        with open(path, "rb") as handle:
            _check_image(handle)
            image.file = File(handle, name=os.path.basename(path))
            image.save()
    else:
        image.save(update_fields=["title", "alt_text"])
    return image


def store_document(path, title, description, existing=None):
    """Save the file as a library document (or update `existing`'s title and description)."""
    document = existing or get_document_model()(title=title[:255])
    document.title, document.description = title[:255], description
    if existing is None:
        with open(path, "rb") as handle:
            document.file = File(handle, name=os.path.basename(path))
            document.save()
    else:
        document.save(update_fields=["title", "description"])
    return document


def _check_image(handle):
    """MediaError unless Pillow can read the file as an image of a size we resize."""
    limit = settings.WAGTAILIMAGES_MAX_IMAGE_PIXELS
    try:
        with PILImage.open(handle) as picture:
            picture.verify()
            width, height = picture.size
    except (OSError, SyntaxError, ValueError, PILImage.DecompressionBombError) as error:
        raise MediaError(f"not a readable image ({type(error).__name__})") from error
    finally:
        handle.seek(0)
    if limit and width * height > limit:
        raise MediaError(f"{width}x{height} pixels is over the limit of {limit:,}")
