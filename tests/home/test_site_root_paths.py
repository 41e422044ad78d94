"""Page URLs: the sites' root paths are read once per request, not once per page linked."""

import pytest
from django.template import Context, Template
from django.test import RequestFactory
from wagtail.models import Site

from tests.news.factories import NewsArticlePageFactory

pytestmark = pytest.mark.django_db


@pytest.fixture
def counted(monkeypatch):
    """How many times Wagtail's Site.get_site_root_paths() ran."""
    calls = []
    original = Site.get_site_root_paths

    def counting():
        calls.append(1)
        return original()

    monkeypatch.setattr(Site, "get_site_root_paths", staticmethod(counting))
    return calls


def test_an_api_listing_reads_the_root_paths_once_however_many_pages(
    client, news_index, counted, settings
):
    settings.API_ITEM_CACHE_SECONDS = 0  # every answer and item made afresh
    for _ in range(6):
        NewsArticlePageFactory(parent=news_index)
    client.get("/api/v2/pages/?type=news.NewsArticlePage&fields=*")  # warm
    counted.clear()
    response = client.get("/api/v2/pages/?type=news.NewsArticlePage&fields=*")
    assert response.status_code == 200
    assert len(response.json()["items"]) >= 6
    assert len(counted) <= 1, len(counted)


def test_a_url_made_after_a_request_follows_a_change_to_the_site(client, news_index):
    article = NewsArticlePageFactory(parent=news_index)
    assert client.get(article.url).status_code == 200
    site = Site.objects.get(is_default_site=True)
    site.hostname, site.port = "news.example.org", 8080
    site.save()
    fresh = type(article).objects.get(pk=article.pk)
    assert fresh.get_full_url().startswith("http://news.example.org:8080/")


def test_a_made_up_request_leaves_no_version_behind_for_later_urls(news_index):
    """Code that renders with a made-up request, as a task does, is not serving a request:
    URLs made after it follow a change to the site."""
    article = NewsArticlePageFactory(parent=news_index)
    template = Template('{% include "components/feed_links.html" %}')
    template.render(Context({"request": RequestFactory().get("/"), "page": news_index}))
    assert article.get_url() == f"/news/{article.slug}/"
    site = Site.objects.get(is_default_site=True)
    site.hostname, site.port = "news.example.org", 8080
    site.save()
    fresh = type(article).objects.get(pk=article.pk)
    assert fresh.get_full_url().startswith("http://news.example.org:8080/")
