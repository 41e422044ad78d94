"""`manage.py seed_scale`: many articles added in bulk, as if each had been published by hand."""

import io

import pytest
from django.core.management import CommandError, call_command
from wagtail.models import Page, Revision

from home.models import Topic
from news.models import NewsArticlePage, NewsIndexPage
from site_setup.demo import records
from site_setup.demo.scale_articles import TOPICS
from tests.search.visitor import all_paths
from tests.world import module_world

pytestmark = pytest.mark.django_db
ADDED = 30


@module_world
def seeded():
    """The site with its topics and a news front holding one article made by hand, then 30."""
    records.load_topics(records.Tally())
    news = NewsIndexPage.objects.get()
    news.add_child(instance=NewsArticlePage(title="Made by hand", slug="made-by-hand"))
    output = io.StringIO()
    call_command("seed_scale", articles=ADDED, stdout=output)
    return {"output": output.getvalue(), "news": news}


def articles():
    return NewsArticlePage.objects.exclude(slug="made-by-hand").order_by("path")


def test_the_page_tree_stays_valid(seeded):
    assert "Added 30 news articles" in seeded["output"]
    assert Page.find_problems() == ([], [], [], [], [])
    news = NewsIndexPage.objects.get()
    assert news.numchild == ADDED + 1
    assert news.get_children().count() == ADDED + 1
    # After the hand-made article, in order, and the tree still takes a child by hand.
    assert news.get_children().first().slug == "made-by-hand"
    last = articles().last()
    extra = news.add_child(instance=NewsArticlePage(title="After the seed", slug="after"))
    assert extra.path > last.path


def test_every_article_is_published_with_one_revision(seeded):
    for page in articles():
        assert page.live and not page.has_unpublished_changes
        assert page.latest_revision_id == page.live_revision_id
        revision = Revision.objects.get(pk=page.live_revision_id)
        assert revision.as_object().title == page.title
        assert str(revision.as_object().body) == str(page.body)
        assert page.publication_date == page.first_published_at.date()
        assert page.topics.exists() and set(page.topics.values_list("slug", flat=True)) <= set(
            TOPICS
        )
    assert len({page.publication_date.year for page in articles()}) > 5


def test_articles_are_served_listed_and_in_the_api(seeded, client):
    page = articles().order_by("-publication_date").first()
    response = client.get(page.url)
    assert response.status_code == 200
    assert page.title in response.text
    assert page.title in client.get("/news/").text
    api = client.get("/api/v2/pages/", {"type": "news.NewsArticlePage", "limit": 100}).json()
    assert api["meta"]["total_count"] == ADDED + 1
    assert page.title in {item["title"] for item in api["items"]}


def test_articles_are_found_by_search(seeded, client):
    water = [page for page in articles() if "water" in page.title.lower()]
    assert water
    assert {page.url for page in water} <= set(all_paths(client, q="water"))


def test_running_it_again_adds_more_with_unique_slugs(seeded):
    call_command("seed_scale", articles=ADDED, stdout=io.StringIO())
    slugs = list(NewsIndexPage.objects.get().get_children().values_list("slug", flat=True))
    assert len(slugs) == len(set(slugs)) == 2 * ADDED + 1
    assert Page.find_problems() == ([], [], [], [], [])


def test_it_needs_the_demo_topics(db):
    Topic.objects.all().delete()
    with pytest.raises(CommandError, match="load_demo"):
        call_command("seed_scale", articles=1)
