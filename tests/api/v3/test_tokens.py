"""API tokens: made with manage.py or in the admin, they authenticate until revoked."""

import json
from io import StringIO

import pytest
from django.core.management import call_command
from wagtail.models import APIToken

from tests.api.v3.clients import APIClient, create_token

pytestmark = pytest.mark.django_db


def test_token_from_the_command_authenticates_its_user(editor):
    out = StringIO()
    call_command(
        "api_tokens", "create", "--user", "editor", "--name", "newsletter bot", "--json", stdout=out
    )
    created = json.loads(out.getvalue())
    assert created["user"] == "editor"
    assert created["token"].startswith(created["prefix"])

    response = APIClient(created["token"]).get("whoami/")

    assert response.status_code == 200
    assert response.json()["user"]["username"] == "editor"
    assert response.json()["groups"] == ["Editors"]
    assert APIToken.objects.get(prefix=created["prefix"]).last_used_at is not None


def test_revoked_token_no_longer_authenticates(editor):
    token = create_token(editor)
    api = APIClient(token)
    assert api.get("whoami/").status_code == 200

    call_command("api_tokens", "revoke", "--id", str(APIToken.objects.get().pk), stdout=StringIO())

    response = api.get("whoami/")
    assert response.status_code == 401
    assert response["Content-Type"].startswith("application/")
    assert response.json()["detail"]


@pytest.mark.parametrize(
    "header",
    [None, "Bearer wagtail_not-a-real-token", "Basic ZWRpdG9yOnB3"],
    ids=["no token", "unknown token", "not a bearer token"],
)
def test_whoami_needs_a_valid_token(site, client, header):
    headers = {"Authorization": header} if header else {}
    assert client.get("/api/v3/whoami/", headers=headers).status_code == 401


def test_token_of_a_deactivated_user_is_refused(editor):
    api = APIClient(create_token(editor))
    editor.is_active = False
    editor.save()
    assert api.get("whoami/").status_code == 401


def test_admin_session_does_not_count_as_a_token(client, admin_user):
    """v3 trusts bearer tokens only: a logged-in admin's browser session cannot write."""
    client.force_login(admin_user)
    assert client.get("/api/v3/whoami/").status_code == 401


def test_admin_lists_creates_and_revokes_tokens(client, admin_user, editor):
    create_token(editor, name="made on the command line")
    client.force_login(admin_user)

    index = client.get("/admin/api-tokens/")
    assert index.status_code == 200
    assert "made on the command line" in index.content.decode()

    created = client.post("/admin/api-tokens/new/", {"name": "from the admin", "user": editor.pk})
    assert created.status_code == 200
    plaintext = created.context["token"]
    assert plaintext in created.content.decode()  # shown once, for the user to copy
    api = APIClient(plaintext)
    assert api.get("whoami/").json()["user"]["username"] == "editor"

    token = APIToken.objects.get(name="from the admin")
    revoked = client.post(f"/admin/api-tokens/delete/{token.pk}/")
    assert revoked.status_code == 302
    assert api.get("whoami/").status_code == 401


def test_editors_cannot_manage_tokens_in_the_admin(client, editor):
    """Tokens are issued by administrators (docs/deployment.md); editors get no token menu."""
    client.force_login(editor)
    response = client.get("/admin/api-tokens/")
    assert response.status_code == 302
    assert response["Location"] == "/admin/"
