"""The real client: wagtail-cli's `wt` binary, run as a subprocess against a live server.

This is what staff automation does: whoami, list pages, create a news draft with a body of
blocks, update it, publish it, and schedule another post. Each `wt` run gets a bare
environment (the API address and token only, an empty HOME and working directory), so no
~/.wagtail-cli.toml or proxy setting of the machine running the tests can leak in.
"""

import datetime
import json
import subprocess
import sys
from io import StringIO
from pathlib import Path
from unittest import mock

import pytest
from django.core.management import call_command
from django.utils import timezone

from news.models import NewsArticlePage
from tests.api.v3.clients import ARTICLE_BODY, create_token
from tests.api.v3.test_round_trip import page_of_type, stored
from tests.surfaces import EVERYWHERE, NOWHERE, public_view

pytestmark = pytest.mark.subprocess

WT = Path(sys.executable).with_name("wt")


@pytest.fixture
def live_site(transactional_db, django_db_serialized_rollback, live_server, site):
    """The site, committed so the live server's thread sees it.

    Each test ends with a flush; the serialized rollback restores what the migrations made
    (Wagtail's root page, groups and collection) for the tests that follow.
    """
    return live_server


@pytest.fixture
def wt(live_site, tmp_path):
    """Run `wt <args>` as a user holding a token; returns (exit code, parsed stdout, stderr)."""
    if not WT.exists():
        pytest.fail(f"`wt` not found at {WT}: install the test extras (pip install -e '.[test]')")
    home = tmp_path / "home"
    home.mkdir()

    def run(*args, token):
        env = {
            "PATH": str(WT.parent),
            "HOME": str(home),
            "LC_ALL": "C.UTF-8",
            "WAGTAIL_CLI_BASE_URL": f"{live_site.url}/api/v3/",
            "WAGTAIL_CLI_TOKEN": token,
        }
        result = subprocess.run(  # noqa: S603 (fixed binary, argv list, no shell)
            [str(WT), "--json", *args],
            env=env,
            cwd=tmp_path,
            stdin=subprocess.DEVNULL,
            capture_output=True,
            text=True,
            timeout=60,
        )
        output = json.loads(result.stdout) if result.stdout.strip() else None
        return result.returncode, output, result.stderr

    return run


def succeeds(result):
    code, output, stderr = result
    assert code == 0, stderr
    return output


@pytest.fixture
def body_file(tmp_path):
    path = tmp_path / "body.json"
    path.write_text(json.dumps(ARTICLE_BODY))
    return path


def test_whoami_and_list(wt, admin_user, news_index):
    token = create_token(admin_user)

    me = succeeds(wt("api", "whoami", token=token))
    pages = succeeds(wt("api", "pages", "list", "--child-of", "root", token=token))

    assert me["user"]["username"] == "webmaster"
    assert "News" in {item["title"] for item in pages["items"]}


def test_create_update_and_publish_a_news_article(wt, admin_user, news_index, body_file, tmp_path):
    token = create_token(admin_user)
    created = succeeds(
        wt(
            *("api", "pages", "create", "news.NewsArticlePage", "--parent", "/news/"),
            *("--title", "Flood maps capybara", "--field", "summary:Maps for every block."),
            *("--field", f"body:@{body_file}"),
            token=token,
        )
    )
    page = NewsArticlePage.objects.get(pk=created["id"])
    assert page.get_parent().pk == news_index.pk
    assert [block.block_type for block in page.body] == ["heading", "paragraph"]
    assert not page.live
    assert public_view(page, "capybara") == NOWHERE

    new_body = tmp_path / "new-body.json"
    new_body.write_text(json.dumps([{"type": "paragraph", "value": "<p>Updated maps.</p>"}]))
    succeeds(
        wt(
            *("api", "pages", "update", str(page.pk), "--title", "Flood maps capybara updated"),
            *("--field", f"body:@{new_body}", "--yes"),
            token=token,
        )
    )
    page.refresh_from_db()
    assert page.title == "Flood maps capybara updated"
    assert [block.block_type for block in page.body] == ["paragraph"]
    assert public_view(page, "capybara") == NOWHERE

    published = succeeds(wt("api", "pages", "publish", str(page.pk), token=token))
    assert published["meta"]["first_published_at"]
    page.refresh_from_db()
    assert page.live
    assert public_view(page, "capybara") == EVERYWHERE
    listed = succeeds(wt("api", "pages", "list", "--type", "news.NewsArticlePage", token=token))
    assert page.pk in {item["id"] for item in listed["items"]}


def test_schedule_a_post(wt, admin_user, news_index, body_file):
    token = create_token(admin_user)
    go_live_at = timezone.now().replace(microsecond=0) + datetime.timedelta(days=1)

    created = succeeds(
        wt(
            *("api", "pages", "create", "news.NewsArticlePage", "--parent", "/news/"),
            *("--title", "Curbside compost tapir", "--field", f"body:@{body_file}"),
            *("--field", f"go_live_at:{go_live_at.isoformat()}", "--publish"),
            token=token,
        )
    )

    page = NewsArticlePage.objects.get(pk=created["id"])
    assert not page.live
    assert page.get_latest_revision().approved_go_live_at == go_live_at
    assert public_view(page, "tapir") == NOWHERE

    with mock.patch(
        "django.utils.timezone.now", return_value=go_live_at + datetime.timedelta(minutes=1)
    ):
        call_command("publish_scheduled", stdout=StringIO())
        assert public_view(page, "tapir") == EVERYWHERE


def test_editor_token_cannot_publish(wt, editor, news_index, body_file):
    token = create_token(editor)
    created = succeeds(
        wt(
            *("api", "pages", "create", "news.NewsArticlePage", "--parent", "/news/"),
            *("--title", "Editor draft", "--field", f"body:@{body_file}"),
            token=token,
        )
    )

    code, _, stderr = wt("api", "pages", "publish", str(created["id"]), token=token)

    assert code == 5  # wt's exit code for HTTP 403
    assert "Error (403)" in stderr
    assert not NewsArticlePage.objects.get(pk=created["id"]).live


def test_read_modify_write_of_a_body(wt, admin_user, media, tmp_path):
    """What `wt api pages get` prints, `wt api pages update` takes back (docs/api.md)."""
    token = create_token(admin_user)
    page = page_of_type("news.NewsArticlePage", media)
    before = stored(page, "body")

    read = succeeds(wt("api", "pages", "get", str(page.pk), token=token))
    body = [*read["body"], {"type": "heading", "value": {"text": "Added", "level": "h2"}}]
    body_file = tmp_path / "read-body.json"
    body_file.write_text(json.dumps(body))
    succeeds(
        wt("api", "pages", "update", str(page.pk), "--field", f"body:@{body_file}", "--yes",
           token=token)
    )  # fmt: skip

    assert stored(page, "body") == [*before, ("heading", {"text": "Added", "level": "h2"})]
