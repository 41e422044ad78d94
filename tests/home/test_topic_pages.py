"""Topic pages (/topics/<slug>/): a topic's news, reports and events, newest first, with feeds;
only what is live and public; at a cost that does not grow with the topic."""

import datetime
import re

import pytest
from django.utils import timezone
from wagtail.models import Page

from events.models import EventIndexPage
from home.models import TopicIndexPage
from news.models import NewsIndexPage
from research.models import ResearchIndexPage
from tests.events.factories import EventIndexPageFactory, EventPageFactory
from tests.hidden import HIDDEN_KINDS, hidden_pages, restrict
from tests.home.factories import ImageFactory, PersonFactory, TopicFactory
from tests.home.sections import get, query_count
from tests.home.test_feeds import read_feed
from tests.mipcms.test_page_cache import cached_get
from tests.news.factories import (
    NewsArticleAuthorFactory,
    NewsArticlePageFactory,
    NewsIndexPageFactory,
)
from tests.research.factories import ResearchReportAuthorFactory, ResearchReportPageFactory

pytestmark = pytest.mark.django_db


def published_days_ago(page, days):
    """Set when the page first went live (what "newest first" sorts by)."""
    moment = timezone.now() - datetime.timedelta(days=days)
    Page.objects.filter(pk=page.pk).update(first_published_at=moment)
    return page


def tagged(page, *topics):
    page.topics.add(*topics)
    page.save_revision().publish()
    return page


@pytest.fixture
def water():
    return TopicFactory(name="Water", slug="water", description="Clean, affordable water.")


@pytest.fixture
def topics_url():
    return TopicIndexPage.objects.get().url


@pytest.fixture
def water_pages(water):
    """A story, a report and an event on water, and a story on something else."""
    other = TopicFactory(name="Heat", slug="heat")
    story = tagged(NewsArticlePageFactory(title="Lead pipes go"), water)
    NewsArticleAuthorFactory(page=story, person=PersonFactory(name="Dana Reyes"))
    report = tagged(ResearchReportPageFactory(title="Water rates report"), water)
    event = tagged(EventPageFactory(title="Water summit"), water)
    off_topic = tagged(NewsArticlePageFactory(title="Cooling centres open"), other)
    published_days_ago(report, 3)
    published_days_ago(story, 2)
    published_days_ago(event, 1)
    published_days_ago(off_topic, 0)
    return {"story": story, "report": report, "event": event, "off_topic": off_topic}


def titles(response):
    return [item.title for item in response.context["items"]]


def test_a_topic_page_gathers_every_section_newest_first(client, topics_url, water_pages):
    response = get(client, f"{topics_url}water/")
    assert titles(response) == ["Water summit", "Lead pipes go", "Water rates report"]
    html = response.content.decode()
    assert "<h1>Water</h1>" in html
    assert "Clean, affordable water." in html
    assert "Cooling centres open" not in html
    # Each card says what it is, and the story's card its date.
    assert "News article" in html and "Research report" in html and "Event" in html


def test_the_topics_page_lists_every_topic_with_a_link(client, topics_url, water):
    TopicFactory(name="Housing", slug="housing")
    html = get(client, topics_url).content.decode()
    assert f'href="{topics_url}water/"' in html
    assert f'href="{topics_url}housing/"' in html
    assert "Clean, affordable water." in html


@pytest.mark.parametrize(
    "slug", ["no-such-topic", "Water%20", "%00", "water/extra", "a" * 300, "%E2%80%AE"]
)
def test_unknown_or_malformed_topics_are_404(client, topics_url, water, slug):
    assert client.get(f"{topics_url}{slug}/").status_code == 404
    assert client.get(f"{topics_url}{slug}/feed/rss/").status_code == 404


@pytest.mark.parametrize("value", ["2", "0", "-1", "abc", "99999999999999999999", "%00"])
def test_a_topic_page_survives_odd_page_numbers(client, topics_url, water_pages, value):
    assert client.get(f"{topics_url}water/?page={value}").status_code == 200


def test_a_topic_page_paginates(client, topics_url, water):
    for number in range(12):
        tagged(NewsArticlePageFactory(title=f"Story {number}"), water)
    first = get(client, f"{topics_url}water/")
    second = get(client, f"{topics_url}water/?page=2")
    assert len(first.context["items"]) == 10
    assert len(second.context["items"]) == 2
    assert not set(titles(first)) & set(titles(second))
    assert 'rel="next"' in first.content.decode()


