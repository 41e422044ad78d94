"""Past SEARCH_LIMIT hits, a search stops counting: "More than N results", on the site and API."""

import datetime

import pytest
from django.db import connection
from django.utils import timezone
from wagtail.models import Page

from tests.news.factories import NewsArticlePageFactory
from tests.world import module_world

from .visitor import all_paths, hits, search

pytestmark = pytest.mark.django_db
LIMIT = 4


@pytest.fixture(autouse=True)
def small_limit(monkeypatch):
    monkeypatch.setattr("search.candidates.SEARCH_LIMIT", LIMIT)


@module_world
def otters():
    """Seven stories about otters, a day apart (the newest last); the oldest says it twice."""
    start = timezone.now() - datetime.timedelta(days=30)
    pages = []
    for number in range(7):
        page = NewsArticlePageFactory(
            title=f"Otters {number}" if number else "Otters and more otters",
            summary="River otters return." if number else "Otters, otters, otters everywhere.",
        )
        Page.objects.filter(pk=page.pk).update(
            first_published_at=start + datetime.timedelta(days=number)
        )
        pages.append(page)
    return pages


def test_the_count_stops_at_the_limit_and_says_there_are_more(client, otters):
    page = search(client, q="otters")

    heading = page.find("h2", id="results-heading").text.split()
    assert heading[:4] == ["More", "than", str(LIMIT), "results"]
    assert len(all_paths(client, q="otters")) == LIMIT
    assert len(hits(page)) == LIMIT


@pytest.mark.skipif(
    connection.vendor != "postgresql",
    reason="SQLite's search backend ranks every match (search/candidates.py)",
)
def test_the_newest_matches_are_ranked(client, otters):
    newest = {page.url for page in otters[-LIMIT:]}

    assert set(all_paths(client, q="otters")) == newest


def test_below_the_limit_the_count_is_exact(client, otters):
    heading = search(client, q="otters everywhere").find("h2", id="results-heading").text
    assert heading.split()[:2] == ["1", "result"]


def test_the_api_counts_up_to_the_limit_too(client, otters):
    data = client.get("/api/v2/pages/", {"search": "otters", "limit": 20}).json()

    assert data["meta"]["total_count"] == LIMIT
    assert len(data["items"]) == LIMIT
    assert client.get("/api/v2/pages/", {"search": "otters", "offset": LIMIT}).json()["items"] == []
