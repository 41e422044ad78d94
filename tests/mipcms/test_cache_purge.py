"""A publish, update or unpublish purges the page, its listings and its API URLs from the CDN."""

import datetime
import threading
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer

import pytest
from django.test import override_settings
from django.utils import timezone

from mipcms.scheduler import Scheduler
from tests.clock import clock_at
from tests.home.factories import TopicFactory
from tests.news.factories import NewsArticlePageFactory


class Varnish:
    """Stands in for Varnish: records the (Host, path) of every PURGE request."""

    def __init__(self):
        self.purged = []
        varnish = self

        class Handler(BaseHTTPRequestHandler):
            def do_PURGE(self):
                varnish.purged.append((self.headers["Host"], self.path))
                self.send_response(200)
                self.send_header("Content-Length", "0")
                self.end_headers()

            def log_message(self, *args):
                pass

        self.server = ThreadingHTTPServer(("127.0.0.1", 0), Handler)
        threading.Thread(target=self.server.serve_forever, daemon=True).start()
        self.location = f"http://127.0.0.1:{self.server.server_port}"

    def paths(self):
        assert {host for host, _ in self.purged} == {"testserver"}
        return {path for _, path in self.purged}


@pytest.fixture
def varnish():
    varnish = Varnish()
    backend = "wagtail.contrib.frontend_cache.backends.HTTPBackend"
    with override_settings(
        WAGTAILFRONTENDCACHE={"default": {"BACKEND": backend, "LOCATION": varnish.location}}
    ):
        yield varnish
    varnish.server.shutdown()
    varnish.server.server_close()


def expected_paths(page, topic):
    label = "news.NewsArticlePage"
    return {
        page.url,
        "/news/",
        f"/news/?topic={topic.slug}",
        "/news/feed/rss/",
        "/news/feed/atom/",
        f"/news/feed/rss/?topic={topic.slug}",
        f"/news/feed/atom/?topic={topic.slug}",
        "/",
        "/sitemap.xml",
        "/sitemap-news.xml",
        f"/api/v2/pages/{page.pk}/",
        "/api/v2/pages/",
        f"/api/v2/pages/?type={label}",
        f"/api/v2/pages/?child_of={page.get_parent().pk}",
        f"/api/v3/pages/{page.pk}/",
        "/api/v3/pages/",
        f"/api/v3/pages/?type={label}",
    }


def test_publishing_purges_the_page_its_listings_and_its_api_urls(
    news_index, varnish, django_capture_on_commit_callbacks
):
    topic = TopicFactory(name="Water", slug="water")
    with django_capture_on_commit_callbacks(execute=True):
        page = NewsArticlePageFactory(parent=news_index, topics=[topic])
    assert expected_paths(page, topic) <= varnish.paths()

    varnish.purged.clear()
    with django_capture_on_commit_callbacks(execute=True):
        page.unpublish()
    assert expected_paths(page, topic) <= varnish.paths()


def test_a_scheduled_publish_purges_too(news_index, varnish, django_capture_on_commit_callbacks):
    topic = TopicFactory(name="Housing", slug="housing")
    go_live_at = timezone.now() + datetime.timedelta(hours=1)
    with django_capture_on_commit_callbacks(execute=True):
        page = NewsArticlePageFactory(parent=news_index, topics=[topic], go_live_at=go_live_at)
    assert "/news/" not in varnish.paths()  # scheduling changes no listing

    with (
        clock_at(go_live_at),
        django_capture_on_commit_callbacks(execute=True),
    ):
        Scheduler().run_due()
    assert expected_paths(page, topic) <= varnish.paths()


def test_purging_is_off_unless_configured(news_index, django_capture_on_commit_callbacks):
    varnish = Varnish()
    with django_capture_on_commit_callbacks(execute=True):
        NewsArticlePageFactory(parent=news_index)
    assert varnish.purged == []
    varnish.server.shutdown()
    varnish.server.server_close()
