"""`make bench`: server time and SQL queries of the main pages and API calls, on the demo content.

Run after `make run` has loaded the demo (or any database with content). Prints, for each
URL, the median and best of N warm requests through Django's test client (no network,
DEBUG off) and the number of SQL queries. Not a test: numbers to compare between changes.
"""

import os
import statistics
import sys
import time

import django

URLS = [
    "/",
    "/news/",
    "/news/?page=2",
    "/news/?topic=housing",
    "/research/",
    "/events/",
    "/events/?when=past",
    "/cohorts/",
    "/about/",
    "/search/?q=water",
    "/api/v2/pages/",
    "/api/v2/pages/?type=news.NewsArticlePage&fields=*",
    "/api/v2/pages/?type=research.ResearchReportPage&fields=*",
    "/api/v2/pages/?type=events.EventPage&fields=*&when=upcoming",
    "/api/v2/pages/?type=news.NewsArticlePage&topic=water&search=lead",
    "/api/v2/images/",
    "/api/v2/documents/",
    "/api/v3/pages/?limit=20",
]
ROUNDS = int(os.environ.get("BENCH_ROUNDS", "20"))


def main():
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "mipcms.settings.dev")
    django.setup()
    from django.conf import settings
    from django.db import connection
    from django.test import Client
    from django.test.utils import CaptureQueriesContext, setup_test_environment
    from wagtail.models import Page

    settings.DEBUG = False
    setup_test_environment()  # lets the test client run against this database
    client = Client(HTTP_HOST="127.0.0.1")
    detail = Page.objects.live().filter(depth=4).order_by("-last_published_at").first()
    urls = URLS + ([detail.url, f"/api/v2/pages/{detail.pk}/"] if detail else [])
    print(f"{'url':60} {'status':>6} {'median ms':>10} {'best ms':>8} {'queries':>8}")
    for url in urls:
        response = client.get(url)  # warm: renditions, caches
        timings = []
        for _ in range(ROUNDS):
            start = time.perf_counter()
            response = client.get(url)
            timings.append((time.perf_counter() - start) * 1000)
        with CaptureQueriesContext(connection) as queries:
            client.get(url)
        print(
            f"{url[:60]:60} {response.status_code:>6} {statistics.median(timings):>10.1f}"
            f" {min(timings):>8.1f} {len(queries):>8}"
        )
    return 0


if __name__ == "__main__":
    sys.exit(main())
