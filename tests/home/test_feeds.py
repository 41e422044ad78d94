"""RSS and Atom feeds of news and research, as a feed reader sees them, and their discovery."""

import datetime

import feedparser
import pytest
from django.db import connection
from django.template import Context, Template
from django.test import RequestFactory
from django.test.utils import CaptureQueriesContext
from django.utils import timezone
from wagtail.models import Page, PageViewRestriction, Site

from home import site_version
from news.models import NewsArticlePage
from tests.events.factories import EventIndexPageFactory, EventPageFactory
from tests.hidden import hidden_pages, restrict
from tests.home.factories import PersonFactory, TopicFactory
from tests.home.sections import SECTIONS as ALL_SECTIONS
from tests.html import parse
from tests.news.factories import (
    NewsArticlePageFactory,
    NewsIndexPageFactory,
)
from tests.research.factories import (
    ResearchIndexPageFactory,
)

pytestmark = pytest.mark.django_db

# The sections with feeds: (index factory, item factory, author factory).
SECTIONS = {name: ALL_SECTIONS[name] for name in ("news", "research")}
FORMATS = {"rss": "application/rss+xml", "atom": "application/atom+xml"}


def read_feed(client, url, status=200):
    """GET a feed and parse it as a feed reader would; it must be well formed."""
    response = client.get(url)
    assert response.status_code == status, url
    feed = feedparser.parse(response.content)
    assert not feed.bozo, feed.get("bozo_exception")
    return response, feed


def titles(feed):
    return [entry.title for entry in feed.entries]


@pytest.fixture
def water():
    return TopicFactory(name="Water", slug="water", description="Pipes, bills and rivers.")


@pytest.fixture
def housing():
    return TopicFactory(name="Housing", slug="housing")


def add_item(section, index, title, topics=(), authors=(), **fields):
    """A published page in the section with these topics and authors (in byline order)."""
    _, item_factory, author_factory = SECTIONS[section]
    page = item_factory(parent=index, title=title, **fields)
    if topics:
        page.topics.set(topics)
        page.save()
    for person in authors:
        author_factory(page=page, person=person)
    return page


@pytest.mark.parametrize("feed_format", FORMATS)
@pytest.mark.parametrize("section", SECTIONS)
def test_feed_has_each_item_with_summary_dates_authors_topics_and_absolute_link(
    client, home_page, section, feed_format, water, housing
):
    index = SECTIONS[section][0](title=section.capitalize(), slug=section)
    older = add_item(
        section,
        index,
        "Lead pipes & water bills",
        topics=[water, housing],
        authors=[PersonFactory(name="Ada Lovelace"), PersonFactory(name="Grace Hopper")],
        publication_date=datetime.date(2026, 3, 2),
        summary="How <three> cities pay for lead line replacement & keep bills down.",
    )
    add_item(section, index, "Newest", publication_date=datetime.date(2026, 3, 9))

    response, feed = read_feed(client, f"/{section}/feed/{feed_format}/")

    assert response["Content-Type"] == f"{FORMATS[feed_format]}; charset=utf-8"
    assert feed.feed.title == f"{index.title} | Mayors Innovation Project"
    assert feed.feed.link == f"http://testserver/{section}/"
    assert titles(feed) == ["Newest", "Lead pipes & water bills"]
    entry = feed.entries[1]
    assert entry.link == f"http://testserver/{section}/{older.slug}/"
    assert entry.summary == (
        "How &lt;three&gt; cities pay for lead line replacement &amp; keep bills down."
    )
    assert entry.author == "Ada Lovelace and Grace Hopper"
    assert [tag.term for tag in entry.tags] == ["Housing", "Water"]
    published = datetime.datetime(*entry.published_parsed[:6], tzinfo=datetime.UTC)
    assert timezone.localdate(published) == datetime.date(2026, 3, 2)
    assert entry.id == f"tag:testserver,{timezone.localdate():%Y-%m-%d}:page/{older.pk}"
    if feed_format == "atom":
        assert entry.updated_parsed >= entry.published_parsed
    assert "author" not in feed.entries[0]  # no authors, no empty byline


