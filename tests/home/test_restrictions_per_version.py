"""View restrictions are read once per site version while a request is served.

Every query that hides restricted pages or private collections carried a subquery over the
restriction tables; a served request now asks them once per version and filters by their
paths. What visitors may see must not change: a restriction added or lifted shows at once.
"""

import pytest
from django.db import connection, transaction
from django.test.utils import CaptureQueriesContext
from wagtail.models import Collection, CollectionViewRestriction, Page, PageViewRestriction

from home import site_version
from home.privacy import page_restricted, public_documents
from tests.home.factories import DocumentFactory
from tests.news.factories import NewsArticlePageFactory

pytestmark = pytest.mark.django_db

RESTRICTION_TABLES = ("wagtailcore_pageviewrestriction", "wagtailcore_collectionviewrestriction")


def restriction_reads(queries):
    return [q["sql"] for q in queries if any(t in q["sql"] for t in RESTRICTION_TABLES)]


@pytest.mark.parametrize("path", ["article", "/api/v2/pages/{pk}/", "/api/v2/pages/?fields=*"])
def test_a_served_request_reads_no_restriction_once_the_version_is_warm(
    client, news_index, settings, path
):
    settings.API_ITEM_CACHE_SECONDS = 0
    settings.PAGE_CACHE_SECONDS = 0
    article = NewsArticlePageFactory(parent=news_index)
    restricted = NewsArticlePageFactory(parent=news_index)
    PageViewRestriction.objects.create(page=restricted, restriction_type="login")
    url = article.url if path == "article" else path.format(pk=article.pk)
    assert client.get(url).status_code == 200  # warm
    with CaptureQueriesContext(connection) as queries:
        response = client.get(url)
    assert response.status_code == 200
    assert restriction_reads(queries) == []
    assert restricted.title not in response.content.decode()


def test_a_restriction_added_hides_the_page_at_the_next_request(client, news_index, settings):
    settings.API_ITEM_CACHE_SECONDS = 0
    settings.PAGE_CACHE_SECONDS = 0
    article = NewsArticlePageFactory(parent=news_index)
    assert client.get(f"/api/v2/pages/{article.pk}/").status_code == 200
    assert client.get(article.url).status_code == 200
    restriction = PageViewRestriction.objects.create(page=news_index, restriction_type="login")
    assert client.get(f"/api/v2/pages/{article.pk}/").status_code == 404
    assert client.get(article.url).status_code == 302  # to the sign-in page
    restriction.delete()
    assert client.get(f"/api/v2/pages/{article.pk}/").status_code == 200


def test_a_private_collection_hides_its_documents_at_the_next_request(client, settings):
    settings.API_ITEM_CACHE_SECONDS = 0
    collection = Collection.get_first_root_node().add_child(name="Board papers")
    document = DocumentFactory(collection=collection)
    assert client.get(f"/api/v2/documents/{document.pk}/").status_code == 200
    CollectionViewRestriction.objects.create(collection=collection, restriction_type="login")
    assert client.get(f"/api/v2/documents/{document.pk}/").status_code == 404


def test_a_request_that_restricts_a_page_sees_its_restriction_at_once(news_index):
    """A request that changes the site (an editor's) no longer trusts the version it read."""
    article = NewsArticlePageFactory(parent=news_index)

    def restricted():
        return Page.objects.filter(pk=article.pk).filter(page_restricted()).exists()

    site_version.start_serving()
    try:
        site_version.for_request(type("Request", (), {})())  # the request reads its version
        assert site_version.serving()
        assert not restricted()
        PageViewRestriction.objects.create(page=article, restriction_type="login")
        assert restricted()
        assert not public_documents().filter(pk=-1).exists()  # still a valid query
    finally:
        site_version.stop_serving()


@pytest.mark.parametrize("in_cache", [True, False], ids=["version in the cache", "in a row"])
def test_a_rolled_back_change_leaves_nothing_kept_for_a_later_one(
    client, news_index, settings, in_cache
):
    """A version seen inside a transaction that is then rolled back is never used again: what
    was kept for it (here: the page is restricted) does not come back with a later change."""
    settings.API_ITEM_CACHE_SECONDS = 0
    settings.SITE_VERSION_IN_CACHE = in_cache
    article, other = NewsArticlePageFactory.create_batch(2, parent=news_index)
    url = f"/api/v2/pages/{article.pk}/"
    with transaction.atomic():
        PageViewRestriction.objects.create(page=article, restriction_type="login")
        assert client.get(url).status_code == 404  # kept: the page is restricted
        transaction.set_rollback(True)
    # The same kind of change, to another page, moves the version on as far again.
    PageViewRestriction.objects.create(page=other, restriction_type="login")
    assert client.get(url).status_code == 200
    assert client.get(f"/api/v2/pages/{other.pk}/").status_code == 404
