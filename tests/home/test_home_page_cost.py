"""The home page's cost does not grow with the news and events it shows."""

import pytest

from events.models import EventIndexPage
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
