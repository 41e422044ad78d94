"""Deep pages of a listing and of the API cost what the first pages cost, counts are kept
once per version of the site's content, and every item is still on exactly one page."""

import datetime

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.utils import timezone
from wagtail.models import Page

from home import pagination
from tests.home.factories import TopicFactory
from tests.news.factories import NewsArticlePageFactory, NewsIndexPageFactory
from tests.world import module_world

pytestmark = pytest.mark.django_db
ARTICLES = 23


@pytest.fixture(autouse=True)
def small_steps(monkeypatch):
    """Keys every third row, kept from the fourth: a small listing has deep pages."""
    monkeypatch.setattr(pagination, "STEP", 3)
    monkeypatch.setattr(pagination, "SHALLOW", 3)


@module_world
def news():
    """A news front with 23 articles, a day apart but the last three, which share a day."""
    index = NewsIndexPageFactory(slug="deep-news")
    water = TopicFactory(name="Water")
    start = timezone.now() - datetime.timedelta(days=60)
    articles = []
    for number in range(ARTICLES):
        day = start + datetime.timedelta(days=min(number, 20))  # the last three share a day
        article = NewsArticlePageFactory(parent=index, title=f"Story {number}", topics=[water])
        NewsArticlePageFactory._meta.model.objects.filter(pk=article.pk).update(
            publication_date=day.date()
        )
        Page.objects.filter(pk=article.pk).update(first_published_at=day)
        articles.append(article)
    return {"index": index, "articles": articles, "water": water}


def listed(client, url):
    """The items of every page of a listing, following its page numbers."""
    first = client.get(url)
    pages = first.context["page_obj"].paginator.num_pages
    items = [item.pk for item in first.context["items"]]
    for number in range(2, pages + 1):
        joiner = "&" if "?" in url else "?"
        items += [item.pk for item in client.get(f"{url}{joiner}page={number}").context["items"]]
    return items


def newest_first(articles):
    pages = type(articles[0]).objects.filter(pk__in=[a.pk for a in articles])
    return list(
        pages.order_by("-publication_date", "-first_published_at", "-pk").values_list(
            "pk", flat=True
        )
    )


def test_every_article_is_on_exactly_one_page_in_order(client, news):
    expected = newest_first(news["articles"])

    assert listed(client, news["index"].url) == expected
    assert listed(client, f"{news['index'].url}?topic=water") == expected


def test_a_deep_page_costs_no_more_queries_than_the_second(client, news):
    url = news["index"].url
    client.get(f"{url}?page=3")  # keeps the count and the keys

    def queries(page):
        with CaptureQueriesContext(connection) as captured:
            client.get(f"{url}?page={page}")
        return [query["sql"] for query in captured.captured_queries]

    deep, shallow = queries(3), queries(2)
    assert len(deep) == len(shallow)
    assert [sql for sql in deep + shallow if "COUNT(" in sql] == []
    assert not any("OFFSET 20" in sql for sql in deep)  # started at a kept key


def test_a_new_article_is_counted_and_listed_at_once(client, news):
    url = news["index"].url
    before = client.get(url).context["page_obj"].paginator.count
    listed(client, url)

    late = NewsArticlePageFactory(
        parent=news["index"], title="Late story", publication_date=timezone.localdate()
    )

    assert client.get(url).context["page_obj"].paginator.count == before + 1
    assert listed(client, url)[0] == late.pk
    assert len(listed(client, url)) == ARTICLES + 1


def test_the_api_walks_deep_offsets_and_keeps_its_count(client, news):
    params = {"child_of": news["index"].pk, "limit": 4}
    first = client.get("/api/v2/pages/", params).json()
    ids = []
    for offset in range(0, ARTICLES, 4):
        ids += [
            item["id"]
            for item in client.get("/api/v2/pages/", {**params, "offset": offset}).json()["items"]
        ]

    assert first["meta"]["total_count"] == ARTICLES
    in_tree_order = Page.objects.child_of(news["index"]).order_by("path")
    assert ids == list(in_tree_order.values_list("pk", flat=True))
    with CaptureQueriesContext(connection) as captured:
        client.get("/api/v2/pages/", {**params, "offset": 20})
    assert not any("COUNT(" in query["sql"] for query in captured.captured_queries)

    NewsArticlePageFactory(parent=news["index"])
    assert client.get("/api/v2/pages/", params).json()["meta"]["total_count"] == ARTICLES + 1
