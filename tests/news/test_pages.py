"""A news article as visitors see it."""

import datetime

import pytest

from tests.home.factories import (
    ImageFactory,
    PersonFactory,
    TopicFactory,
)
from tests.html import visit
from tests.news.factories import NewsArticleAuthorFactory, NewsArticlePageFactory

pytestmark = pytest.mark.django_db


def test_news_article_shows_date_authors_topics_image_and_body(client, home_page):
    article = NewsArticlePageFactory(
        title="Cities expand lead pipe replacement",
        publication_date=datetime.date(2026, 3, 12),
        listing_image=ImageFactory(alt_text="Crew digging up a lead line", credit="J. Doe"),
    )
    article.topics.add(TopicFactory(name="Water"))
    article.save_revision().publish()
    NewsArticleAuthorFactory(page=article, person=PersonFactory(name="Ana Torres"))
    NewsArticleAuthorFactory(page=article, person=PersonFactory(name="Ben Ode"))

    page = visit(client, article)

    assert page.find("time", datetime="2026-03-12").text == "March 12, 2026"
    assert page.find("p", class_="byline").text == "By Ana Torres and Ben Ode"
    assert "Water" in page.find("ul", class_="tags").text
    assert page.find("img", alt="Crew digging up a lead line")
    assert page.find("span", class_="credit").text == "J. Doe"
    assert "Replacing lead service lines protects children." in page.text
