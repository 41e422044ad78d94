"""MEDIA_STORAGE=s3: images, renditions and documents live in the bucket; privacy holds.

Against moto's S3 server (tests/mipcms/conftest.py), over real HTTP, with the storage
settings production builds from MEDIA_S3_* variables.
"""

import io
import re
import urllib.error
import urllib.request

import pytest
from django.test import Client
from PIL import Image
from wagtail.models import Collection, CollectionViewRestriction

from site_setup.skeleton import ensure_site
from tests.home.factories import DocumentFactory, ImageFactory
from tests.news.factories import NewsArticlePageFactory

pytestmark = pytest.mark.django_db

PDF = b"%PDF-1.4\n% board minutes\n%%EOF\n"


def anonymous_get(url):
    """(status, body) of a GET straight to the bucket, without credentials."""
    try:
        with urllib.request.urlopen(url, timeout=10) as response:  # noqa: S310
            return response.status, response.read()
    except urllib.error.HTTPError as error:
        return error.code, b""


def keys(client, bucket):
    listing = client.list_objects_v2(Bucket=bucket)
    return {item["Key"] for item in listing.get("Contents", [])}


def test_renditions_are_made_in_the_bucket_and_load_from_it(s3_media, s3_server):
    client, bucket = s3_media
    news = ensure_site().get_children().get(slug="news").specific
    image = ImageFactory(title="River at dusk")
    NewsArticlePageFactory(parent=news, listing_image=image)
    assert f"original_images/{image.file.name.split('/')[-1]}" in keys(client, bucket)

    html = Client().get(news.url).content.decode()

    src = re.search(rf'<img[^>]+src="({re.escape(s3_server)}[^"]+)"', html).group(1)
    assert src.startswith(f"{s3_server}/{bucket}/images/")
    rendition_key = src.split(f"/{bucket}/", 1)[1]
    assert rendition_key in keys(client, bucket)
    # The rendition row points at the bucket file, so any app server serves the same URL.
    rendition = image.renditions.get()
    assert rendition.file.name == rendition_key
    status, body = anonymous_get(src)
    assert status == 200
    assert Image.open(io.BytesIO(body)).size == (rendition.width, rendition.height)


def test_private_documents_stay_private_in_the_bucket(s3_media, django_user_model):
    client, bucket = s3_media
    staff_only = Collection.get_first_root_node().add_child(name="Board papers")
    CollectionViewRestriction.objects.create(collection=staff_only, restriction_type="login")
    document = DocumentFactory(
        title="Board minutes",
        collection=staff_only,
        file__filename="minutes.pdf",
        file__data=PDF,
    )
    key = document.file.name
    assert key.startswith("documents/")
    assert key in keys(client, bucket)

    # Not from the bucket: the object is private, and its URL is never used.
    assert anonymous_get(document.file.url)[0] == 403
    grants = client.get_object_acl(Bucket=bucket, Key=key)["Grants"]
    assert not [g for g in grants if "AllUsers" in g["Grantee"].get("URI", "")]

    # Not through the site for a visitor...
    visitor = Client().get(document.url)
    assert visitor.status_code == 302
    assert "/login/" in visitor["Location"]
    # ...but streamed from the bucket by the document view for a signed-in staff member.
    staff = Client()
    staff.force_login(django_user_model.objects.create_user("comms", password="pw"))
    response = staff.get(document.url)
    assert response.status_code == 200
    assert b"".join(response.streaming_content) == PDF


def test_public_documents_are_served_through_the_site_too(s3_media):
    document = DocumentFactory(file__filename="annual-report.pdf", file__data=PDF)
    assert document.url.startswith("/documents/")
    response = Client().get(document.url)
    assert response.status_code == 200
    assert b"".join(response.streaming_content) == PDF
    # The bucket object is private all the same: every document goes through the view.
    assert anonymous_get(document.file.url)[0] == 403
