"""Shared records in the admin: searchable snippets and the member city directory."""

import pytest

from tests.home.factories import MemberCityFactory, PersonFactory, TopicFactory

pytestmark = pytest.mark.django_db


@pytest.fixture
def admin_client(client, django_user_model):
    user = django_user_model.objects.create_superuser("boss", "boss@example.org", "pw")
    client.force_login(user)
    return client


def test_people_list_is_searchable_and_filterable(admin_client):
    PersonFactory(name="Rosa Delgado", is_staff=True)
    PersonFactory(name="Tom Becker", is_staff=False, organisation="Water Institute")
    found = admin_client.get("/admin/snippets/home/person/?q=Rosa").content.decode()
    assert "Rosa Delgado" in found
    assert "Tom Becker" not in found
    outside = admin_client.get("/admin/snippets/home/person/?is_staff=false").content.decode()
    assert "Tom Becker" in outside
    assert "Rosa Delgado" not in outside


def test_topics_list_is_searchable(admin_client):
    TopicFactory(name="Housing")
    TopicFactory(name="Water")
    html = admin_client.get("/admin/snippets/home/topic/?q=Hous").content.decode()
    assert "Housing" in html
    assert "Water" not in html


def test_member_cities_filter_by_state_search_and_export(admin_client):
    MemberCityFactory(name="Madison", state="WI", mayor="Mayor Lindqvist")
    MemberCityFactory(name="Dubuque", state="IA", mayor="Mayor Okafor")
    by_state = admin_client.get("/admin/home/membercity/?state__exact=IA").content.decode()
    assert "Dubuque" in by_state
    assert "Madison" not in by_state
    searched = admin_client.get("/admin/home/membercity/?q=Lindqvist").content.decode()
    assert "Madison" in searched
    assert "Dubuque" not in searched
    export = admin_client.get("/admin/home/membercity/?export=csv&state__exact=WI")
    assert export.status_code == 200
    assert export["Content-Type"].startswith("text/csv")
    rows = b"".join(export.streaming_content).decode().splitlines()
    assert rows[0].lower().startswith("name,state,mayor")
    assert any(row.startswith("Madison,") for row in rows)
    assert not any(row.startswith("Dubuque,") for row in rows)