def test_item_published_today_carries_the_time_it_went_live(client, home_page):
    index = NewsIndexPageFactory(slug="news")
    article = NewsArticlePageFactory(parent=index, publication_date=None)

    _, feed = read_feed(client, "/news/feed/atom/")

    published = datetime.datetime(*feed.entries[0].published_parsed[:6], tzinfo=datetime.UTC)
    assert published == article.first_published_at.replace(microsecond=0)


def test_a_page_made_live_without_a_publish_does_not_break_the_feeds(client, home_page):
    """An import that sets live=True directly leaves no publish times behind."""
    index = NewsIndexPageFactory(slug="news")
    index.add_child(instance=NewsArticlePage(title="Imported story", slug="imported", live=True))

    for feed_format in FORMATS:
        _, feed = read_feed(client, f"/news/feed/{feed_format}/")
        assert [entry.title for entry in feed.entries] == ["Imported story"]


def test_feed_holds_the_twenty_newest(client, home_page):
    index = NewsIndexPageFactory(slug="news")
    for day in range(22):
        NewsArticlePageFactory(
            parent=index,
            title=f"Story {day:02}",
            publication_date=datetime.date(2026, 1, 1) + datetime.timedelta(days=day),
        )

    _, feed = read_feed(client, "/news/feed/rss/")

    assert titles(feed) == [f"Story {day:02}" for day in range(21, 1, -1)]


@pytest.mark.parametrize("feed_format", FORMATS)
@pytest.mark.parametrize("section", SECTIONS)
def test_topic_feed_lists_only_that_topic(client, home_page, section, feed_format, water, housing):
    index = SECTIONS[section][0](title=section.capitalize(), slug=section)
    add_item(section, index, "About water", topics=[water])
    add_item(section, index, "About both", topics=[water, housing])
    add_item(section, index, "About housing", topics=[housing])
    add_item(section, index, "About nothing")

    _, feed = read_feed(client, f"/{section}/feed/{feed_format}/?topic=water")

    assert sorted(titles(feed)) == ["About both", "About water"]
    assert feed.feed.title == f"{index.title}: Water | Mayors Innovation Project"
    assert feed.feed.link == f"http://testserver/{section}/?topic=water"
    assert (feed.feed.get("subtitle") or feed.feed.get("description")) == "Pipes, bills and rivers."


@pytest.mark.parametrize("query", ["?topic=no-such-topic", "?topic=bad%00slug", "?topic=%3Cb%3E"])
def test_unknown_or_malformed_topic_feed_is_not_found(client, home_page, water, query):
    NewsIndexPageFactory(slug="news")

    assert client.get(f"/news/feed/rss/{query}").status_code == 404
    assert client.get(f"/news/feed/atom/{query}").status_code == 404


@pytest.mark.parametrize("feed_format", FORMATS)
@pytest.mark.parametrize("section", SECTIONS)
def test_feeds_never_list_a_page_visitors_may_not_see(
    client, home_page, section, feed_format, water
):
    index_factory, item_factory, _ = SECTIONS[section]
    index = index_factory(slug=section)
    add_item(section, index, "Shown to everyone", topics=[water])
    hidden = hidden_pages(item_factory, index_factory, index, topics=[water])

    for url in (f"/{section}/feed/{feed_format}/", f"/{section}/feed/{feed_format}/?topic=water"):
        response, feed = read_feed(client, url)
        assert titles(feed) == ["Shown to everyone"], url
        for kind, page in hidden.items():
            assert page.title not in response.content.decode(), f"{kind} leaked in {url}"


@pytest.mark.parametrize("kind", ["draft", "expired", "login", "password", "groups"])
def test_feeds_of_a_section_visitors_may_not_see_do_not_exist(client, home_page, kind):
    index = NewsIndexPageFactory(slug="news", publish=kind != "draft")
    NewsArticlePageFactory(parent=index, title="Inside")
    if kind == "expired":
        Page.objects.filter(pk=index.pk).update(
            expire_at=timezone.now() - datetime.timedelta(minutes=1)
        )
    elif kind != "draft":
        restrict(index, kind)

    for url in ("/news/feed/rss/", "/news/feed/atom/", "/news/feed/rss/?topic=x"):
        assert client.get(url).status_code == 404, url
    if kind in {"draft", "expired"}:
        assert client.get("/news/").status_code == 404


