"""Several app servers: two gunicorns, two schedulers and a task worker on one PostgreSQL,
Redis and S3 bucket, all with the production settings, as docs/deployment.md draws them.

What one server publishes, the other shows at once; a rendition one server made is the
other's too; a post scheduled for a moment goes live once, whichever scheduler claims it.
"""

import datetime
import json
import os
import re
import subprocess
import sys
import urllib.request
import uuid

import pytest
from django.conf import settings
from django.db import connection
from django.utils import timezone
from wagtail.images import get_image_model
from wagtail.models import PageLogEntry

from news.models import NewsArticlePage, NewsIndexPage
from site_setup.skeleton import ensure_site
from tests.api.v3.clients import staff_user
from tests.home.factories import ImageFactory
from tests.mipcms.servers import Gunicorn, Service, database_url, get
from tests.mipcms.services import REDIS_TEST_URL, redis_or_skip
from tests.news.factories import NewsArticlePageFactory
from tests.polling import wait_for

pytestmark = [
    pytest.mark.skipif(connection.vendor != "postgresql", reason="several processes, one database"),
    pytest.mark.subprocess,
    pytest.mark.django_db(transaction=True, serialized_rollback=True),
]


@pytest.fixture
def production_env(s3_media, s3_bucket, tmp_path_factory):
    """The environment every process of the cluster shares: one .env, as on real servers."""
    redis_or_skip()
    static_root = tmp_path_factory.mktemp("static")
    env = {
        "DJANGO_SECRET_KEY": "scale-out-" + uuid.uuid4().hex * 2,
        "DJANGO_ALLOWED_HOSTS": "127.0.0.1",
        "DJANGO_SECURE_SSL_REDIRECT": "false",  # plain HTTP between the test and the servers
        "PUBLIC_BASE_URL": "http://127.0.0.1",
        "DATABASE_URL": database_url(),
        "REDIS_URL": REDIS_TEST_URL,
        "REDIS_KEY_PREFIX": f"scale-out-{uuid.uuid4().hex[:8]}",
        "STATIC_ROOT": str(static_root),
        "LOG_FORMAT": "text",
        **s3_bucket[2],
    }
    manage(env, "collectstatic", "--noinput", "-v0")
    return env


def manage(env, *arguments):
    """Run a management command as on one of the servers (its settings, its secret key)."""
    done = subprocess.run(  # noqa: S603
        [sys.executable, "manage.py", *arguments],
        cwd=settings.BASE_DIR,
        env={**os.environ, "DJANGO_SETTINGS_MODULE": "mipcms.settings.production", **env},
        capture_output=True,
        text=True,
        timeout=120,
    )
    assert done.returncode == 0, done.stderr
    return done.stdout


def request(server, method, path, token, body=None):
    """A v3 API call to one server, as a staff tool makes it: (status, JSON)."""
    data = None if body is None else json.dumps(body).encode()
    call = urllib.request.Request(  # noqa: S310
        server.url + path,
        data=data,
        method=method,
        headers={"Authorization": f"Bearer {token}", "Content-Type": "application/json"},
    )
    with urllib.request.urlopen(call, timeout=30) as response:  # noqa: S310
        return response.status, json.loads(response.read())


def shows(server, path, text):
    """Whether `path` on this server answers 200 with `text` in it."""
    status, _, body = get(server.url + path)
    return status == 200 and text.encode() in body


def bucket_keys(s3_bucket, prefix):
    client, bucket, _ = s3_bucket
    listing = client.list_objects_v2(Bucket=bucket, Prefix=prefix)
    return sorted(item["Key"] for item in listing.get("Contents", []))


