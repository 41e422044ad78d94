"""Finding the page an address names costs the same however deep the page sits, and what is
found is what Wagtail's own walk down the tree would find."""

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from wagtail.models import PageViewRestriction

from tests.home.factories import StandardPageFactory
from tests.news.factories import NewsArticlePageFactory

pytestmark = pytest.mark.django_db


def served_queries(client, page):
    client.get(page.url)  # warm: what is kept per version of the site
    with CaptureQueriesContext(connection) as captured:
        response = client.get(page.url)
    assert response.status_code == 200
    return [query["sql"] for query in captured.captured_queries]


@pytest.fixture
def chain(home_page):
    """Standard pages nested five deep under the home page."""
    pages = [StandardPageFactory(parent=home_page, slug="top")]
    for depth in range(4):
        pages.append(StandardPageFactory(parent=pages[-1], slug=f"level-{depth}"))
    return pages


def test_a_page_five_levels_down_costs_the_queries_of_one_at_the_top(client, chain):
    top, deep = served_queries(client, chain[0]), served_queries(client, chain[-1])
    assert len(deep) == len(top), "\n".join(deep)


def test_serving_a_public_page_asks_at_most_once_whether_it_is_restricted(client, chain):
    # Not once per level: the restrictions are read once per site version, or in the query
    # that loads the page.
    asked = [sql for sql in served_queries(client, chain[-1]) if "pageviewrestriction" in sql]
    assert len(asked) <= 1, "\n".join(asked)


def test_a_restriction_on_an_ancestor_still_guards_a_deep_page(client, chain):
    PageViewRestriction.objects.create(page=chain[1], restriction_type="login")
    response = client.get(chain[-1].url)
    assert response.status_code == 302
    assert "/login/" in response["Location"] or "login" in response["Location"]


def test_a_password_on_an_ancestor_asks_for_it_on_a_deep_page(client, chain):
    PageViewRestriction.objects.create(page=chain[2], restriction_type="password", password="x")
    response = client.get(chain[-1].url)
    assert response.status_code == 200
    assert b'name="password"' in response.content


def test_an_unpublished_page_in_the_middle_hides_nothing_below_it(client, chain):
    # Wagtail's walk only asks whether the page asked for is live, not the pages above it.
    chain[2].unpublish()
    assert client.get(chain[2].url).status_code == 404
    assert client.get(chain[-1].url).status_code == 200


@pytest.mark.parametrize("address", ["/top/missing/", "/top/level-0/nope/", "/nope/"])
def test_an_address_past_the_tree_is_not_found(client, chain, address):
    assert client.get(address).status_code == 404


def test_a_section_front_still_answers_its_own_addresses(client, news_index):
    NewsArticlePageFactory(parent=news_index, slug="feed-story")
    assert client.get(news_index.url + "feed/rss/").status_code == 200
    assert client.get(news_index.url + "feed-story/").status_code == 200
    assert client.get(news_index.url + "feed/nothing/").status_code == 404
