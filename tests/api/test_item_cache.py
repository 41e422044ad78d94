"""The API's per-item cache and early 304s: repeated requests are cheap, never stale."""

import datetime

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.utils import timezone

from mipcms.api import endpoints
from tests.clock import clock_at
from tests.events.factories import EventPageFactory
from tests.home.factories import ImageFactory, TopicFactory
from tests.news.factories import NewsArticlePageFactory

pytestmark = pytest.mark.django_db

LISTING = "/api/v2/pages/?type=news.NewsArticlePage&fields=*&limit=20"


@pytest.fixture
def articles(news_index):
    topic = TopicFactory(name="Water affordability")
    pages = []
    for number in range(5):
        page = NewsArticlePageFactory(parent=news_index, title=f"Rate relief {number}")
        page.topics.set([topic])
        page.save_revision().publish()
        pages.append(page)
    return pages


def serialized(monkeypatch):
    """Count the items the pages endpoint serializes (not answered from the cache)."""
    made = []
    original = endpoints.PagesEndpoint.prefetch

    def counting(self, items, fields):
        made.extend(items)
        return original(self, items, fields)

    monkeypatch.setattr(endpoints.PagesEndpoint, "prefetch", counting)
    return made


def titles(response):
    assert response.status_code == 200
    return [item["title"] for item in response.json()["items"]]


def test_a_repeated_listing_serializes_nothing_again(client, articles, monkeypatch):
    made = serialized(monkeypatch)
    first = client.get(LISTING)
    assert len(made) == 5
    again = client.get(LISTING)
    assert len(made) == 5, "the second listing serialized items again"
    assert again.json() == first.json()
    # The detail view shares the listing's items only where it asks for the same fields.
    client.get(f"/api/v2/pages/{articles[0].pk}/")
    client.get(f"/api/v2/pages/{articles[0].pk}/")
    assert len(made) == 6


def test_after_a_publish_the_listing_is_made_afresh_with_the_new_page(
    client, articles, monkeypatch
):
    client.get(LISTING)
    made = serialized(monkeypatch)
    NewsArticlePageFactory(parent=articles[0].get_parent(), title="Shutoff moratorium")
    response = client.get(LISTING)
    assert "Shutoff moratorium" in titles(response)
    # Every item is made again: the site version moved on (see the item cache's docstring).
    assert len(made) == 6


def test_a_repeated_request_is_answered_without_the_database(client, articles):
    for url in (LISTING, f"/api/v2/pages/{articles[0].pk}/", "/api/v2/images/"):
        first = client.get(url)
        with CaptureQueriesContext(connection) as queries:
            again = client.get(url)
        assert again.status_code == 200
        assert again.json() == first.json()
        assert again["ETag"] == first["ETag"]
        assert len(queries) == 0, (url, [q["sql"] for q in queries])
    # Another address (other fields) is its own answer.
    narrow = client.get("/api/v2/pages/?type=news.NewsArticlePage&fields=title&limit=20").json()
    assert set(narrow["items"][0]) == {"id", "meta", "title"}


def test_a_republished_page_is_never_served_stale(client, articles):
    url = f"/api/v2/pages/{articles[0].pk}/"
    client.get(url), client.get(LISTING)
    articles[0].title = "Rate relief, extended"
    articles[0].save_revision().publish()
    assert client.get(url).json()["title"] == "Rate relief, extended"
    assert "Rate relief, extended" in titles(client.get(LISTING))


def test_a_renamed_topic_shows_in_every_item_at_once(client, articles):
    client.get(LISTING)
    topic = articles[0].topics.get()
    topic.name = "Water and sewer affordability"
    topic.save()
    items = client.get(LISTING).json()["items"]
    assert {t["name"] for item in items for t in item["topics"]} == {
        "Water and sewer affordability"
    }


def test_an_event_that_ends_is_past_in_the_api_without_any_save(client):
    start = timezone.now().replace(microsecond=0) + datetime.timedelta(days=3)
    event = EventPageFactory(title="Heat convening", start=start)
    url = "/api/v2/pages/?type=events.EventPage&when=upcoming&fields=*"
    with clock_at(start):
        assert "Heat convening" in titles(client.get(url))
        assert "Heat convening" in titles(client.get(url))
    with clock_at(event.end + datetime.timedelta(seconds=1)):
        assert "Heat convening" not in titles(client.get(url))


def test_a_client_that_holds_the_answer_gets_a_304_before_any_query(client, articles):
    for url in (LISTING, f"/api/v2/pages/{articles[0].pk}/", "/api/v2/images/"):
        etag = client.get(url)["ETag"]
        with CaptureQueriesContext(connection) as queries:
            response = client.get(url, headers={"If-None-Match": etag})
        assert response.status_code == 304, url
        assert len(queries) == 0, (url, [q["sql"] for q in queries])


def test_a_changed_image_is_never_served_stale(client):
    image = ImageFactory(title="Rain garden")
    client.get("/api/v2/images/")
    image.title = "Rain garden on Elm Street"
    image.save()
    assert "Rain garden on Elm Street" in titles(client.get("/api/v2/images/"))
