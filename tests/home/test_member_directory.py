"""The member cities directory: every member city with its mayor, filtered by state and
searched by name, under a map of the states the site draws itself; no input breaks it."""

import datetime
import re

import pytest

from home.models import MemberDirectoryPage
from home.us_map import outlines
from tests.home.factories import MemberCityFactory
from tests.home.sections import get, query_count

pytestmark = pytest.mark.django_db


@pytest.fixture
def directory_url():
    return MemberDirectoryPage.objects.get().url


@pytest.fixture
def cities():
    """Two Wisconsin cities and one in Iowa."""
    return [
        MemberCityFactory(
            name="Madison",
            state="WI",
            mayor="Satya Rhodes-Conway",
            population=269_840,
            joined_on=datetime.date(2009, 5, 1),
            website="https://www.cityofmadison.com",
        ),
        MemberCityFactory(name="Eau Claire", state="WI", mayor="Emily Berge", population=None),
        MemberCityFactory(name="Dubuque", state="IA", mayor="Brad Cavanagh", population=59_667),
    ]


def names(response):
    return [city.name for city in response.context["cities"]]


def test_the_directory_is_under_membership(directory_url):
    assert directory_url == "/membership/members/"


def test_the_directory_lists_every_city_with_its_mayor(client, directory_url, cities):
    response = get(client, directory_url)
    assert names(response) == ["Dubuque", "Eau Claire", "Madison"]
    html = response.content.decode()
    assert '<th scope="row"><a href="https://www.cityofmadison.com">Madison</a></th>' in html
    for shown in ("Satya Rhodes-Conway", "Wisconsin", "269,840", "2009", "Iowa", "59,667"):
        assert shown in html
    assert "None" not in html  # Eau Claire's unknown population is left blank


@pytest.mark.parametrize("value", ["WI", "wi", " Wi "])
def test_the_directory_filters_by_state(client, directory_url, cities, value):
    response = get(client, f"{directory_url}?state={value}")
    assert names(response) == ["Eau Claire", "Madison"]
    assert "Member cities in Wisconsin" in response.content.decode()


@pytest.mark.parametrize(
    ("query", "expected"),
    [("madi", ["Madison"]), ("RHODES", ["Madison"]), ("berge", ["Eau Claire"]), ("zzz", [])],
)
def test_the_directory_searches_cities_and_mayors(client, directory_url, cities, query, expected):
    assert names(get(client, f"{directory_url}?q={query}")) == expected


def test_state_and_search_combine(client, directory_url, cities):
    assert names(get(client, f"{directory_url}?state=IA&q=madison")) == []
    assert names(get(client, f"{directory_url}?state=WI&q=eau")) == ["Eau Claire"]


@pytest.mark.parametrize(
    "query",
    [
        "state=ZZ",
        "state=%00",
        "state=" + "W" * 5000,
        "state=WI&state=IA",
        "q=%00%01",
        "q=" + "x" * 20000,
        "q=%E2%80%AEevil",
        "page=abc",
        "page=99999999999999999999",
        "state[]=WI",
    ],
)
def test_odd_input_never_breaks_the_directory(client, directory_url, cities, query):
    response = client.get(f"{directory_url}?{query}")
    assert response.status_code == 200


def test_an_unknown_state_is_said_and_not_applied(client, directory_url, cities):
    response = get(client, f"{directory_url}?state=<b>ZZ</b>")
    html = response.content.decode()
    assert len(names(response)) == 3
    assert "There is no state “&lt;b&gt;ZZ&lt;/b&gt;”" in html


def test_the_map_draws_every_state_and_links_those_with_cities(client, directory_url, cities):
    html = get(client, f"{directory_url}?q=mad").content.decode()
    svg = html.split("<svg", 1)[1].split("</svg>", 1)[0]
    assert svg.count("<path ") == len(outlines()["states"]) == 51
    # The states with cities are links that keep the search, with a label and a shade.
    assert (
        '<a href="/membership/members/?q=mad&amp;state=WI" aria-label="Wisconsin: 2 member cities">'
        in svg
    )
    assert 'aria-label="Iowa: 1 member city"' in svg
    assert re.search(r'class="us-map__state us-map__state--2" d="M[^"]+"><title>Wisconsin', svg)
    # A state without member cities is drawn, titled, and not a link.
    assert "<title>Ohio: no member cities</title>" in svg
    assert "state=OH" not in svg
    assert "US Census Bureau" in html  # the outlines' source, credited


def test_the_chosen_state_is_marked_on_the_map(client, directory_url, cities):
    svg = get(client, f"{directory_url}?state=IA").content.decode().split("<svg", 1)[1]
    assert 'aria-label="Iowa: 1 member city" aria-current="true"' in svg


def test_the_directory_paginates(client, directory_url):
    for number in range(55):
        MemberCityFactory(name=f"City {number:02}")
    first = get(client, directory_url)
    second = get(client, f"{directory_url}?page=2")
    assert len(names(first)) == 50
    assert names(second) == [f"City {n}" for n in range(50, 55)]


def test_the_directory_costs_the_same_for_few_and_many_cities(client, directory_url):
    for state in ("WI", "IA"):
        MemberCityFactory(state=state)
    few = query_count(client, directory_url)
    for number in range(40):
        MemberCityFactory(state=["WI", "IA", "MN", "CA", "NY"][number % 5])
    many = query_count(client, directory_url)
    assert len(get(client, directory_url).context["cities"]) == 42
    assert many == few, f"{few} queries for 2 cities, {many} for 42"
