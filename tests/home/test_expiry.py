"""A page whose expiry time has passed is gone from the site even before it is unpublished."""

import datetime

import pytest
from django.utils import timezone

from tests.news.factories import NewsArticlePageFactory

pytestmark = pytest.mark.django_db


def expire(page):
    """Set the expiry time in the past, leaving the page live (the scheduler has not run)."""
    page.expire_at = timezone.now() - datetime.timedelta(minutes=1)
    page.save(update_fields=["expire_at"])
    return page


def test_an_expired_article_is_gone_from_every_page_of_the_site(client):
    kept = NewsArticlePageFactory(title="Heat plans that work")
    gone = expire(NewsArticlePageFactory(title="Embargoed until Friday", parent=kept.get_parent()))

    assert client.get(gone.url).status_code == 404
    assert client.get(kept.url).status_code == 200
    for url in ("/", kept.get_parent().url, "/search/?q=embargoed", "/search/?q=heat"):
        html = client.get(url).content.decode()
        assert "Embargoed until Friday" not in html, url
    assert "Heat plans that work" in client.get(kept.get_parent().url).content.decode()
    assert "Heat plans that work" in client.get("/search/?q=heat").content.decode()


def test_an_expiry_time_still_to_come_changes_nothing(client):
    page = NewsArticlePageFactory(title="Water rates explained")
    page.expire_at = timezone.now() + datetime.timedelta(days=1)
    page.save(update_fields=["expire_at"])

    assert client.get(page.url).status_code == 200
    assert "Water rates explained" in client.get(page.get_parent().url).content.decode()
