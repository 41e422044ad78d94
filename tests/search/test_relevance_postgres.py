"""Search relevance on PostgreSQL, the production database: stemming and ranking.

SQLite's full-text index (FTS5, used in development) matches whole words without stemming
and ranks differently, so these tests run only on PostgreSQL.
"""

import pytest
from django.db import connection

from tests.factories import stream
from tests.home.factories import StandardPageFactory
from tests.news.factories import NewsArticlePageFactory, NewsIndexPageFactory

from .test_api_parity import api_paths
from .visitor import all_paths

pytestmark = [
    pytest.mark.django_db,
    pytest.mark.skipif(
        connection.vendor != "postgresql",
        reason="stemming and ranking are PostgreSQL full-text search features (set DATABASE_URL)",
    ),
]


def article(title, text, summary="", **kwargs):
    """A news article whose body is one paragraph of `text`."""
    return NewsArticlePageFactory(
        title=title, summary=summary, body=stream(("paragraph", f"<p>{text}</p>")), **kwargs
    )


@pytest.mark.parametrize(
    ("query", "text"),
    [
        ("housing", "Three houses were built."),
        ("houses", "A new housing plan."),
        ("affordable", "The affordability of water."),
        ("affordability", "Keeping rents affordable."),
        ("neighborhoods", "One neighborhood voted."),
        ("cities", "One city led the way."),
    ],
)
def test_words_find_other_forms_of_themselves(client, bare_home, query, text):
    # On a bare site: the skeleton's own pages use these words too ("Member cities").
    page = article("Plain news", text)
    article("Other news", "Nothing to see here.")

    assert all_paths(client, q=query) == [page.url]


def test_a_title_match_ranks_above_a_body_match(client, home_page):
    news = NewsIndexPageFactory()
    body_only = article("Budget notes", "The council discussed housing.", parent=news)
    in_title = article("Housing", "The council discussed the budget.", parent=news)
    summary_only = article("Budget update", "Nothing else.", summary="About housing.", parent=news)

    found = all_paths(client, q="housing")

    assert found[0] == in_title.url
    assert set(found[1:]) == {body_only.url, summary_only.url}


def test_a_page_that_is_about_the_term_ranks_above_one_that_mentions_it(client, home_page):
    news = NewsIndexPageFactory()
    once = article("Council agenda", "Housing came up once among many other items.", parent=news)
    often = article(
        "Council minutes",
        "Housing dominated: housing supply, housing costs and public housing.",
        parent=news,
    )
    StandardPageFactory(title="About", body=stream(("paragraph", "<p>Housing.</p>")))

    found = all_paths(client, q="housing")

    assert found.index(often.url) < found.index(once.url)


def test_every_word_must_match(client, home_page):
    both = article("Housing and water", "Bills for housing and water.")
    article("Housing only", "Rent.")
    article("Water only", "Bills.")

    assert all_paths(client, q="housing water") == [both.url]


def test_the_api_ranks_as_the_site_does(client, home_page):
    news = NewsIndexPageFactory()
    article("Budget notes", "The council discussed housing.", parent=news)
    article("Housing", "The council discussed the budget.", parent=news)
    article("Council", "Housing, housing and housing.", parent=news)

    assert api_paths(client, search="housing") == all_paths(client, q="housing")
