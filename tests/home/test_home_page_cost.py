"""The home page's cost does not grow with the news and events it shows."""

from collections import Counter

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from events.models import EventIndexPage
from home.models import HomePageFeaturedItem
from news.models import NewsIndexPage
from tests.home.factories import ImageFactory, TopicFactory
from tests.home.sections import add_item, get, query_count

pytestmark = pytest.mark.django_db


def test_home_page_cost_does_not_grow_with_news_and_events(client, home_page):
    news, events, topic = NewsIndexPage.objects.get(), EventIndexPage.objects.get(), TopicFactory()
    add_item("news", news, topic, ImageFactory())
    add_item("events", events, topic, ImageFactory())
    few = query_count(client, "/")
    for _ in range(3):
        add_item("news", news, topic, ImageFactory())
        add_item("events", events, topic, ImageFactory())
    many = query_count(client, "/")
    shown = {type(front): items for front, items in get(client, "/").context["sections"]}
    assert [len(shown[NewsIndexPage]), len(shown[EventIndexPage])] == [3, 3]
    assert many == few


def test_home_page_loads_every_card_picture_at_once_and_its_sections_once_per_version(
    client, home_page
):
    """Featured pages, news and events: one query for their pictures, one for the pictures'
    sizes, whatever the sections; the section fronts are found once per site version."""
    news, events, topic = NewsIndexPage.objects.get(), EventIndexPage.objects.get(), TopicFactory()
    article = add_item("news", news, topic, ImageFactory())
    add_item("events", events, topic, ImageFactory())
    HomePageFeaturedItem.objects.create(page=home_page, featured_page=article)
    get(client, "/")  # warm: renditions made, what is kept per version computed
    with CaptureQueriesContext(connection) as queries:
        response = get(client, "/")
    tables = Counter(
        table
        for query in queries.captured_queries
        for table in ("home_customimage", "home_customrendition")
        if query["sql"].startswith(f'SELECT "{table}"')
    )
    assert tables == {"home_customimage": 1, "home_customrendition": 1}, tables
    section_fronts = [
        q["sql"] for q in queries.captured_queries if "news_newsindexpage" in q["sql"]
    ]
    assert section_fronts == []
    assert response.content.decode().count(article.title) >= 2  # featured and in the news
