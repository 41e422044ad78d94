"""While the database cannot be reached, every kind of address answers 503, never 500.

The fast, in-process counterpart of test_database_outage.py (which drops a real
PostgreSQL connection under load): here every attempt to use the database fails the way
an unreachable server makes it fail.
"""

from unittest import mock

import pytest
from django.db import OperationalError
from django.test import Client

from mipcms.errors import RETRY_AFTER_SECONDS


def visitor():
    """A client that sees the response a visitor gets (the test client re-raises errors)."""
    return Client(raise_request_exception=False)


@pytest.fixture
def database_away(home_page):
    """Every database access in the block raises, as with PostgreSQL refusing connections."""
    refused = OperationalError('connection to server at "127.0.0.1", port 5432 failed')
    return mock.patch(
        "django.db.backends.base.base.BaseDatabaseWrapper.ensure_connection",
        side_effect=refused,
    )


@pytest.mark.parametrize(
    "path", ["/", "/news/", "/search/?q=water", "/sitemap.xml", "/news/feed/rss/"]
)
def test_pages_say_back_shortly_with_a_503(database_away, path):
    with database_away:
        response = visitor().get(path)
    assert response.status_code == 503
    assert response["Retry-After"] == str(RETRY_AFTER_SECONDS)
    assert "no-store" in response["Cache-Control"]
    assert response["Content-Type"].startswith("text/html")
    assert b"back shortly" in response.content


@pytest.mark.parametrize("path", ["/api/v2/pages/", "/api/v2/pages/3/", "/api/v3/pages/"])
def test_api_answers_a_503_with_a_json_message(database_away, path):
    with database_away:
        response = visitor().get(path)
    assert response.status_code == 503
    assert response["Retry-After"] == str(RETRY_AFTER_SECONDS)
    assert "database" in response.json()["message"]


def test_the_admin_answers_503_to_signed_in_staff(database_away, django_user_model):
    client = visitor()
    client.force_login(django_user_model.objects.create_superuser("webmaster", "", "pw"))
    with database_away:
        response = client.get("/admin/")
    assert response.status_code == 503
    assert b"back shortly" in response.content


def test_other_errors_still_answer_500(home_page):
    with mock.patch("wagtail.models.Site.find_for_request", side_effect=ValueError("a bug")):
        response = visitor().get("/")
    assert response.status_code == 500
    assert b"Something went wrong" in response.content


def test_an_outage_is_logged_in_one_line_per_request(database_away, caplog):
    with database_away:
        visitor().get("/news/")
    records = [r for r in caplog.records if r.levelname in {"WARNING", "ERROR"}]
    assert [r.getMessage() for r in records] == [
        'Database unavailable, GET /news/ answered 503: connection to server at "127.0.0.1",'
        " port 5432 failed"
    ]
    assert records[0].exc_info is None