def test_hidden_pages_never_appear_on_a_topic_page_or_its_feeds(client, topics_url, water):
    tagged(NewsArticlePageFactory(title="Visible story"), water)
    hidden_pages(NewsArticlePageFactory, NewsIndexPageFactory, NewsIndexPage.objects.get(), [water])
    hidden_pages(EventPageFactory, EventIndexPageFactory, EventIndexPage.objects.get(), [water])
    for url in (f"{topics_url}water/", f"{topics_url}water/feed/rss/"):
        body = get(client, url).content.decode()
        assert "Visible story" in body
        for kind in HIDDEN_KINDS:
            assert f"Hidden {kind}" not in body, (url, kind)
    _, atom = read_feed(client, f"{topics_url}water/feed/atom/")
    assert [entry.title for entry in atom.entries] == ["Visible story"]


def test_a_topic_page_of_a_private_topic_index_is_not_shown(client, topics_url, water_pages):
    restrict(TopicIndexPage.objects.get(), "login")
    # Addresses under a private page are for everyone or no one (PageRoutesMixin).
    assert client.get(f"{topics_url}water/").status_code == 404
    assert client.get(f"{topics_url}water/feed/rss/").status_code == 404


def test_feeds_hold_the_topic_pages_and_are_advertised(client, topics_url, water_pages):
    html = get(client, f"{topics_url}water/").content.decode()
    assert (
        f'<link rel="alternate" type="application/rss+xml" title="Water (RSS)" '
        f'href="{topics_url}water/feed/rss/">' in html
    )
    assert f'href="{topics_url}water/feed/atom/"' in html
    _, rss = read_feed(client, f"{topics_url}water/feed/rss/")
    assert [entry.title for entry in rss.entries] == [
        "Water summit",
        "Lead pipes go",
        "Water rates report",
    ]
    assert rss.feed.title.startswith("Water |")
    story = next(entry for entry in rss.entries if entry.title == "Lead pipes go")
    assert story.author == "Dana Reyes"
    assert "Water" in [tag.term for tag in story.tags]


def test_the_topic_page_is_its_own_canonical_address(client, topics_url, water_pages):
    html = get(client, f"{topics_url}water/").content.decode()
    canonical = re.search(r'<link rel="canonical" href="([^"]+)">', html).group(1)
    assert canonical.endswith(f"{topics_url}water/")
    assert "<title>Water |" in html


def test_topics_link_to_their_page_from_cards_and_pages(client, topics_url, water_pages):
    link = f'href="{topics_url}water/"'
    story = water_pages["story"]
    for url in (
        story.url,
        water_pages["report"].url,
        water_pages["event"].url,
        NewsIndexPage.objects.get().url,
        ResearchIndexPage.objects.get().url,
        EventIndexPage.objects.get().url,
    ):
        assert link in get(client, url).content.decode(), url
    # The listing's own topic filter still filters.
    filtered = get(client, f"{NewsIndexPage.objects.get().url}?topic=water")
    assert [item.title for item in filtered.context["items"]] == ["Lead pipes go"]


def add_items(topic, count):
    """`count` stories, reports and events on the topic, each with an image and authors."""
    for number in range(count):
        story = tagged(NewsArticlePageFactory(listing_image=ImageFactory()), topic)
        NewsArticleAuthorFactory(page=story, person=PersonFactory())
        report = tagged(ResearchReportPageFactory(listing_image=ImageFactory()), topic)
        ResearchReportAuthorFactory(page=report, person=PersonFactory())
        tagged(EventPageFactory(listing_image=ImageFactory()), topic)
        for page in (story, report):
            published_days_ago(page, number)


def test_a_topic_page_costs_the_same_for_few_and_many_pages(client, topics_url):
    few, many = TopicFactory(slug="few"), TopicFactory(slug="many")
    add_items(few, 1)
    add_items(many, 5)
    few_count = query_count(client, f"{topics_url}few/")
    many_count = query_count(client, f"{topics_url}many/")
    assert len(get(client, f"{topics_url}many/").context["items"]) == 10
    assert many_count == few_count, f"{few_count} queries for 3 pages, {many_count} for 10"
    assert query_count(client, f"{topics_url}few/feed/rss/") == query_count(
        client, f"{topics_url}many/feed/rss/"
    )


def test_a_cached_topic_page_shows_a_newly_published_story(client, settings, topics_url, water):
    settings.PAGE_CACHE_SECONDS = 300
    tagged(NewsArticlePageFactory(title="First story"), water)
    url = f"{topics_url}water/"
    assert "First story" in cached_get(client, url).content.decode()

    tagged(NewsArticlePageFactory(title="Second story"), water)
    response = client.get(url)
    assert response["X-Page-Cache"] == "miss"
    assert "Second story" in response.content.decode()
