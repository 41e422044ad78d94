"""The API's `seo` field gives a consuming site exactly what the web page's <head> shows."""

from pathlib import Path

import pytest
from wagtail.models import Collection, CollectionViewRestriction

from home.models import SiteSettings
from tests.head import Head
from tests.home.factories import ImageFactory, StandardPageFactory
from tests.news.factories import NewsIndexPageFactory

from .test_contract import PAGE_TYPES

pytestmark = pytest.mark.django_db


@pytest.fixture
def site_settings(home_page):
    """A tagline, social links and a default sharing image for the default site."""
    settings = SiteSettings.for_site(home_page.get_site())
    settings.footer_text = "A learning network for American mayors."
    settings.bluesky_url = "https://bsky.app/profile/mip.example"
    settings.default_social_image = ImageFactory(alt_text="The network's logo on blue")
    settings.save()
    return settings


@pytest.mark.parametrize("label", PAGE_TYPES)
def test_seo_field_is_what_the_web_page_shows(client, content, get_json, site_settings, label):
    page = content.page(label)

    seo = get_json(f"/api/v2/pages/{page.pk}/")["seo"]
    head = Head(client.get(page.url))

    assert seo["canonical_url"] == head.canonical == f"http://testserver{page.url}"
    assert seo["title"] == head.meta["og:title"]
    assert seo["description"] == head.meta["description"] == head.meta["og:description"]
    assert seo["site_name"] == head.meta["og:site_name"]
    assert seo["og_type"] == head.meta["og:type"]
    assert seo["twitter_card"] == head.meta["twitter:card"] == "summary_large_image"
    image = seo["image"]
    assert image["url"] == head.meta["og:image"]
    assert image["alt"] == head.meta["og:image:alt"]
    assert (str(image["width"]), str(image["height"])) == (
        head.meta["og:image:width"],
        head.meta["og:image:height"],
    )
    assert seo["published_time"] == head.meta.get("article:published_time")
    assert seo["modified_time"] == head.meta.get("article:modified_time")
    assert seo["json_ld"] == head.schema


def test_seo_falls_back_to_the_sites_image_and_description_like_the_page(
    client, get_json, site_settings
):
    index = NewsIndexPageFactory(summary="", intro="")  # nothing of its own to show

    seo = get_json(f"/api/v2/pages/{index.pk}/")["seo"]
    head = Head(client.get(index.url))

    assert seo["description"] == head.meta["description"] == site_settings.footer_text
    assert seo["image"]["alt"] == head.meta["og:image:alt"] == "The network's logo on blue"
    assert seo["image"]["url"] == head.meta["og:image"]


def test_listings_show_seo_when_asked(get_json, content, site_settings):
    article = content.page("news.NewsArticlePage")
    url = "/api/v2/pages/?type=news.NewsArticlePage"

    default = get_json(url)["items"]
    asked = get_json(f"{url}&fields=seo")["items"]

    assert "seo" not in default[0]
    assert asked[0]["seo"] == get_json(f"/api/v2/pages/{article.pk}/")["seo"]
    assert asked[0]["seo"]["json_ld"]["@type"] == "NewsArticle"


@pytest.fixture
def private_image():
    """An image in a collection only signed-in staff may see."""
    board = Collection.get_first_root_node().add_child(name="Board photos")
    CollectionViewRestriction.objects.create(collection=board, restriction_type="login")
    return ImageFactory(alt_text="Board retreat", collection=board)


def test_a_private_image_is_shared_nowhere(client, get_json, private_image):
    public = ImageFactory(alt_text="Street trees")
    page = StandardPageFactory(social_image=private_image, listing_image=public)

    item = get_json(f"/api/v2/pages/{page.pk}/")
    head = Head(client.get(page.url))
    listing = get_json("/api/v2/pages/?type=home.StandardPage&fields=social_image,seo")

    assert client.get(f"/api/v2/images/{private_image.pk}/").status_code == 404
    assert item["social_image"] is None
    assert listing["items"][0]["social_image"] is None
    assert item["listing_image"]["alt"] == "Street trees"
    # The sharing image falls back to the next one visitors may see.
    assert item["seo"]["image"]["alt"] == head.meta["og:image:alt"] == "Street trees"
    assert "Board retreat" not in client.get(page.url).content.decode()


def test_an_image_file_that_is_not_an_image_costs_the_image_not_the_page(client, get_json):
    broken = ImageFactory(alt_text="Broken upload")
    Path(broken.file.path).write_bytes(b"not an image at all")  # as a damaged upload
    page = StandardPageFactory(social_image=broken, listing_image=broken)

    assert client.get(page.url).status_code == 200
    assert "og:image" not in Head(client.get(page.url)).meta
    item = get_json(f"/api/v2/pages/{page.pk}/?fields=seo,social_image")
    assert item["seo"].get("image") is None
    assert item["social_image"]["renditions"] == {}
    assert get_json("/api/v2/pages/?type=home.StandardPage&fields=*")["items"]
