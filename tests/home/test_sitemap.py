"""The sitemap index lists every live public page with its date, and nothing else; robots.txt."""

import datetime
import xml.etree.ElementTree as ET

import pytest
from django.db import connection
from django.test.signals import template_rendered
from django.test.utils import CaptureQueriesContext
from django.utils import timezone
from wagtail.models import Page, PageViewRestriction

from home.sitemaps import SectionSitemap
from tests.events.factories import EventIndexPageFactory, EventPageFactory
from tests.hidden import hidden_pages
from tests.home.factories import (
    PeopleIndexPageFactory,
    PersonFactory,
    StandardPageFactory,
    TopicFactory,
    TopicIndexPageFactory,
)
from tests.news.factories import NewsArticlePageFactory, NewsIndexPageFactory
from tests.research.factories import ResearchIndexPageFactory, ResearchReportPageFactory

pytestmark = pytest.mark.django_db

NS = {"sm": "http://www.sitemaps.org/schemas/sitemap/0.9"}


def read_xml(client, url):
    """The parsed XML at a URL of the site (it must be a 200)."""
    response = client.get(url)
    assert response.status_code == 200, url
    assert response["Content-Type"] == "application/xml"
    return ET.fromstring(response.content)  # noqa: S314 (our own response)


def sitemap_urls(client):
    """The addresses of the sitemaps the index at /sitemap.xml names, in order."""
    index = read_xml(client, "/sitemap.xml")
    assert index.tag == f"{{{NS['sm']}}}sitemapindex"
    return [item.find("sm:loc", NS).text for item in index.findall("sm:sitemap", NS)]


def read_sitemap(client):
    """{location: lastmod} of the URLs of every sitemap in the index (each listed once)."""
    urls = {}
    for address in sitemap_urls(client):
        for url in read_xml(client, address.removeprefix("http://testserver")).findall(
            "sm:url", NS
        ):
            location = url.find("sm:loc", NS).text
            assert location not in urls, f"{location} is in two sitemaps"
            lastmod = url.find("sm:lastmod", NS)
            urls[location] = None if lastmod is None else lastmod.text
    return urls


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
        read_sitemap(client)  # warm: site root paths
        with CaptureQueriesContext(connection) as queries:
            urls = read_sitemap(client)
        return len(urls), len(queries)

    add(5)
    few_urls, few = query_count()
    add(15)
    many_urls, many = query_count()

    assert (few_urls, many_urls) == (13, 43)
    assert many == few, f"{few} queries for 5 pages of each type, {many} for 20"


def test_each_section_has_its_sitemap_in_pages_and_every_page_is_listed(
    client, bare_home, monkeypatch
):
    monkeypatch.setattr(SectionSitemap, "limit", 3)
    news = NewsIndexPageFactory(slug="news")
    events = EventIndexPageFactory(slug="events")
    articles = [NewsArticlePageFactory(parent=news) for _ in range(7)]
    event = EventPageFactory(parent=events)

    addresses = sitemap_urls(client)
    urls = read_sitemap(client)

    assert addresses == [
        "http://testserver/sitemap-news.xml",
        "http://testserver/sitemap-news.xml?p=2",
        "http://testserver/sitemap-news.xml?p=3",
        "http://testserver/sitemap-research.xml",
        "http://testserver/sitemap-events.xml",
        "http://testserver/sitemap-pages.xml",
    ]
    assert set(urls) == {page.full_url for page in [bare_home, news, events, event, *articles]}
    assert client.get("/sitemap-news.xml?p=4").status_code == 404
    assert client.get("/sitemap-nothing.xml").status_code == 404


def test_a_sitemap_shows_a_page_published_after_it_was_read(client, bare_home, monkeypatch):
    monkeypatch.setattr(SectionSitemap, "limit", 2)
    news = NewsIndexPageFactory(slug="news")
    NewsArticlePageFactory(parent=news)
    NewsArticlePageFactory(parent=news)
    read_sitemap(client)

    late = NewsArticlePageFactory(parent=news, title="Late story")

    assert "http://testserver/sitemap-news.xml?p=2" in sitemap_urls(client)
    assert late.full_url in read_sitemap(client)


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


def test_each_topic_and_each_person_has_its_page_in_the_sitemap(client, bare_home):
    topics = TopicIndexPageFactory(slug="topics")
    people = PeopleIndexPageFactory(slug="people")
    water = TopicFactory(name="Water affordability")
    dana = PersonFactory(name="Dana Reyes")

    urls = read_sitemap(client)

    for address in (
        f"http://testserver/topics/{water.slug}/",
        f"http://testserver/people/{dana.slug}/",
    ):
        assert address in urls
        assert client.get(address.removeprefix("http://testserver")).status_code == 200
    assert f"http://testserver/topics/{water.slug}/feed/rss/" not in urls
    assert topics.url in {url.removeprefix("http://testserver") for url in urls}
    assert people.url in {url.removeprefix("http://testserver") for url in urls}


def test_the_index_is_made_once_per_version_however_many_sitemaps_it_names(
    client, bare_home, monkeypatch, settings
):
    """The index grows with the site (a sitemap per thousand pages of a section); it is the
    same for every visitor, so it is made once per site version, and made again on a change."""
    settings.PAGE_CACHE_SECONDS = 0
    monkeypatch.setattr(SectionSitemap, "limit", 2)
    news = NewsIndexPageFactory(slug="news")
    for _ in range(3):
        NewsArticlePageFactory(parent=news)
    first = client.get("/sitemap.xml")
    rendered = []

    def count(template, **kwargs):
        rendered.append(template.name)

    template_rendered.connect(count, dispatch_uid="sitemap-index-test")
    try:
        again = client.get("/sitemap.xml")
    finally:
        template_rendered.disconnect(dispatch_uid="sitemap-index-test")
    assert rendered == []
    assert again.content == first.content
    assert again.get("Last-Modified") == first.get("Last-Modified")
    NewsArticlePageFactory.create_batch(2, parent=news)  # five: a third sitemap of two
    assert "http://testserver/sitemap-news.xml?p=3" in sitemap_urls(client)
