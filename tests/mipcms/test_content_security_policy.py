"""Every HTML response carries a Content-Security-Policy; the public site's allows no inline script.

That the admin, the preview panel and the site actually work under these policies is checked
in Chromium (tests/browser/), which reports any violation to the console.
"""

import re
from unittest import mock

import pytest
from django.core.files.storage import FileSystemStorage
from django.test import override_settings

from mipcms.storage import s3_storage_settings
from news.models import NewsIndexPage
from tests.news.factories import NewsArticlePageFactory

HEADER = "Content-Security-Policy"


def policy(response):
    """The response's policy as {directive: [sources]}."""
    assert HEADER in response, f"no {HEADER} on {response.request['PATH_INFO']}"
    directives = (part.split() for part in response[HEADER].split(";") if part.strip())
    return {name: sources for name, *sources in directives}


@pytest.fixture
def article(news_index):
    return NewsArticlePageFactory(parent=NewsIndexPage.objects.get())


def public_addresses(article):
    return ["/", "/news/", article.url, "/search/?q=water", "/no-such-page/"]


def test_public_pages_allow_scripts_from_the_site_and_the_nonce_only(client, article):
    for url in public_addresses(article):
        response = client.get(url)
        directives = policy(response)
        assert directives["default-src"] == ["'self'"], url
        assert "'unsafe-inline'" not in directives["script-src"], url
        assert "'unsafe-eval'" not in directives["script-src"], url
        assert "'unsafe-inline'" not in directives["style-src"], url
        assert directives["object-src"] == ["'none'"], url
        assert directives["frame-ancestors"] == ["'self'"], url
        assert not any(source in {"*", "https:", "http:"} for sources in directives.values()
                       for source in sources), url  # fmt: skip


def test_json_ld_blocks_carry_the_nonce_of_their_response(client, article):
    nonces = set()
    for url in ["/", article.url]:
        response = client.get(url)
        blocks = re.findall(
            r'<script type="application/ld\+json" nonce="([^"]+)">', response.content.decode()
        )
        assert blocks, f"no JSON-LD on {url}"
        allowed = policy(response)["script-src"]
        assert all(f"'nonce-{nonce}'" in allowed for nonce in blocks), url
        nonces.update(blocks)
    assert len(nonces) == 2, "each response has a nonce of its own"


def test_the_admin_has_wagtails_policy(admin_client, article):
    for url in ["/admin/", f"/admin/pages/{article.pk}/edit/", "/admin/login/"]:
        directives = policy(admin_client.get(url))
        # Wagtail 8's templates write inline <script> elements and style attributes.
        assert "'unsafe-inline'" in directives["script-src"], url
        assert directives["default-src"] == ["'self'"], url
        assert directives["object-src"] == ["'none'"], url
        # Nothing from other sites (the video players are the only frames from elsewhere).
        for name, sources in directives.items():
            others = [source for source in sources if "://" in source or source == "*"]
            assert name == "frame-src" or others == [], (url, name, others)


def test_api_and_documents_answer_with_the_sites_policy_too(client, article):
    for url in ["/api/v2/pages/", "/sitemap.xml", "/robots.txt"]:
        assert "'unsafe-inline'" not in policy(client.get(url))["script-src"], url


@override_settings(MEDIA_URL="https://media.example.org/mipcms/")
def test_images_from_a_media_store_on_another_host_are_allowed(client, article):
    directives = policy(client.get(article.url))
    assert "https://media.example.org" in directives["img-src"]


def test_images_from_s3_media_storage_are_allowed(client, article, settings):
    """MEDIA_STORAGE=s3 (mipcms/storage.py): image addresses are the bucket's, not MEDIA_URL."""
    environ = {"MEDIA_S3_BUCKET": "mip-media", "MEDIA_S3_CUSTOM_DOMAIN": "media.example.net"}
    settings.STORAGES = {**settings.STORAGES, "default": s3_storage_settings(environ)}
    directives = policy(client.get(article.url))
    assert "https://media.example.net" in directives["img-src"]


def test_the_admin_may_show_hidden_images_from_the_bucket_behind_a_cdn_domain(
    client, admin_client, article, settings
):
    """Staff's signed addresses of hidden images go to the bucket itself (home/image_access.py)."""
    environ = {
        "MEDIA_S3_BUCKET": "mip-media",
        "MEDIA_S3_REGION": "us-east-1",
        "MEDIA_S3_CUSTOM_DOMAIN": "media.example.net",
        "MEDIA_S3_ACCESS_KEY_ID": "key",
        "MEDIA_S3_SECRET_ACCESS_KEY": "secret",
    }
    settings.STORAGES = {**settings.STORAGES, "default": s3_storage_settings(environ)}
    admin = policy(admin_client.get("/admin/"))["img-src"]
    assert "https://media.example.net" in admin
    assert [host for host in admin if "mip-media" in host and "amazonaws.com" in host]
    assert not [host for host in policy(client.get(article.url))["img-src"] if "mip-media" in host]


def test_the_media_host_is_asked_of_the_storage_once_not_per_response(client, article, settings):
    """S3 signs every URL it is asked for: the policy must not cost a signature per request."""
    settings.MEDIA_URL = "https://media.example.org/mipcms/"
    real_url = FileSystemStorage.url
    with mock.patch.object(
        FileSystemStorage, "url", autospec=True, side_effect=real_url
    ) as storage_url:
        for _ in range(3):
            assert "https://media.example.org" in policy(client.get(article.url))["img-src"]
    probes = [call for call in storage_url.call_args_list if "address-probe" in call.args[1]]
    assert len(probes) == 1
