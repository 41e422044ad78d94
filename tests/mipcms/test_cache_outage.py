"""With Redis refusing or hanging, visitors and API clients are served from the database, fast.

The production cache settings (mipcms.cache.redis_cache_settings) point at a TCP proxy in
front of the shared Redis; the test breaks the proxy, never Redis, between rounds of
requests to every public page type and both APIs.
"""

import itertools
import logging
import time
import uuid

import pytest
from django.core.cache import cache, caches
from django.test import Client, override_settings

from mipcms.cache import outages, redis_cache_settings
from site_setup.skeleton import ensure_site
from tests.events.factories import EventPageFactory
from tests.home.factories import DocumentFactory, ImageFactory, StandardPageFactory
from tests.mipcms.services import redis_or_skip
from tests.news.factories import NewsArticlePageFactory
from tests.outage import TCPProxy
from tests.research.factories import ResearchReportDownloadFactory, ResearchReportPageFactory

# What production uses (REDIS_TIMEOUT_SECONDS) and how long a failed Redis is skipped.
TIMEOUT = 0.25
RETRY_SECONDS = 1.0
# What Redis being away may add to a request: on an idle server a page answers in well
# under a second; under the test suite's load each request is compared with the same
# address while Redis answers, so a busy machine does not pass for a slow cache.
LONGEST_DELAY = 0.75


@pytest.fixture
def redis_proxy():
    host, port = redis_or_skip()
    with TCPProxy(host, port) as proxy:
        yield proxy


@pytest.fixture
def site_urls(db):
    """Every kind of public page, the search, feeds and sitemap, and both APIs' listings and
    details, on a site whose pages carry images and a document."""
    home = ensure_site()
    news = home.get_children().get(slug="news").specific
    research = home.get_children().get(slug="research").specific
    events = home.get_children().get(slug="events").specific
    article = NewsArticlePageFactory(parent=news, listing_image=ImageFactory())
    report = ResearchReportPageFactory(parent=research, listing_image=ImageFactory())
    ResearchReportDownloadFactory(page=report, document=DocumentFactory())
    event = EventPageFactory(parent=events)
    standard = StandardPageFactory(parent=home)
    pages = [home, news, article, research, report, events, event, standard]
    return [
        *(page.url for page in pages),
        "/search/?q=water",
        "/news/feed/rss/",
        "/sitemap.xml",
        "/api/v2/pages/",
        "/api/v2/pages/?type=news.NewsArticlePage&fields=*",
        f"/api/v2/pages/{article.pk}/",
        "/api/v2/images/",
        "/api/v2/documents/",
        "/api/v3/pages/",
        f"/api/v3/pages/{report.pk}/",
    ]


def test_pages_and_apis_answer_fast_while_redis_refuses_or_hangs(redis_proxy, site_urls, caplog):
    prefix = f"mipcms-test-{uuid.uuid4().hex}"
    caches = redis_cache_settings(
        f"redis://127.0.0.1:{redis_proxy.port}/0",
        key_prefix=prefix,
        timeout=TIMEOUT,
        retry_seconds=RETRY_SECONDS,
    )
    client = Client()
    results = []  # (phase, url, status, seconds)

    def round_of_requests(phase, urls=site_urls):
        for url in urls:
            started = time.perf_counter()
            try:
                status = client.get(url).status_code
            except Exception as error:  # an error a visitor would see
                status = repr(error)
            results.append((phase, url, status, time.perf_counter() - started))

    caplog.set_level(logging.WARNING, logger="mipcms.cache")
    with override_settings(CACHES=caches):
        try:
            round_of_requests("up")
            assert cache.get("mipcms-probe") is None
            cache.set("mipcms-probe", "stored")
            assert cache.get("mipcms-probe") == "stored", "the cache works through the proxy"

            # Mid-run: pooled connections are open. Redis stops answering on them, and
            # accepts new ones without ever answering.
            redis_proxy.hang()
            round_of_requests("hang")
            assert cache.get("mipcms-probe") is None
            # Once the breaker lets the cache be tried again, it still hangs.
            retry_at = time.monotonic() + RETRY_SECONDS
            while time.monotonic() < retry_at:
                round_of_requests("hang, retried")

            # Redis goes away altogether: open connections dropped, new ones refused.
            redis_proxy.refuse()
            round_of_requests("refused")
            retry_at = time.monotonic() + RETRY_SECONDS
            while time.monotonic() < retry_at:
                round_of_requests("refused, retried")

            # Redis is back: the cache is used again after at most one retry interval.
            redis_proxy.resume()
            back = time.monotonic()
            for url in itertools.cycle(site_urls):
                if cache.get("mipcms-probe") == "stored" or time.monotonic() > back + 5:
                    break
                round_of_requests("recovering", [url])
            recovery = time.monotonic() - back
            assert cache.get("mipcms-probe") == "stored", "the cache is used again"
            round_of_requests("back")
        finally:
            cache.clear()  # this run's keys only (the prefix), never the shared database
            outages.reset(caches["default"]["LOCATION"])

    errors = [(phase, url, status) for phase, url, status, _ in results if status != 200]
    healthy = {}
    for phase, url, _, seconds in results:
        if phase in {"up", "back"}:
            healthy[url] = min(healthy.get(url, seconds), seconds)
    slow = [
        (phase, url, round(seconds, 2), round(healthy[url], 2))
        for phase, url, _, seconds in results
        if seconds > healthy[url] + LONGEST_DELAY
    ]
    phases = list(dict.fromkeys(phase for phase, *_ in results))
    print(f"\ncache outage: {len(results)} requests, {len(errors)} errors")
    for phase in phases:
        times = [s for p, *_, s in results if p == phase]
        print(f"  {phase}: {len(times)} requests, slowest {max(times):.3f} s")
    print(f"  cache used again {recovery:.2f} s after Redis returned")
    assert errors == []
    assert slow == []
    assert {"hang", "hang, retried", "refused", "refused, retried", "back"} <= set(phases)
    assert recovery <= RETRY_SECONDS + 0.5
    # The outages were logged: once per outage, not once per cache call.
    warnings = [r.getMessage() for r in caplog.records if r.name == "mipcms.cache"]
    assert any("Redis cache unreachable" in message for message in warnings)
    assert len(warnings) < len(results) / 4, warnings


def test_clear_deletes_only_this_sites_keys(db):
    """cache.clear() (Wagtail and our tests call it) must not flush a shared Redis."""
    host, port = redis_or_skip()
    url = f"redis://{host}:{port}/0"
    ours = redis_cache_settings(url, key_prefix=f"mipcms-test-{uuid.uuid4().hex}")
    theirs = redis_cache_settings(url, key_prefix=f"mipcms-test-{uuid.uuid4().hex}")
    with override_settings(CACHES={"default": ours["default"], "other": theirs["default"]}):
        other = caches["other"]
        try:
            cache.set_many({f"key-{n}": n for n in range(1200)})
            other.set("neighbour", "still here")
            cache.clear()
            assert cache.get_many(["key-0", "key-1199"]) == {}
            assert other.get("neighbour") == "still here"
        finally:
            other.clear()
