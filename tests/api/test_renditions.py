"""The API makes only the image sizes a response asks for (`?renditions=`), and lists them.

Every image in an answer carries its renditions (card, medium, large); each one asked for the
first time is a file to make. A client that shows only cards asks for `renditions=card`.
"""

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from tests.home.factories import ImageFactory
from tests.news.factories import NewsArticlePageFactory

pytestmark = pytest.mark.django_db

ALL_SIZES = {"card", "medium", "large"}
LISTING = "/api/v2/pages/?type=news.NewsArticlePage&fields=listing_image"


@pytest.fixture
def image(news_index):
    """An image shown on an article's card, with no rendition made yet."""
    picture = ImageFactory()
    NewsArticlePageFactory(parent=news_index, listing_image=picture)
    assert made(picture) == set()
    return picture


def made(image):
    """The rendition specs that exist for this image."""
    return set(image.renditions.values_list("filter_spec", flat=True))


def listed(client, url):
    response = client.get(url)
    assert response.status_code == 200, response.content[:300]
    return response.json()


def test_by_default_every_size_is_made_and_listed(client, image):
    item = listed(client, LISTING)["items"][0]
    assert set(item["listing_image"]["renditions"]) == ALL_SIZES
    assert made(image) == {"fill-640x360", "width-800", "width-1600"}


def test_only_the_sizes_asked_for_are_made(client, image):
    item = listed(client, f"{LISTING}&renditions=card")["items"][0]
    assert set(item["listing_image"]["renditions"]) == {"card"}
    assert made(image) == {"fill-640x360"}

    item = listed(client, f"{LISTING}&renditions=medium,large")["items"][0]
    assert set(item["listing_image"]["renditions"]) == {"medium", "large"}
    assert made(image) == {"fill-640x360", "width-800", "width-1600"}


def test_asking_for_no_size_makes_none(client, image):
    item = listed(client, f"{LISTING}&renditions=")["items"][0]
    assert item["listing_image"]["renditions"] == {}
    assert item["listing_image"]["alt"]  # the rest of the image is still there
    assert made(image) == set()


def test_a_listing_without_image_fields_makes_none(client, image):
    listed(client, "/api/v2/pages/?type=news.NewsArticlePage&fields=title,summary")
    assert made(image) == set()


def test_the_images_endpoint_makes_only_the_sizes_asked_for(client, image):
    detail = listed(client, f"/api/v2/images/{image.pk}/?renditions=large")
    assert set(detail["renditions"]) == {"large"}
    listing = listed(client, "/api/v2/images/?renditions=large,card")
    assert set(listing["items"][0]["renditions"]) == {"large", "card"}
    assert made(image) == {"width-1600", "fill-640x360"}
    assert listed(client, "/api/v2/images/?renditions=")["items"][0]["renditions"] == {}


def test_a_page_detail_follows_the_sizes_asked_for(client, news_index, image):
    page = NewsArticlePageFactory(parent=news_index, listing_image=image)
    # `seo` carries the sharing image the web page's <head> shows, whatever is asked here.
    detail = listed(client, f"/api/v2/pages/{page.pk}/?fields=-seo&renditions=medium")
    assert set(detail["listing_image"]["renditions"]) == {"medium"}
    assert made(image) == {"width-800"}


def test_answers_for_different_sizes_are_kept_apart(client, image, settings):
    settings.API_ITEM_CACHE_SECONDS = 300
    listed(client, f"{LISTING}&renditions=card")
    item = listed(client, f"{LISTING}&renditions=large")["items"][0]
    assert set(item["listing_image"]["renditions"]) == {"large"}


def test_the_same_sizes_in_another_order_are_the_same_kept_answer(client, image, settings):
    settings.API_ITEM_CACHE_SECONDS = 300
    first = listed(client, f"{LISTING}&renditions=card,large")["items"]
    with CaptureQueriesContext(connection) as queries:
        again = listed(client, f"{LISTING}&renditions=large,card,large")["items"]
    assert again == first
    images = [q["sql"] for q in queries.captured_queries if '"home_customimage"' in q["sql"]]
    assert images == [], "the answer was made again, not taken from the item cache"


@pytest.mark.parametrize("value", ["huge", "card,huge", "card,,large", " card"])
def test_an_unknown_size_is_a_400_that_names_the_sizes(client, image, value):
    response = client.get(f"{LISTING}&renditions={value}")
    assert response.status_code == 400
    message = response.json()["message"]
    assert "renditions" in message
    assert all(size in message for size in ALL_SIZES)
    assert made(image) == set()


def test_a_listing_reads_only_the_sizes_asked_for(client, image, settings):
    """Rows of sizes the answer does not show are not read either."""
    settings.API_ITEM_CACHE_SECONDS = 0
    url = f"{LISTING}&renditions=card"
    listed(client, url)
    with CaptureQueriesContext(connection) as queries:
        listed(client, url)
    read = [q["sql"] for q in queries.captured_queries if '"home_customrendition"' in q["sql"]]
    assert read, "the card size is read with the images"
    assert not any("width-800" in sql or "width-1600" in sql for sql in read), read
