"""Editors' picks: pages (or links) editors promote come first for the queries they choose."""

import pytest
from django.contrib.auth import get_user_model
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from wagtail.contrib.search_promotions.models import Query, SearchPromotion

from search.hits import flush_search_hits
from tests.api.test_privacy import World
from tests.events.factories import EventPageFactory
from tests.home.factories import StandardPageFactory
from tests.html import parse
from tests.news.factories import NewsArticlePageFactory, NewsIndexPageFactory
from tests.world import module_world

from .visitor import PICK, all_paths, count, hits, paths, search

pytestmark = pytest.mark.django_db


def promote(query_string, *picks):
    """Promote pages (or (url, text) links) for a query, after any promoted before."""
    query = Query.get(query_string)
    for order, pick in enumerate(picks, start=query.editors_picks.count()):
        if isinstance(pick, tuple):
            url, text = pick
            SearchPromotion.objects.create(
                query=query, external_link_url=url, external_link_text=text, sort_order=order
            )
        else:
            SearchPromotion.objects.create(query=query, page=pick, sort_order=order)


@module_world
def heron():
    """Eleven pages about herons, and two editors' picks: one mentions herons, one does not."""
    news = NewsIndexPageFactory()
    found = [NewsArticlePageFactory(title=f"Where herons nest {n}", parent=news) for n in range(11)]
    mentions = StandardPageFactory(title="Birds of the river", intro="Herons and egrets.")
    unrelated = EventPageFactory(title="Wetland walk")
    promote("Herons", unrelated, mentions)
    return {"found": found, "mentions": mentions, "unrelated": unrelated}


def test_picks_come_first_in_their_order_and_are_not_repeated(client, heron):
    everything = all_paths(client, q="herons")

    assert everything[:2] == [heron["unrelated"].url, heron["mentions"].url]
    assert sorted(everything[2:]) == sorted(page.url for page in heron["found"])
    assert count(search(client, q="herons")) == 13
    first = hits(search(client, q="herons"))
    assert first[0].startswith(f"Event {PICK} Wetland walk")
    assert first[1].startswith(f"Standard page {PICK} Birds of the river")
    assert not any(PICK in text for text in first[2:])


def test_picks_match_the_query_whatever_its_case_spacing_or_punctuation(client, heron):
    for query in ["HERONS", "  herons ", "herons?", "herons!!"]:
        assert paths(search(client, q=query))[0] == heron["unrelated"].url, query
    assert heron["unrelated"].url not in all_paths(client, q="herons nest")


def test_picks_that_visitors_may_not_see_are_left_out(client, home_page):
    world = World()
    promote("zebrafish", *world.hidden.values())

    assert all_paths(client, q="zebrafish") == [world.shown.url]
    content = client.get("/search/", {"q": "zebrafish"}).content.decode()
    for page in world.hidden.values():
        assert page.title not in content


def test_picks_follow_the_filters(client, heron):
    news = all_paths(client, q="herons", type="news")

    assert sorted(news) == sorted(page.url for page in heron["found"])
    assert all_paths(client, q="herons", type="events") == [heron["unrelated"].url]


def test_links_to_other_sites_are_shown_without_filters(client, heron):
    promote("herons", ("https://birds.example/herons", "Heron field guide"))

    page = search(client, q="herons")

    assert paths(page)[2] == "https://birds.example/herons"
    assert hits(page)[2].startswith(f"Elsewhere on the web {PICK} Heron field guide")
    assert "https://birds.example/herons" not in all_paths(client, q="herons", type="news")


def test_editors_find_promoted_results_in_the_admin(client, home_page):
    editor = get_user_model().objects.create_superuser("editor", "editor@example.org", "pw")
    client.force_login(editor)

    response = client.get("/admin/searchpicks/")

    assert response.status_code == 200
    assert "Promoted search results" in response.content.decode()


def test_a_picks_description_replaces_its_summary(client, heron):
    SearchPromotion.objects.filter(page=heron["unrelated"]).update(description="Bring boots.")

    first = hits(search(client, q="herons"))[0]
    assert first.startswith(f"Event {PICK} Wetland walk")
    assert first.endswith("Bring boots.")
    assert heron["unrelated"].summary not in first


def test_each_search_counts_once_for_its_words(client, heron):
    for params in [{"q": "Herons?"}, {"q": "herons"}, {"q": "herons", "page": 2}, {"q": "&&&"}]:
        search(client, **params)
    flush_search_hits()

    assert Query.objects.get(query_string="herons").hits == 2
    assert list(Query.objects.values_list("query_string", flat=True)) == ["herons"]


def test_a_search_writes_nothing_and_its_hits_reach_the_report_after_the_flush(
    client, heron, admin_user
):
    search(client, q="herons")  # warm: the site's root paths
    with CaptureQueriesContext(connection) as queries:
        for words in ["herons", "Herons", "egrets"]:
            search(client, q=words)
    writes = [q["sql"] for q in queries.captured_queries if not q["sql"].startswith("SELECT")]
    assert writes == []

    assert flush_search_hits() == 4
    assert flush_search_hits() == 0  # each hit is written once
    search(client, q="egrets")
    assert flush_search_hits() == 1

    client.force_login(admin_user)
    report = parse(client.get(reverse("wagtailsearchpromotions:search_terms")))
    rows = {
        row.find_all("td")[0].text.strip(): row.find_all("td")[1].text.strip()
        for row in report.soup.select("tbody tr")
    }
    assert rows == {"herons": "3", "egrets": "2"}


def test_a_search_is_served_when_the_hits_cache_is_away(client, heron, monkeypatch):
    class Away:
        def __getattr__(self, name):
            raise ConnectionError("cache away")

    monkeypatch.setattr("search.hits.hits_cache", Away)

    assert count(search(client, q="herons")) == 13