def test_feed_routes_leave_the_listing_and_its_stories_alone(client, home_page):
    index = NewsIndexPageFactory(title="News", slug="news")
    article = NewsArticlePageFactory(parent=index, title="A story", slug="feed")

    assert "A story" in client.get("/news/").content.decode()
    assert client.get("/news/?topic=unknown").status_code == 200
    assert "A story" in client.get(article.url).content.decode()
    assert client.get("/news/feed/").status_code == 200  # the story whose slug is "feed"
    assert client.get("/news/feed/rss/").status_code == 200
    assert client.get("/news/feed/xml/").status_code == 404


def test_an_index_page_preview_still_renders_the_listing(home_page, django_user_model):
    index = NewsIndexPageFactory(title="News", slug="news")
    NewsArticlePageFactory(parent=index, title="Previewed story")
    request = RequestFactory().get("/")
    request.user = django_user_model.objects.create_superuser("editor", "e@example.org", "pw")

    response = index.serve_preview(request, "")

    assert response.status_code == 200
    assert "Previewed story" in response.render().content.decode()


def feed_query_count(client, url):
    client.get(url)  # warm: site root paths
    with CaptureQueriesContext(connection) as queries:
        response = client.get(url)
    assert response.status_code == 200
    return len(queries)


@pytest.mark.parametrize("section", SECTIONS)
def test_feed_query_count_does_not_grow_with_items(client, home_page, section, water):
    index = SECTIONS[section][0](slug=section)

    def add(count):
        for _ in range(count):
            number = index.get_children().count()
            add_item(section, index, f"Story {number}", topics=[water], authors=[PersonFactory()])

    add(2)
    few = feed_query_count(client, f"/{section}/feed/rss/?topic=water")
    add(8)
    many = feed_query_count(client, f"/{section}/feed/rss/?topic=water")
    _, feed = read_feed(client, f"/{section}/feed/atom/?topic=water")

    assert len(feed.entries) == 10
    assert many == few, f"{few} queries for 2 items, {many} for 10"


# Discovery: <link rel="alternate"> in every page's head.


def alternates(client, url):
    """(type, title, href) of the page's <link rel="alternate"> tags, in order."""
    response = client.get(url)
    assert response.status_code in {200, 404}, url
    head = parse(response).find("head")
    return [
        (link.attrs["type"], link.attrs["title"], link.attrs["href"])
        for link in head.find_all("link", rel="alternate")
    ]


SITE_FEEDS = [
    ("application/rss+xml", "News (RSS)", "/news/feed/rss/"),
    ("application/atom+xml", "News (Atom)", "/news/feed/atom/"),
    ("application/rss+xml", "Research (RSS)", "/research/feed/rss/"),
    ("application/atom+xml", "Research (Atom)", "/research/feed/atom/"),
    ("text/calendar", "Events (iCalendar)", "/events/feed/ics/"),
]


@pytest.fixture
def sections(home_page):
    """The three sections with feeds, as the site has them."""
    return {
        "news": NewsIndexPageFactory(title="News", slug="news"),
        "research": ResearchIndexPageFactory(title="Research", slug="research"),
        "events": EventIndexPageFactory(title="Events", slug="events"),
    }


def test_every_page_advertises_the_sites_feeds_and_they_answer(client, sections):
    article = NewsArticlePageFactory(parent=sections["news"])

    for url in ("/", article.url, "/search/?q=water", "/no-such-page/"):
        assert alternates(client, url) == SITE_FEEDS, url
    for _, _, href in SITE_FEEDS:
        assert client.get(href).status_code == 200, href


def test_a_section_front_advertises_its_own_feeds_first(client, sections):
    assert alternates(client, "/research/") == [*SITE_FEEDS[2:4], *SITE_FEEDS[:2], SITE_FEEDS[4]]
    assert alternates(client, "/events/?when=past")[0] == SITE_FEEDS[4]


