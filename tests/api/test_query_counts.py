"""A listing of six items costs the API the same queries as a listing of two.

Every item carries realistic content (a body with every block: images, documents, page
links in rich text, related pages, testimonials; authors, speakers, topics, downloads,
members), so a relation or block that is loaded once per item shows as extra queries,
printed with their SQL when the test fails.
"""

import re
from collections import Counter

import pytest
from django.core.cache import cache
from django.db import connection
from django.test.utils import CaptureQueriesContext

from home.models import HomePageFeaturedItem
from mipcms.api import endpoints
from tests.home.factories import DocumentFactory, ImageFactory
from tests.news.factories import NewsArticlePageFactory, NewsIndexPageFactory

pytestmark = pytest.mark.django_db

# Two more items are two more of any query made once per item: enough to show it, and each
# item carries a whole content world of its own, so more would only cost time.
FEW, MANY = 2, 4

# Page types of which a site has many: (type label, parent's type label or None for home).
LISTED_TYPES = [
    ("home.StandardPage", "home.StandardPage"),
    ("home.CohortPage", "home.CohortIndexPage"),
    ("news.NewsArticlePage", "news.NewsIndexPage"),
    ("research.ResearchReportPage", "research.ResearchIndexPage"),
    ("events.EventPage", "events.EventIndexPage"),
    ("home.FormPage", "home.StandardPage"),
    ("home.CohortIndexPage", None),
    ("news.NewsIndexPage", None),
    ("research.ResearchIndexPage", None),
    ("events.EventIndexPage", None),
]


def normalized(sql):
    """SQL with its literal values blanked, so the same query for another row compares equal."""
    sql = re.sub(r"'[^']*'", "?", sql)
    sql = re.sub(r"\b\d+\b", "?", sql)
    sql = re.sub(r"((?:\"\w+\"\.)?\"\w+\" = \?)(?: OR \1)+", r"\1 OR ...", sql)
    return re.sub(r"\((?:\?, )*\?\)", "(...)", sql)


def measure(client, url, expected_items):
    """The queries of a request for `url` once its image renditions exist.

    The warm-up request creates the renditions. The cache is emptied after it, as after a
    deploy, since a cached rendition would hide a listing that fetches them one by one.
    """
    response = client.get(url)
    assert response.status_code == 200, response.content[:500]
    assert len(response.json()["items"]) == expected_items
    cache.clear()
    with CaptureQueriesContext(connection) as queries:
        response = client.get(url)
    assert response.status_code == 200
    return [query["sql"] for query in queries.captured_queries]


def assert_same_cost(what, few, many):
    """Fail, showing the SQL of each query the longer listing made more often."""
    extra = Counter(map(normalized, many)) - Counter(map(normalized, few))
    report = "\n\n".join(f"{count} x {sql}" for sql, count in extra.items())
    assert len(many) == len(few), (
        f"{what}: {len(few)} queries for {FEW} items but {len(many)} for {MANY}. "
        f"Queries made more often with {MANY} items:\n\n{report}"
    )


@pytest.mark.parametrize(("label", "parent_label"), LISTED_TYPES, ids=[t for t, _ in LISTED_TYPES])
def test_page_listing_cost_does_not_grow_with_items(
    client, bare_home, content, label, parent_label
):
    parent = content.page(parent_label) if parent_label else content.home
    url = f"/api/v2/pages/?type={label}&child_of={parent.pk}&fields=*&limit=50"
    for _ in range(FEW):
        content.page(label, parent=parent)
    few = measure(client, url, FEW)
    for _ in range(MANY - FEW):
        content.page(label, parent=parent)
    many = measure(client, url, MANY)
    assert_same_cost(label, few, many)


def test_registration_form_listing_cost_does_not_grow_with_items(client, bare_home, content):
    """Each event's form (one per event) with its registrations: events and counts in bulk."""
    index = content.page("events.EventIndexPage")
    url = (
        f"/api/v2/pages/?type=events.EventRegistrationPage&descendant_of={index.pk}"
        "&fields=*&limit=50"
    )
    for _ in range(FEW):
        content.page("events.EventPage", parent=index)  # with its registration form
    few = measure(client, url, FEW)
    for _ in range(MANY - FEW):
        content.page("events.EventPage", parent=index)
    many = measure(client, url, MANY)
    assert_same_cost("events.EventRegistrationPage", few, many)


@pytest.mark.parametrize("label", ["news.NewsArticlePage", "events.EventPage"])
def test_seo_listing_cost_does_not_grow_with_items(client, content, label):
    """`fields=seo` alone loads the images and authors its metadata shows in bulk too."""
    parent = content.page(dict(LISTED_TYPES)[label])
    url = f"/api/v2/pages/?type={label}&child_of={parent.pk}&fields=seo&limit=50"
    for _ in range(FEW):
        content.page(label, parent=parent)
    few = measure(client, url, FEW)
    for _ in range(MANY - FEW):
        content.page(label, parent=parent)
    many = measure(client, url, MANY)
    assert_same_cost(f"{label} seo", few, many)


def add_media(kind):
    """An image or document with tags, in the default (public) collection."""
    item = ImageFactory() if kind == "images" else DocumentFactory()
    item.tags.add("housing", f"tag-{item.pk}")
    return item


@pytest.mark.parametrize("kind", ["images", "documents"])
def test_media_listing_cost_does_not_grow_with_items(client, home_page, kind):
    url = f"/api/v2/{kind}/?fields=*&limit=50"
    for _ in range(FEW):
        add_media(kind)
    few = measure(client, url, FEW)
    for _ in range(MANY - FEW):
        add_media(kind)
    many = measure(client, url, MANY)
    assert_same_cost(f"/api/v2/{kind}/", few, many)


