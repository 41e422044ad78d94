"""A section front as visitors use it: pages of ten, the topic filter, empty states, cards."""

import datetime

import pytest

from tests.home.factories import (
    ImageFactory,
    TopicFactory,
)
from tests.html import card_titles, listing_status, visit_listing
from tests.news.factories import (
    NewsArticlePageFactory,
    NewsIndexPageFactory,
)

pytestmark = pytest.mark.django_db


@pytest.fixture
def news(home_page):
    return NewsIndexPageFactory(title="News", slug="news", show_in_menus=True)


@pytest.fixture
def housing():
    return TopicFactory(name="Housing", slug="housing")


def add_articles(index, count, topic=None):
    for number in range(count):
        article = NewsArticlePageFactory(parent=index, title=f"Story {number}")
        if topic:
            article.topics.add(topic)
            article.save_revision().publish()


def test_listing_paginates_ten_to_a_page(client, news):
    add_articles(news, 12)

    first = visit_listing(client, news.url)
    second = visit_listing(client, news.url, {"page": "2"})

    assert len(card_titles(first)) == 10
    assert listing_status(first) == "Page 1 of 2"
    assert first.find("a", rel="next").attrs["href"] == "/news/?page=2"
    assert not first.find_all("a", rel="prev")
    assert first.find("nav", aria_label="Pagination")
    assert len(card_titles(second)) == 2
    assert listing_status(second) == "Page 2 of 2"
    assert second.find("a", rel="prev").attrs["href"] == "/news/?page=1"


def test_one_page_listing_has_no_pagination(client, news):
    add_articles(news, 3)

    page = visit_listing(client, news.url)

    assert len(card_titles(page)) == 3
    assert not page.find_all("nav", aria_label="Pagination")


def test_topic_filter_narrows_the_listing_and_pagination_keeps_it(client, news, housing):
    add_articles(news, 11, topic=housing)
    NewsArticlePageFactory(parent=news, title="About water")

    page = visit_listing(client, news.url, {"topic": "housing"})

    assert "About water" not in card_titles(page)
    assert listing_status(page) == "Page 1 of 2"
    assert page.find("a", rel="next").attrs["href"] == "/news/?topic=housing&page=2"
    topic_links = page.inside(page.find("nav", aria_label="Filter by topic"))
    current = [e.text for e in topic_links if e.tag == "a" and e.attrs.get("aria-current")]
    assert current == ["Housing"]
    assert "Showing news stories about Housing." in page.text
    assert "Clear the filter" in page.link_texts("/news/")


def test_topic_links_restart_at_page_one(client, news, housing):
    add_articles(news, 11, topic=housing)

    page = visit_listing(client, news.url, {"page": "2"})

    assert page.find("a", href="/news/?topic=housing").text == "Housing"
    assert page.find("a", href="/news/", aria_current="true").text == "All topics"


def test_unknown_topic_says_so_and_offers_to_clear_the_filter(client, news, housing):
    add_articles(news, 2, topic=housing)

    page = visit_listing(client, news.url, {"topic": "nope"})

    notice = page.find("div", class_="notice")
    assert "There is no topic called “nope”." in notice.text
    assert "Show everything" in page.link_texts("/news/")
    assert not card_titles(page)


def test_empty_listing_has_an_empty_state(client, news):
    page = visit_listing(client, news.url)

    assert page.find("p", class_="empty-state").text == "There are no news stories to show yet."


def test_topic_without_stories_offers_to_clear_the_filter(client, news, housing):
    add_articles(news, 2)

    page = visit_listing(client, news.url, {"topic": "housing"})

    empty = page.find("p", class_="empty-state")
    assert "There are no news stories to show yet." in empty.text
    assert "Clear the topic filter" in page.link_texts("/news/")


def test_cards_show_date_summary_topics_and_image(client, news, housing):
    article = NewsArticlePageFactory(
        parent=news,
        title="Housing trust funds",
        listing_title="Trust funds that work",
        publication_date=datetime.date(2026, 4, 2),
        summary="Three cities and their trust funds.",
        listing_image=ImageFactory(),
    )
    article.topics.add(housing)
    article.save_revision().publish()

    page = visit_listing(client, news.url)

    card = page.find("article", class_="card")
    assert card.text.startswith("Trust funds that work April 2, 2026")
    assert "Three cities and their trust funds." in card.text
    assert "Housing" in page.find("ul", class_="tags").text
    image = page.inside(page.find("div", class_="card__image"))[0]
    assert ".fill-400x225.format-webp" in image.attrs["src"]
