"""A news article for search engines: a NewsArticle with its dates, authors and publisher."""

import datetime

import pytest
from django.utils import timezone

from tests.head import BASE, read_head
from tests.home.factories import (
    PersonFactory,
)
from tests.news.factories import (
    NewsArticleAuthorFactory,
    NewsArticlePageFactory,
)

pytestmark = pytest.mark.django_db


def test_news_article_is_a_news_article_with_dates_authors_and_publisher(client, home_page):
    article = NewsArticlePageFactory(
        title="Duplexes return", publication_date=datetime.date(2026, 3, 2)
    )
    for name in ("Ana Ruiz", "Ben Cole"):
        NewsArticleAuthorFactory(page=article, person=PersonFactory(name=name, role="Analyst"))

    head = read_head(client, article.url)

    schema = head.schema
    assert schema["@type"] == "NewsArticle"
    assert schema["headline"] == "Duplexes return"
    assert schema["datePublished"] == "2026-03-02" == head.meta["article:published_time"]
    modified = timezone.localtime(article.last_published_at).isoformat()
    assert schema["dateModified"] == modified == head.meta["article:modified_time"]
    assert schema["author"] == [
        {"@type": "Person", "name": "Ana Ruiz", "jobTitle": "Analyst"},
        {"@type": "Person", "name": "Ben Cole", "jobTitle": "Analyst"},
    ]
    assert schema["publisher"] == {
        "@type": "Organization",
        "name": "Mayors Innovation Project",
        "url": f"{BASE}/",
        "logo": f"{BASE}/static/images/logo.svg",
    }
