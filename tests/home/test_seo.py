"""What search engines and link previews read in a page's <head>: description, canonical
address, OpenGraph and Twitter card tags, and schema.org JSON-LD, for every page type."""

import json

import pytest
from django.core.cache import cache
from django.db import connection
from django.test.utils import CaptureQueriesContext

from tests.head import BASE, SCHEMA, TYPES, build, read_head, served_image
from tests.home.factories import (
    ImageFactory,
    StandardPageFactory,
    TopicFactory,
)
from tests.news.factories import (
    NewsArticlePageFactory,
    NewsIndexPageFactory,
)

pytestmark = pytest.mark.django_db


@pytest.mark.parametrize("label", TYPES)
def test_every_page_type_describes_itself_to_search_engines_and_link_previews(
    client, site_settings, label
):
    schema_type, og_type = TYPES[label]
    image = ImageFactory(alt_text="Council members at a round table")
    page = build(
        label, title="Sharing test", summary="What this page is about.", listing_image=image
    )

    head = read_head(client, page.url)

    address = BASE + page.url
    assert head.meta["description"] == "What this page is about."
    assert head.canonical == address
    assert head.meta["og:url"] == address
    assert head.meta["og:title"] == "Sharing test"
    assert head.meta["og:description"] == "What this page is about."
    assert head.meta["og:site_name"] == "Mayors Innovation Project"
    assert head.meta["og:type"] == og_type
    assert head.meta["og:image:alt"] == "Council members at a round table"
    assert head.meta["twitter:card"] == "summary_large_image"
    status, content_type, size = served_image(head.meta["og:image"])
    assert status == 200
    assert content_type.startswith("image/")
    assert size == (int(head.meta["og:image:width"]), int(head.meta["og:image:height"]))
    schema = head.schema
    assert schema["@context"] == SCHEMA
    assert schema["@type"] == schema_type
    assert schema["url"] == address


def test_description_falls_back_from_search_description_to_opening_text_to_tagline(
    client, site_settings
):
    both = StandardPageFactory(search_description="For search engines.", summary="Listings.")
    opening_text = "Mayors share <b>what works</b> &amp; what did not. " * 8
    opening = StandardPageFactory(
        summary="",
        intro="",
        body=json.dumps([{"type": "paragraph", "value": f"<p>{opening_text}</p><p>More.</p>"}]),
    )
    bare = NewsIndexPageFactory(summary="", intro="")

    assert read_head(client, both.url).meta["description"] == "For search engines."
    trimmed = read_head(client, opening.url).meta["description"]
    assert 120 < len(trimmed) <= 160
    assert trimmed.endswith("\N{HORIZONTAL ELLIPSIS}")
    assert ("Mayors share what works & what did not. " * 8).startswith(trimmed[:-1])
    assert read_head(client, bare.url).meta["description"] == (
        "A learning network for American mayors."
    )


def test_image_is_the_social_then_listing_or_hero_image_else_the_sites_default(
    client, site_settings
):
    listing, social, default = (ImageFactory(alt_text=alt) for alt in ("list", "soc", "def"))
    both = StandardPageFactory(listing_image=listing, social_image=social)
    listing_only = StandardPageFactory(listing_image=listing)
    neither = StandardPageFactory()

    def og_image_alt(page):
        return read_head(client, page.url).meta.get("og:image:alt")

    assert og_image_alt(both) == "soc"
    assert og_image_alt(listing_only) == "list"
    assert og_image_alt(build("home.HomePage", hero_image=ImageFactory(alt_text="hero"))) == "hero"
    assert og_image_alt(neither) is None
    assert "og:image" not in read_head(client, neither.url).meta
    assert read_head(client, neither.url).meta["twitter:card"] == "summary"

    site_settings.default_social_image = default
    site_settings.save()

    assert og_image_alt(neither) == "def"
    assert read_head(client, neither.url).meta["twitter:card"] == "summary_large_image"


def test_home_page_is_the_organisation_with_its_logo_and_profiles(client, site_settings):
    head = read_head(client, "/")

    organisation = head.schema
    assert organisation["@type"] == "Organization"
    assert organisation["name"] == "Mayors Innovation Project"
    assert organisation["url"] == f"{BASE}/"
    assert organisation["logo"] == f"{BASE}/static/images/logo.svg"
    assert organisation["sameAs"] == [
        "https://bsky.app/profile/mip.example",
        "https://www.linkedin.com/company/mip-example",
    ]
    assert organisation["email"] == "hello@mayorsinnovation.example"


def test_a_title_cannot_break_out_of_the_json_ld(client, home_page):
    title = "Budgets </script><script>alert(1)</script> & <!-- more"
    page = StandardPageFactory(title=title, slug="budgets")

    head = read_head(client, page.url)

    assert "<script>alert(1)" not in head.html
    assert "<!-- more" not in head.html
    assert head.schema["name"] == title
    assert head.meta["og:title"] == title


def test_listing_pages_and_filters_share_the_listings_canonical_address(client, home_page):
    news = NewsIndexPageFactory(slug="news")
    topic = TopicFactory(slug="housing")
    for number in range(12):
        article = NewsArticlePageFactory(parent=news, title=f"Story {number}")
        article.topics.add(topic)
        article.save_revision().publish()

    head = read_head(client, f"{news.url}?page=2&topic=housing")

    assert head.canonical == f"{BASE}/news/"
    assert head.schema["url"] == f"{BASE}/news/"


@pytest.mark.parametrize("url", ["/search/?q=water", "/no-such-page/"])
def test_views_without_a_page_describe_the_site(client, site_settings, url):
    head = read_head(client, url)

    assert head.meta["description"] == "A learning network for American mayors."
    assert head.meta["og:site_name"] == "Mayors Innovation Project"
    assert head.meta["og:title"] == "Mayors Innovation Project"
    assert head.canonical is None
    assert head.json_ld == []


def test_sharing_image_and_main_image_load_their_renditions_together(client, home_page):
    """og:image is a JPEG (link previews), the main picture WebP: one query finds both."""
    article = NewsArticlePageFactory(listing_image=ImageFactory())
    client.get(article.url)  # creates the renditions
    cache.clear()  # as after a deploy: renditions come from the database

    with CaptureQueriesContext(connection) as queries:
        head = read_head(client, article.url)

    rendition_queries = [q for q in queries.captured_queries if "rendition" in q["sql"]]
    assert len(rendition_queries) == 1, rendition_queries
    assert head.meta["og:image"].endswith(".width-1200.jpg")
    assert ".format-webp.webp" in head.html  # the main picture
