"""/api/v2/member-cities/: the member directory's data for other sites, with its contract,
filters, bad input answered with a 400 that says why, and a cost that does not grow."""

import datetime

import pytest

from tests.api.test_query_counts import FEW, MANY, assert_same_cost, measure
from tests.home.factories import MemberCityFactory

pytestmark = pytest.mark.django_db

URL = "/api/v2/member-cities/"


@pytest.fixture
def cities():
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
        MemberCityFactory(name="Dubuque", state="IA", mayor="Brad Cavanagh"),
    ]


def names(response):
    assert response.status_code == 200, response.content
    return [item["name"] for item in response.json()["items"]]


def test_a_member_city_has_every_directory_field(client, cities):
    body = client.get(URL).json()
    assert body["meta"]["total_count"] == 3
    madison = next(item for item in body["items"] if item["name"] == "Madison")
    assert madison == {
        "id": cities[0].pk,
        "meta": {
            "type": "home.MemberCity",
            "detail_url": f"http://testserver{URL}{cities[0].pk}/",
        },
        "name": "Madison",
        "state": "WI",
        "state_name": "Wisconsin",
        "mayor": "Satya Rhodes-Conway",
        "population": 269840,
        "joined_year": 2009,
        "website": "https://www.cityofmadison.com",
    }
    eau_claire = next(item for item in body["items"] if item["name"] == "Eau Claire")
    assert eau_claire["population"] is None and eau_claire["joined_year"] is None
    assert client.get(f"{URL}{cities[0].pk}/").json() == madison


def test_member_cities_come_in_name_order_and_page_like_the_others(client, cities):
    assert names(client.get(URL)) == ["Dubuque", "Eau Claire", "Madison"]
    assert names(client.get(URL, {"limit": 1, "offset": 1})) == ["Eau Claire"]
    assert names(client.get(URL, {"order": "-name"})) == ["Madison", "Eau Claire", "Dubuque"]


def test_member_cities_filter_by_state_and_search(client, cities):
    assert names(client.get(URL, {"state": "wi"})) == ["Eau Claire", "Madison"]
    assert names(client.get(URL, {"search": "rhodes"})) == ["Madison"]
    assert names(client.get(URL, {"search": "dub", "state": "IA"})) == ["Dubuque"]
    assert names(client.get(URL, {"search": "dub", "state": "WI"})) == []


@pytest.mark.parametrize(
    ("params", "message"),
    [
        ({"state": "ZZ"}, "'state' must be a US state's postal code"),
        ({"state": ""}, "'state' must be a US state's postal code"),
        ({"search": "x" * 201}, "'search' must be at most 200 characters"),
        ({"search": "a\x00b"}, "control character"),
        ({"order": "nickname"}, "cannot order by 'nickname'"),
        ({"limit": "lots"}, "'limit' must be a whole number"),
    ],
)
def test_bad_input_is_a_400_that_says_why(client, cities, params, message):
    response = client.get(URL, params)
    assert response.status_code == 400
    assert message in response.json()["message"]


@pytest.mark.parametrize("pk", ["999999", "99999999999999"])
def test_an_unknown_city_is_a_json_404(client, cities, pk):
    response = client.get(f"{URL}{pk}/")
    assert response.status_code == 404
    assert response.json() == {"message": "not found"}


def test_the_member_cities_listing_cost_does_not_grow_with_items(client, home_page):
    url = f"{URL}?fields=*&limit=50"
    for _ in range(FEW):
        MemberCityFactory()
    few = measure(client, url, FEW)
    for _ in range(MANY - FEW):
        MemberCityFactory()
    many = measure(client, url, MANY)
    assert_same_cost(URL, few, many)