def test_two_app_servers_two_schedulers_and_a_worker_act_as_one_site(
    tmp_path, production_env, s3_bucket, django_user_model
):
    home = ensure_site()
    news = NewsIndexPage.objects.get()
    staff_user(django_user_model, "moderator", "Moderators")
    made = manage(production_env, "api_tokens", "create", "--user", "moderator", "--name", "cms")
    token = made.split()[-1]
    image = ImageFactory(title="Rain garden on Elm Street")  # its original is in the bucket

    production = "mipcms.settings.production"
    a = Gunicorn(tmp_path / "a.log", production_env, workers=1, settings_module=production)
    b = Gunicorn(tmp_path / "b.log", production_env, workers=1, settings_module=production)
    services = [
        Service(tmp_path / f"{name}.log", [command], production_env, settings_module=production)
        for name, command in [
            ("scheduler-1", "run_scheduler"),
            ("scheduler-2", "run_scheduler"),
            ("worker", "run_worker"),
        ]
    ]
    try:
        for service in services:
            service.start()
        a.start(ready_path=news.url)
        b.start(ready_path=news.url)
        # Every process checks in: the scheduler, the task worker, storage, cache, database.
        ready = wait_for(lambda: get(b.url + "/health/ready")[0] == 200, 30)
        assert ready, get(b.url + "/health/ready")[2]

        # An editor publishes a draft through A: B shows it at once, on HTML and both APIs.
        page = NewsArticlePageFactory(
            parent=news, title="Stormwater fees, explained", listing_image=image, publish=False
        )
        assert get(b.url + f"/api/v2/pages/{page.pk}/")[0] == 404
        # Its image is embargoed: its file is private in the bucket until A publishes it.
        _, bucket, environ = s3_bucket
        original = f"{environ['MEDIA_S3_ENDPOINT_URL']}/{bucket}/{image.file.name}"
        assert get(original)[0] == 403
        status, _ = request(a, "POST", f"/api/v3/pages/{page.pk}/actions/publish/", token)
        assert status == 200
        assert get(original)[0] == 200
        page.refresh_from_db()
        assert page.live
        assert shows(b, news.url, "Stormwater fees, explained")

        # The listing's card image, made by B on that first request, is A's too: A serves
        # the same file from the bucket without making it again.
        renditions = get_image_model().get_rendition_model().objects.filter(image=image)
        made_by_b = bucket_keys(s3_bucket, "images/")
        urls = {rendition.url for rendition in renditions}
        assert urls and len(urls) == len(made_by_b)
        status, _, listing_a = get(a.url + news.url)
        shown_by_a = set(re.findall(r'https?://[^"\s]+/images/[^"\s,]+', listing_a.decode()))
        assert status == 200 and shown_by_a and shown_by_a <= urls
        assert bucket_keys(s3_bucket, "images/") == made_by_b
        assert {rendition.url for rendition in renditions} == urls
        assert all(get(url)[0] == 200 for url in urls)

        assert shows(b, page.url, "Stormwater fees, explained")
        assert shows(b, home.url, "Stormwater fees, explained")
        assert shows(b, f"/api/v2/pages/{page.pk}/", "Stormwater fees, explained")
        assert shows(b, "/api/v3/pages/?type=news.NewsArticlePage", "Stormwater fees, explained")

        # A change made through B is on A at once, cached chrome and listings included.
        status, _ = request(
            b,
            "PATCH",
            f"/api/v3/pages/{page.pk}/",
            token,
            {
                "meta": {"action": "publish"},
                "title": "Stormwater fees, explained again",
            },
        )
        assert status == 200
        for path in (page.url, news.url, home.url, f"/api/v2/pages/{page.pk}/"):
            assert shows(a, path, "Stormwater fees, explained again"), path

        # The worker updates the search index for both.
        assert wait_for(lambda: shows(b, "/search/?q=stormwater", page.url), 30), services[2].log()

        # A post scheduled through A a few seconds ahead goes live once, by itself.
        go_live_at = timezone.now() + datetime.timedelta(seconds=4)
        status, scheduled = request(
            a,
            "POST",
            "/api/v3/pages/",
            token,
            {
                "meta": {"type": "news.NewsArticlePage", "parent_id": news.pk, "action": "publish"},
                "title": "Cooling centres open at noon",
                "summary": "Libraries and recreation centres stay open late this week.",
                "go_live_at": go_live_at.isoformat(),
                "body": [{"type": "paragraph", "value": "<p>Bring water.</p>"}],
            },
        )
        assert status == 201, scheduled
        post = NewsArticlePage.objects.get(pk=scheduled["id"])
        assert not post.live and get(b.url + post.url)[0] == 404
        live = wait_for(lambda: shows(b, post.url, "Cooling centres open at noon"), 30)
        assert live, "\n".join(service.log()[-2000:] for service in services[:2])
        went_live = PageLogEntry.objects.filter(page=post, action="wagtail.publish.scheduled")
        assert went_live.count() == 1
        late = (went_live.get().timestamp - go_live_at).total_seconds()
        print(f"\nscale-out: the scheduled post went live {late:.2f} s after its time, once")
        assert shows(a, "/api/v2/pages/?type=news.NewsArticlePage", "Cooling centres open")
    finally:
        exits = [server.stop() for server in (a, b, *services)]
    assert exits == [0] * 5, "\n".join(s.log()[-2000:] for s in (a, b, *services))