def queries_about_parent(client, url, parent):
    with CaptureQueriesContext(connection) as captured:
        data = client.get(url).json()
    assert data["meta"]["parent"]["id"] == parent.pk
    assert data["meta"]["parent"]["title"] == parent.title
    return [
        query["sql"]
        for query in captured.captured_queries
        if f"'{parent.path}'" in query["sql"]
        or f'"wagtailcore_page"."id" = {parent.pk}' in query["sql"]
    ]


def test_a_detail_finds_its_parent_in_one_query_and_its_siblings_in_none(
    client, news_index, settings
):
    """The section a page sits in is looked up once per site version, not per detail."""
    settings.API_ITEM_CACHE_SECONDS = 0  # every answer made afresh
    first, sibling = NewsArticlePageFactory.create_batch(2, parent=news_index)
    about_parent = queries_about_parent(client, f"/api/v2/pages/{first.pk}/", news_index)
    assert len(about_parent) == 1, "\n".join(about_parent)
    about_parent = queries_about_parent(client, f"/api/v2/pages/{sibling.pk}/", news_index)
    assert about_parent == []


def test_a_detail_shows_its_parent_as_published_now(client, news_index, settings):
    settings.API_ITEM_CACHE_SECONDS = 0
    article = NewsArticlePageFactory(parent=news_index)
    url = f"/api/v2/pages/{article.pk}/"
    assert queries_about_parent(client, url, news_index) is not None  # the parent is kept
    news_index.title = "Newsroom"
    news_index.save_revision().publish()
    assert client.get(url).json()["meta"]["parent"]["title"] == "Newsroom"
    news_index.unpublish()
    assert client.get(url).json()["meta"]["parent"] is None


def test_a_detail_under_an_unpublished_section_names_no_parent(client, home_page):
    section = NewsIndexPageFactory(parent=home_page)
    article = NewsArticlePageFactory(parent=section)
    section.unpublish()
    data = client.get(f"/api/v2/pages/{article.pk}/").json()
    assert data["id"] == article.pk
    assert data["meta"]["parent"] is None


def test_the_home_pages_featured_links_load_no_pictures(client, home_page, news_index, settings):
    """The API lists featured pages as links (id, type, title, addresses): their card
    pictures, which only the web page shows, are not loaded for it."""
    settings.API_ITEM_CACHE_SECONDS = 0
    article = NewsArticlePageFactory(parent=news_index, listing_image=ImageFactory())
    HomePageFeaturedItem.objects.create(page=home_page, featured_page=article)
    url = f"/api/v2/pages/{home_page.pk}/?fields=featured_pages"
    client.get(url)
    with CaptureQueriesContext(connection) as captured:
        data = client.get(url).json()
    assert [page["id"] for page in data["featured_pages"]] == [article.pk]
    images = [q["sql"] for q in captured.captured_queries if '"home_customimage"' in q["sql"]]
    assert images == [], "\n".join(images)


def page_reads(client, url, page):
    """The queries of a request for `url` that read `page`'s own row."""
    with CaptureQueriesContext(connection) as captured:
        response = client.get(url)
    reads = [
        query["sql"]
        for query in captured.captured_queries
        if re.search(rf'"wagtailcore_page"\."id" = {page.pk}\b', query["sql"])
        or re.search(rf'"page_ptr_id" = {page.pk}\b', query["sql"])
    ]
    return response, reads


def test_a_detail_asked_for_again_reads_its_page_once(client, news_index, settings, monkeypatch):
    """A page never changes type: known from an earlier answer, the page is one query,
    and that query alone decides whether it may be shown."""
    settings.API_ITEM_CACHE_SECONDS = 0
    article = NewsArticlePageFactory(parent=news_index)
    url = f"/api/v2/pages/{article.pk}/"
    monkeypatch.setattr(endpoints, "PAGE_TYPES", {})  # as in a process that has shown none
    response, first = page_reads(client, url, article)
    assert response.json()["id"] == article.pk
    assert len(first) == 2, "\n".join(first)  # its type, then the page as that type
    response, again = page_reads(client, url, article)
    assert response.json()["title"] == article.title
    assert len(again) == 1, "\n".join(again)

    article.unpublish()
    response, _ = page_reads(client, url, article)
    assert response.status_code == 404


def test_a_page_id_that_now_names_a_page_of_another_type_is_shown_as_that_type(
    client, news_index, settings, monkeypatch
):
    """The type kept for an id is only a first guess: a page of another type under that id
    (a database restored from a backup) is found and shown as what it is."""
    settings.API_ITEM_CACHE_SECONDS = 0
    from events.models import EventPage

    article = NewsArticlePageFactory(parent=news_index)
    monkeypatch.setattr(endpoints, "PAGE_TYPES", {article.pk: EventPage})
    data = client.get(f"/api/v2/pages/{article.pk}/").json()
    assert (data["meta"]["type"], data["title"]) == ("news.NewsArticlePage", article.title)


def test_topics_come_from_the_topic_list_kept_per_version(client, news_index, settings):
    """A page's topics are looked up in the site's topic list, read once per site version:
    only which topics the page has is read for each answer."""
    settings.API_ITEM_CACHE_SECONDS = 0
    from tests.home.factories import TopicFactory

    article = NewsArticlePageFactory(parent=news_index)
    article.topics.add(TopicFactory(name="Water"), TopicFactory(name="Climate"))
    article.save_revision().publish()
    url = f"/api/v2/pages/{article.pk}/"
    client.get(url)
    with CaptureQueriesContext(connection) as captured:
        data = client.get(url).json()
    assert [topic["name"] for topic in data["topics"]] == ["Climate", "Water"]
    topic_rows = [q["sql"] for q in captured.captured_queries if '"home_topic"' in q["sql"]]
    assert topic_rows == [], "\n".join(topic_rows)
