"""Whatever a visitor types or puts in the address, the search page answers (promise 3)."""

import pytest
from django.db import transaction
from hypothesis import given
from hypothesis import strategies as st
from wagtail.models import Page

from home.text import MAX_QUERY_LENGTH, clean_query, search_terms
from tests.home.factories import TopicFactory
from tests.news.factories import NewsArticlePageFactory
from tests.world import module_world

from .visitor import count, search

pytestmark = pytest.mark.django_db

ODD_QUERIES = [
    "",
    " ",
    "&&&",
    "'\"",
    '"unclosed',
    "\x00",
    "housing\x00",
    "\x01\x02\x7f\x1b[31m",
    "a" * 5000,
    " ".join(["housing"] * 500),
    " ".join(f"word{n}" for n in range(500)),
    "housing:",
    "title:housing",
    "-",
    "-housing",
    "OR AND NOT",
    "housing OR",
    "NEAR(housing water)",
    "hous*",
    "^housing",
    "(housing",
    "\U0001f3e0 housing \U0001f30a",
    "\u05d3\u05d9\u05d5\u05e8 housing",  # right-to-left (Hebrew) and left-to-right words
    "\u202ehousing\u202c",
    "\u0627\u0644\u0625\u0633\u0643\u0627\u0646",
    "%",
    "%%",
    "\\",
    "housing\\",
    "_",
    "'; DROP TABLE wagtailcore_page; --",
    "<script>alert(1)</script>",
    "\ufeffhousing",
]


@module_world
def housing():
    """A page every sensible query for housing finds, tagged with a topic."""
    page = NewsArticlePageFactory(title="Housing trust funds")
    page.topics.set([TopicFactory(name="Housing")])
    page.save()
    return page


def answers(client, params):
    """The search page answers these parameters, and the database is still usable after."""
    with transaction.atomic():
        response = client.get("/search/", params)
        Page.objects.exists()  # fails if the request broke the transaction (PostgreSQL)
        transaction.set_rollback(True)
    assert response.status_code == 200, params
    return response


@pytest.mark.parametrize("query", ODD_QUERIES)
def test_odd_queries_get_a_results_page(client, housing, query):
    response = answers(client, {"q": query})

    content = response.content.decode()
    assert "\x00" not in content
    assert "<script>alert" not in content
    if search_terms(query) == "housing":
        assert count(search(client, q=query)) == 1


@pytest.mark.parametrize("name", ["type", "topic", "page"])
@pytest.mark.parametrize(
    "value", ["", "\x00", "news\x00", "housing\x00", "../", "%", "9" * 40, "-1", "a" * 5000]
)
def test_odd_filters_and_page_numbers_get_a_results_page(client, housing, name, value):
    answers(client, {"q": "housing", name: value})


def test_odd_input_is_cleaned_before_it_is_shown_or_searched():
    assert clean_query("  housing \x00 \t trust\n") == "housing trust"
    assert clean_query("a" * 5000) == "a" * MAX_QUERY_LENGTH
    assert len(search_terms(" ".join(["housing"] * 500)).split()) <= MAX_QUERY_LENGTH // 2
    assert search_terms("'\"&&& -housing: (trust*") == "housing trust"
    assert search_terms("\x00\x01") == ""


@given(
    query=st.one_of(
        st.text(max_size=300),
        st.text(st.characters(codec="ascii"), max_size=60),
        st.lists(st.sampled_from(["housing", "OR", "AND", "NOT", '"', "*", ":", "-"])).map(
            " ".join
        ),
    ),
    type_value=st.one_of(st.just(""), st.sampled_from(["news", "events"]), st.text(max_size=10)),
    topic=st.one_of(st.just(""), st.just("housing"), st.text(max_size=10)),
    page=st.one_of(st.just("1"), st.text(max_size=5), st.integers(-5, 10**12).map(str)),
)
def test_any_query_string_gets_a_results_page(client, housing, query, type_value, topic, page):
    answers(client, {"q": query, "type": type_value, "topic": topic, "page": page})


@pytest.mark.parametrize("query", ["\u0130" * 128 + " x", "\u0130" * 300])
def test_a_query_that_grows_when_lowercased_can_be_searched_again(client, housing, query):
    """ "İ" lowercases to two characters: the query log must still find its own row."""
    answers(client, {"q": query})
    answers(client, {"q": query})
