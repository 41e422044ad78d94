"""The sitemap lists every live public page with its date, and nothing else; robots.txt."""

import datetime
import xml.etree.ElementTree as ET

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.utils import timezone
from wagtail.models import Page, PageViewRestriction

from tests.events.factories import EventIndexPageFactory, EventPageFactory
from tests.hidden import hidden_pages
from tests.home.factories import StandardPageFactory
from tests.news.factories import NewsArticlePageFactory, NewsIndexPageFactory
from tests.research.factories import ResearchIndexPageFactory, ResearchReportPageFactory

pytestmark = pytest.mark.django_db

NS = {"sm": "http://www.sitemaps.org/schemas/sitemap/0.9"}


def read_sitemap(client):
    """{location: lastmod} of the sitemap's URLs."""
    response = client.get("/sitemap.xml")
    assert response.status_code == 200
    assert response["Content-Type"] == "application/xml"
    root = ET.fromstring(response.content)  # noqa: S314 (our own response)
    return {
        url.find("sm:loc", NS).text: url.find("sm:lastmod", NS).text
        for url in root.findall("sm:url", NS)
    }


def test_sitemap_lists_every_public_page_with_its_last_published_date(client, bare_home):
    news = NewsIndexPageFactory(slug="news")
    article = NewsArticlePageFactory(parent=news, slug="lead-pipes")
    Page.objects.filter(pk=article.pk).update(
        last_published_at=datetime.datetime(2026, 2, 3, 12, tzinfo=datetime.UTC)
    )
    about = StandardPageFactory(slug="about")
    StandardPageFactory(parent=about, slug="staff")

    urls = read_sitemap(client)

    assert urls == {
        "http://testserver/": f"{timezone.localdate(bare_home.last_published_at)}",
        "http://testserver/news/": f"{timezone.localdate(news.last_published_at)}",
        "http://testserver/news/lead-pipes/": "2026-02-03",
        "http://testserver/about/": f"{timezone.localdate(about.last_published_at)}",
        "http://testserver/about/staff/": f"{timezone.localdate()}",
    }


def test_sitemap_never_lists_a_page_visitors_may_not_see(client, bare_home):
    news = NewsIndexPageFactory(slug="news")
    research = ResearchIndexPageFactory(slug="research")
    events = EventIndexPageFactory(slug="events")
    hidden = [
        *hidden_pages(NewsArticlePageFactory, NewsIndexPageFactory, news).values(),
        *hidden_pages(ResearchReportPageFactory, ResearchIndexPageFactory, research).values(),
        *hidden_pages(EventPageFactory, EventIndexPageFactory, events).values(),
        *hidden_pages(StandardPageFactory, StandardPageFactory, bare_home).values(),
    ]
    restricted = [restriction.page for restriction in PageViewRestriction.objects.all()]
    shown = NewsArticlePageFactory(parent=news, title="Open story")

    urls = read_sitemap(client)

    assert shown.full_url in urls
    assert len(urls) == 5  # home, three sections, the open story
    assert len(restricted) == 4 * 4  # login, groups, password, private section
    for page in [*hidden, *restricted]:
        assert not any(f"/{page.slug}/" in url for url in urls), page


def test_sitemap_query_count_does_not_grow_with_pages(client, bare_home):
    news = NewsIndexPageFactory(slug="news")
    events = EventIndexPageFactory(slug="events")

    def add(count):
        for _ in range(count):
            NewsArticlePageFactory(parent=news)
            EventPageFactory(parent=events)

    def query_count():
        client.get("/sitemap.xml")  # warm: site root paths
        with CaptureQueriesContext(connection) as queries:
            urls = read_sitemap(client)
        return len(urls), len(queries)

    add(5)
    few_urls, few = query_count()
    add(15)
    many_urls, many = query_count()

    assert (few_urls, many_urls) == (13, 43)
    assert many == few, f"{few} queries for 5 pages of each type, {many} for 20"


def test_robots_txt_points_to_the_sitemap_and_keeps_crawlers_out_of_the_admin(client, db):
    response = client.get("/robots.txt")

    assert response.status_code == 200
    assert response["Content-Type"] == "text/plain; charset=utf-8"
    lines = response.content.decode().splitlines()
    assert lines[0] == "User-agent: *"
    for path in ["/admin/", "/api/", "/search/"]:
        assert f"Disallow: {path}" in lines
    assert "Disallow: /documents/" not in lines
    assert "Sitemap: http://testserver/sitemap.xml" in lines
