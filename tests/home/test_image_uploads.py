"""Uploading images in the admin: broken files and pixel bombs get a form error, never a 500."""

import io
import struct
import zlib
from unittest import mock

import pytest
from django.core.files.base import ContentFile
from django.core.files.uploadedfile import SimpleUploadedFile
from django.test import Client
from PIL import Image as PILImage
from PIL import ImageFile
from wagtail.images.models import SourceImageIOError

from home.models import CustomImage
from tests.api.v3.clients import create_token

SINGLE = "/admin/images/add/"
MULTIPLE = "/admin/images/multiple/add/"


def chunk(kind, data):
    return struct.pack(">I", len(data)) + kind + data + struct.pack(">I", zlib.crc32(kind + data))


def blank_png(width, height):
    """A valid black-and-white PNG of any size, built without holding its pixels in memory:
    121 megapixels of white compress to about 32 KB."""
    header = struct.pack(">IIBBBBB", width, height, 1, 0, 0, 0, 0)  # 1-bit greyscale
    row = b"\x00" + b"\xff" * ((width + 7) // 8)  # filter byte, then the pixels
    compressor = zlib.compressobj(9)
    data = b"".join(compressor.compress(row) for _ in range(height)) + compressor.flush()
    return (
        b"\x89PNG\r\n\x1a\n" + chunk(b"IHDR", header) + chunk(b"IDAT", data) + chunk(b"IEND", b"")
    )


def photo_png(width=300, height=200):
    """A small, real, noisy picture."""
    image = PILImage.effect_noise((width, height), 64).convert("RGB")
    out = io.BytesIO()
    image.save(out, "PNG")
    return out.getvalue()


def corrupt_png():
    """A PNG whose header is fine but whose pixel data is cut off halfway."""
    whole = photo_png()
    return whole[: len(whole) // 2]


BOMB = blank_png(11_000, 11_000)  # 121 megapixels


def upload(client, view, name, content):
    file = SimpleUploadedFile(name, content, content_type="image/png")
    if view == SINGLE:
        return client.post(SINGLE, {"title": name, "file": file, "collection": 1})
    return client.post(MULTIPLE, {"files[]": file}, headers={"x-requested-with": "XMLHttpRequest"})


def form_error(response, view):
    """The error the editor sees beside the file, or None if the upload was taken."""
    assert response.status_code in (200, 302), response.status_code
    if view == SINGLE:
        if response.status_code == 302:
            return None
        return " ".join(response.context["form"].errors.get("file", [])) or "other"
    data = response.json()
    return None if data["success"] else data["error_message"]


def test_the_bomb_is_small_on_disk_and_huge_in_memory():
    assert len(BOMB) < 40_000
    assert struct.unpack(">II", BOMB[16:24]) == (11_000, 11_000)  # width, height in IHDR


@pytest.mark.django_db
@pytest.mark.parametrize("view", [SINGLE, MULTIPLE])
def test_a_corrupt_png_gets_a_form_error(admin_client, view):
    response = upload(admin_client, view, "broken.png", corrupt_png())
    error = form_error(response, view)
    assert error and "broken or incomplete" in error
    assert not CustomImage.objects.exists()


@pytest.mark.django_db
@pytest.mark.parametrize("view", [SINGLE, MULTIPLE])
@pytest.mark.parametrize(
    "content", [BOMB, blank_png(10_000, 6_000)], ids=["121-megapixels", "60-megapixels"]
)
def test_an_image_over_the_pixel_limit_is_refused_before_it_is_decoded(
    admin_client, view, content, settings
):
    assert settings.WAGTAILIMAGES_MAX_IMAGE_PIXELS == 40_000_000  # the default
    decoded = []
    real_load = ImageFile.ImageFile.load

    def load(image):
        decoded.append(image.size)
        return real_load(image)

    with mock.patch.object(ImageFile.ImageFile, "load", load):
        response = upload(admin_client, view, "bomb.png", content)
    error = form_error(response, view)
    assert error and "too many pixels" in error
    assert "the most an image may have is 40,000,000" in error
    assert decoded == []  # refused from the header: not one pixel held in memory
    assert not CustomImage.objects.exists()


@pytest.mark.django_db
@pytest.mark.parametrize("view", [SINGLE, MULTIPLE])
def test_a_good_image_is_still_accepted(admin_client, view):
    response = upload(admin_client, view, "city-hall.png", photo_png())
    assert form_error(response, view) is None
    image = CustomImage.objects.get()
    assert (image.width, image.height) == (300, 200)


@pytest.mark.django_db
@pytest.mark.parametrize(
    "name, content",
    [("huge.png", blank_png(8_000, 6_000)), ("broken.png", corrupt_png())],
    ids=["48-megapixels", "corrupt"],
)
def test_a_stored_image_too_big_or_broken_to_decode_is_shown_as_missing(
    name, content, admin_client, client
):
    """Files stored before the upload checks: their renditions fail cleanly, not with a 500,
    and one over the pixel limit is never decoded at all."""
    storage = CustomImage._meta.get_field("file").storage
    path = storage.save(f"original_images/{name}", ContentFile(content))
    width, height = struct.unpack(">II", content[16:24])
    image = CustomImage.objects.create(title=name, file=path, width=width, height=height)
    with pytest.raises(SourceImageIOError):
        image.get_rendition("fill-100x100")
    assert admin_client.get("/admin/images/").status_code == 200  # thumbnails
    assert admin_client.get(f"/admin/images/{image.pk}/").status_code == 200
    api = client.get(f"/api/v2/images/{image.pk}/")
    assert api.status_code == 200
    assert not image.renditions.exists()


@pytest.mark.django_db
@pytest.mark.parametrize(
    "name, content, message",
    [("broken.png", corrupt_png(), "broken or incomplete"), ("bomb.png", BOMB, "too many pixels")],
    ids=["corrupt", "121-megapixels"],
)
def test_the_v3_api_refuses_the_same_uploads_with_a_message(name, content, message, admin_user):
    """v3 builds its upload form from the admin's (get_image_form): the same checks apply."""
    token = create_token(admin_user)
    response = Client().post(
        "/api/v3/images/",
        {"title": name, "file": SimpleUploadedFile(name, content, content_type="image/png")},
        headers={"Authorization": f"Bearer {token}"},
    )
    assert 400 <= response.status_code < 500, response.status_code
    assert message in response.content.decode()
    assert not CustomImage.objects.exists()
