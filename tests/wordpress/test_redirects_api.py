"""Old addresses for a headless front end: the redirects API lists only what visitors may follow."""

import pytest
from django.core.cache import cache
from django.db import connection
from django.test import Client
from django.test.utils import CaptureQueriesContext
from wagtail.contrib.redirects.models import Redirect

from tests.hidden import HIDDEN_KINDS, hidden_page
from tests.news.factories import NewsArticlePageFactory, NewsIndexPageFactory

pytestmark = pytest.mark.django_db


def listed(client=None):
    response = (client or Client()).get("/api/v2/redirects/", {"limit": 100})
    assert response.status_code == 200, response.content
    return {item["old_path"]: item for item in response.json()["items"]}


def test_redirects_to_public_pages_and_addresses_are_listed(news_index):
    page = NewsArticlePageFactory(parent=news_index, title="Cooling centers that work")
    Redirect.add_redirect("/2024/06/cooling-centers/", redirect_to=page)
    Redirect.add_redirect("/?p=101", redirect_to=page)
    Redirect.add_redirect("/old-donate/", redirect_to="https://example.org/give")
    items = listed()
    assert items["/2024/06/cooling-centers"]["location"] == page.url
    assert items["/?p=101"]["location"] == page.url
    assert items["/old-donate"]["location"] == "https://example.org/give"
    found = Client().get("/api/v2/redirects/find/", {"html_path": "/?p=101"}, follow=True)
    assert found.json()["location"] == page.url
    exact = Client().get("/api/v2/redirects/", {"old_path": "/?p=101"}).json()["items"]
    assert [item["location"] for item in exact] == [page.url]
    search = Client().get("/api/v2/redirects/", {"search": "cooling"})
    assert search.status_code == 400
    assert search.json() == {"message": "'search' is not available on redirects: use ?old_path="}


@pytest.mark.parametrize("kind", HIDDEN_KINDS)
def test_a_redirect_to_a_hidden_page_is_nowhere(news_index, kind):
    page = hidden_page(kind, NewsArticlePageFactory, NewsIndexPageFactory, news_index)
    Redirect.add_redirect("/2023/01/hidden-story/", redirect_to=page)
    Redirect.add_redirect("/?p=77", redirect_to=page)
    client = Client()
    assert listed(client) == {}
    assert (
        client.get("/api/v2/redirects/find/", {"html_path": "/2023/01/hidden-story/"}).status_code
        == 404
    )
    # Nor does the site itself send visitors there: the old addresses answer as if unknown.
    assert client.get("/2023/01/hidden-story/").status_code == 404
    home = client.get("/?p=77")
    assert home.status_code == 200
    assert page.slug not in home.content.decode()


def test_listing_redirects_costs_the_same_for_many(news_index):
    def make(count, start):
        for number in range(start, start + count):
            page = NewsArticlePageFactory(parent=news_index, title=f"Story {number}")
            Redirect.add_redirect(f"/{number}/old/", redirect_to=page)

    make(2, 0)
    cache.clear()
    with CaptureQueriesContext(connection) as few:
        assert len(listed()) == 2
    make(10, 2)
    cache.clear()
    with CaptureQueriesContext(connection) as many:
        assert len(listed()) == 12
    assert len(many) == len(few), [query["sql"] for query in many.captured_queries]
