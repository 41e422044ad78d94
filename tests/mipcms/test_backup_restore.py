"""Back up a site, restore it into a fresh database and media folder, and serve it."""

import re
import subprocess
import sys

import psycopg
import pytest
from django.conf import settings
from django.core.management import CommandError, call_command
from django.db import connection
from django.test import Client

from site_setup.skeleton import ensure_site
from tests.home.factories import DocumentFactory, ImageFactory
from tests.mipcms.servers import Gunicorn, database_url, get
from tests.news.factories import NewsArticlePageFactory
from tests.research.factories import ResearchReportDownloadFactory, ResearchReportPageFactory

pytestmark = [
    pytest.mark.skipif(connection.vendor != "postgresql", reason="pg_dump and pg_restore"),
    pytest.mark.subprocess,
    pytest.mark.django_db(transaction=True, serialized_rollback=True),
]

PDF = b"%PDF-1.4\n% water affordability, full report\n%%EOF\n"


@pytest.fixture
def fresh_database():
    """An empty database beside the test database, dropped afterwards: its name."""
    name = f"{connection.settings_dict['NAME']}_restored"
    admin = psycopg.connect(database_url(name="postgres"), autocommit=True)
    admin.execute(f'DROP DATABASE IF EXISTS "{name}"')
    admin.execute(f'CREATE DATABASE "{name}"')
    yield name
    admin.execute(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')
    admin.close()


def manage(*arguments, env):
    return subprocess.run(  # noqa: S603
        [sys.executable, "manage.py", *arguments],
        cwd=settings.BASE_DIR,
        env=env,
        capture_output=True,
        text=True,
        timeout=300,
    )


def test_a_backup_restored_into_a_fresh_database_serves_the_same_site(tmp_path, fresh_database):
    home = ensure_site()
    news = home.get_children().get(slug="news").specific
    article = NewsArticlePageFactory(
        parent=news, title="Lead pipes, block by block", listing_image=ImageFactory()
    )
    report = ResearchReportPageFactory(parent=home.get_children().get(slug="research").specific)
    download = ResearchReportDownloadFactory(
        page=report, document=DocumentFactory(file__filename="full-report.pdf", file__data=PDF)
    )
    listing = Client().get(news.url).content.decode()  # makes the card's rendition
    rendition = article.listing_image.renditions.get()
    assert rendition.url in listing

    call_command("backup", str(tmp_path / "backup"))

    media = tmp_path / "restored-media"
    env = {
        "PATH": settings.BASE_DIR.joinpath(".venv/bin").as_posix() + ":/usr/bin:/bin",
        # Development settings: they take MEDIA_ROOT from the environment and serve /media/.
        "DJANGO_SETTINGS_MODULE": "mipcms.settings.dev",
        "DATABASE_URL": database_url(name=fresh_database),
        "MEDIA_ROOT": str(media),
    }
    restored = manage("restore", str(tmp_path / "backup"), env=env)
    assert restored.returncode == 0, restored.stderr
    assert "set STAGING=true" in restored.stdout
    # Restoring over a database that holds a site is refused without --force.
    with pytest.raises(CommandError, match="is not empty"):
        call_command("restore", str(tmp_path / "backup"))

    with Gunicorn(
        tmp_path / "gunicorn.log", env=env, workers=1, settings_module=env["DJANGO_SETTINGS_MODULE"]
    ) as server:
        status, _, body = get(server.url + article.url)
        assert status == 200
        assert b"Lead pipes, block by block" in body
        status, _, body = get(server.url + news.url)
        assert status == 200
        # The same rendition, from the restored row and the restored file: none made anew.
        src = re.search(r'src="(/media/images/[^"]+)"', body.decode()).group(1)
        assert src == rendition.url
        assert get(server.url + src)[2] == rendition.file.read()
        assert media.joinpath(rendition.file.name).exists()
        status, _, body = get(server.url + download.document.url)
        assert status == 200
        assert body == PDF
