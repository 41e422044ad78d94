"""What the API's HTTP answers tell browsers and caches: CORS, caching, ETags, public URLs."""

import json
import re
from urllib.parse import urlsplit

import pytest
from django.conf import settings

from tests.home.factories import DocumentFactory, ImageFactory, StandardPageFactory

pytestmark = pytest.mark.django_db

ORIGIN = "https://partner.example.org"


@pytest.fixture
def page(home_page):
    """A live page, with an image and a document in the library, so every listing has items."""
    ImageFactory()
    DocumentFactory()
    return StandardPageFactory(parent=home_page, title="Membership")


def public_urls(page):
    """The v2 addresses a consuming site reads."""
    return [
        "/api/v2/pages/",
        f"/api/v2/pages/{page.pk}/",
        "/api/v2/pages/?type=home.StandardPage&fields=*",
        "/api/v2/images/",
        "/api/v2/documents/",
    ]


# CORS: any site may read the public API from a browser, and only read it.


def test_cross_origin_get_is_allowed(client, page):
    for url in public_urls(page):
        response = client.get(url, headers={"Origin": ORIGIN})
        assert response.status_code == 200, url
        assert response["Access-Control-Allow-Origin"] in {"*", ORIGIN}, url
        # A browser script may read the ETag to revalidate.
        assert "etag" in response["Access-Control-Expose-Headers"].lower()


def test_preflight_allows_only_reading(client, page):
    response = client.options(
        "/api/v2/pages/",
        headers={
            "Origin": ORIGIN,
            "Access-Control-Request-Method": "GET",
            "Access-Control-Request-Headers": "if-none-match",
        },
    )
    assert response.status_code == 200
    assert response["Access-Control-Allow-Origin"] in {"*", ORIGIN}
    methods = {m.strip() for m in response["Access-Control-Allow-Methods"].split(",")}
    assert methods == {"GET", "HEAD", "OPTIONS"}
    assert "Access-Control-Allow-Credentials" not in response


@pytest.mark.parametrize("url", ["/api/v3/pages/", "/api/v3/images/"])
def test_v3_is_not_open_to_other_origins(client, page, url):
    response = client.get(url, headers={"Origin": ORIGIN})
    assert "Access-Control-Allow-Origin" not in response
    preflight = client.options(
        url,
        headers={
            "Origin": ORIGIN,
            "Access-Control-Request-Method": "POST",
            "Access-Control-Request-Headers": "authorization",
        },
    )
    assert "Access-Control-Allow-Origin" not in preflight
    assert "Access-Control-Allow-Methods" not in preflight


# Caching: CDNs and browsers may keep an answer briefly and revalidate it cheaply.


def test_answers_are_publicly_cacheable_with_an_etag(client, page):
    for url in public_urls(page):
        response = client.get(url)
        assert response.status_code == 200, url
        directives = {d.strip() for d in response["Cache-Control"].split(",")}
        assert "public" in directives, url
        assert f"max-age={settings.API_CACHE_MAX_AGE}" in directives, url
        assert response["ETag"], url


def test_unchanged_content_revalidates_as_304(client, page):
    for url in public_urls(page):
        etag = client.get(url)["ETag"]
        response = client.get(url, headers={"If-None-Match": etag})
        assert response.status_code == 304, url
        assert response.content == b"", url
        assert response["ETag"] == etag


def test_changed_content_gets_a_new_etag(client, page):
    urls = ["/api/v2/pages/", f"/api/v2/pages/{page.pk}/"]
    before = {url: client.get(url)["ETag"] for url in urls}
    page.title = "Membership and dues"
    page.save_revision().publish()
    for url in urls:
        response = client.get(url, headers={"If-None-Match": before[url]})
        assert response.status_code == 200, url
        assert response["ETag"] != before[url], url
        assert "Membership and dues" in response.content.decode()


def test_errors_are_not_cached(client, page):
    for url in ["/api/v2/pages/999999/", "/api/v2/pages/?limit=abc"]:
        response = client.get(url)
        assert response.status_code in {400, 404}, url
        assert "public" not in response.get("Cache-Control", ""), url
        assert not response.has_header("ETag"), url


# Absolute URLs point at the public site, never at a placeholder or development host.

URL_IN_TEXT = re.compile(r"https?://[^\s\"'<>]+")
PLACEHOLDER_HOSTS = {"localhost", "127.0.0.1", "[::1]", "example.com", "www.example.com"}


def strings(value):
    """Every string in a JSON value."""
    if isinstance(value, str):
        yield value
    elif isinstance(value, dict):
        for item in value.values():
            yield from strings(item)
    elif isinstance(value, list):
        for item in value:
            yield from strings(item)


def test_absolute_urls_use_the_public_address(client, content):
    page = content.page("news.NewsArticlePage")
    urls = [
        f"/api/v2/pages/{page.pk}/",
        "/api/v2/pages/?type=news.NewsArticlePage&fields=*",
        "/api/v2/pages/?fields=*",
        "/api/v2/images/?fields=*",
        "/api/v2/documents/?fields=*",
    ]
    public_host = urlsplit(settings.PUBLIC_BASE_URL).hostname
    hosts = set()
    for url in urls:
        response = client.get(url)
        assert response.status_code == 200, url
        for text in strings(json.loads(response.content)):
            for found in URL_IN_TEXT.findall(text):
                host = urlsplit(found).hostname
                hosts.add(host)
                assert host not in PLACEHOLDER_HOSTS, f"{url} gives {found}"
    # Besides the public site, only addresses editors typed (video, outside links) appear,
    # and schema.org, the vocabulary of `seo.json_ld`.
    assert public_host in hosts
    allowed = {public_host, "example.org", "youtu.be", "www.youtube-nocookie.com", "schema.org"}
    assert hosts <= allowed