def test_a_topic_listing_advertises_its_topic_feeds_first(client, sections, water):
    assert alternates(client, "/news/?topic=water") == [
        ("application/rss+xml", "News: Water (RSS)", "/news/feed/rss/?topic=water"),
        ("application/atom+xml", "News: Water (Atom)", "/news/feed/atom/?topic=water"),
        *SITE_FEEDS,
    ]
    assert alternates(client, "/events/?topic=water")[0] == (
        "text/calendar",
        "Events: Water (iCalendar)",
        "/events/feed/ics/?topic=water",
    )


def test_an_event_page_advertises_its_own_calendar_file(client, sections):
    event = EventPageFactory(parent=sections["events"], title="Heat workshop", slug="heat")

    assert alternates(client, event.url)[0] == (
        "text/calendar",
        "Heat workshop (iCalendar)",
        "/events/heat/ics/",
    )


def test_sections_visitors_may_not_see_are_not_advertised(client, home_page):
    NewsIndexPageFactory(title="News", slug="news")
    restrict(ResearchIndexPageFactory(title="Research", slug="research"), "password")
    EventIndexPageFactory(title="Events", slug="events", publish=False)

    assert [title for _, title, _ in alternates(client, "/")] == ["News (RSS)", "News (Atom)"]


def test_a_signed_in_visitor_of_a_private_section_is_not_sent_to_its_missing_feeds(
    client, bare_home, django_user_model
):
    restrict(NewsIndexPageFactory(title="News", slug="news"), PageViewRestriction.LOGIN)
    client.force_login(django_user_model.objects.create_user("reader", password="pw"))

    response = client.get("/news/")
    assert response.status_code == 200
    assert alternates(client, "/news/") == []
    assert client.get("/news/feed/rss/").status_code == 404


def test_listings_offer_their_feeds_to_visitors(client, sections, water):
    news = parse(client.get("/news/?topic=water"))
    research = parse(client.get("/research/"))

    assert [a.attrs["href"] for a in news.find_all("a", type="application/rss+xml")] == [
        "/news/feed/rss/?topic=water"
    ]
    assert "Follow Water news in your feed reader: RSS or Atom" in news.text
    assert "Follow new reports in your feed reader: RSS or Atom" in research.text


@pytest.mark.parametrize(("sections_count", "links"), [(1, 2), (3, 5)])
def test_feed_discovery_costs_one_query(bare_home, sections_count, links):
    factories = [NewsIndexPageFactory, ResearchIndexPageFactory, EventIndexPageFactory]
    for factory in factories[:sections_count]:
        factory()
        factory()  # a second section of a type is not advertised
    restrict(NewsIndexPageFactory(), PageViewRestriction.PASSWORD)
    request = RequestFactory().get("/")
    # A page view has already resolved the site; site root paths live in the cache.
    Site.find_for_request(request)
    Site.get_site_root_paths()
    template = Template('{% include "components/feed_links.html" %}')

    site_version.current()  # the version every request reads first

    with CaptureQueriesContext(connection) as queries:
        html = template.render(Context({"request": request, "page": bare_home}))
    # Computed once per site version: the next request asks the database nothing.
    request = RequestFactory().get("/")
    Site.find_for_request(request)
    with CaptureQueriesContext(connection) as again:
        assert template.render(Context({"request": request, "page": bare_home})) == html

    assert html.count('rel="alternate"') == links
    assert len(queries) == 1, [q["sql"] for q in queries]
    assert len(again) == 0, [q["sql"] for q in again]


@pytest.mark.parametrize("section", SECTIONS)
def test_a_feed_reads_no_pictures(client, home_page, section, water):
    """Feed entries carry no picture: a feed loads none of its items' images."""
    from tests.home.factories import ImageFactory

    index = SECTIONS[section][0](slug=section)
    page = add_item(section, index, "Story", topics=[water], authors=[PersonFactory()])
    page.listing_image = ImageFactory()
    page.save_revision().publish()
    client.get(f"/{section}/feed/rss/")
    with CaptureQueriesContext(connection) as queries:
        assert client.get(f"/{section}/feed/rss/").status_code == 200
    pictures = [q["sql"] for q in queries if '"home_customimage"' in q["sql"]]
    assert pictures == [], "\n".join(pictures)
