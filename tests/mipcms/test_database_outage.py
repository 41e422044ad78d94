"""PostgreSQL away for 10 s under load: 503s that say so (HTML and JSON), no 500, recovery.

gunicorn with two workers serves the test database through a TCP proxy; client threads
keep requesting pages, both APIs and the admin while the test refuses the proxy for ten
seconds, then lets it through again and times how long until every answer is a 200.
"""

import json
import threading
import time
from collections import Counter

import pytest
from django.db import connection

from site_setup.skeleton import ensure_site
from tests.mipcms.servers import Gunicorn, database_url, get
from tests.news.factories import NewsArticlePageFactory
from tests.outage import TCPProxy

pytestmark = [
    pytest.mark.skipif(connection.vendor != "postgresql", reason="a PostgreSQL outage"),
    pytest.mark.subprocess,
    pytest.mark.django_db(transaction=True, serialized_rollback=True),
]

OUTAGE_SECONDS = 10
CLIENTS = 3
RECOVERY_DEADLINE = 20


class Load:
    """Client threads requesting the paths in turn until stopped; every answer recorded."""

    def __init__(self, base_url, paths):
        self.base_url = base_url
        self.paths = paths
        self.results = []  # (started, finished, path, status, headers, body)
        self._stop = threading.Event()
        self._lock = threading.Lock()
        self._threads = [
            threading.Thread(target=self._run, args=(n,), daemon=True) for n in range(CLIENTS)
        ]

    def _run(self, offset):
        n = offset
        while not self._stop.is_set():
            path = self.paths[n % len(self.paths)]
            n += 1
            started = time.monotonic()
            try:
                status, headers, body = get(self.base_url + path, timeout=10)
            except OSError as error:  # no answer at all: as bad as a 500
                status, headers, body = repr(error), {}, b""
            with self._lock:
                self.results.append((started, time.monotonic(), path, status, headers, body))

    def __enter__(self):
        for thread in self._threads:
            thread.start()
        return self

    def __exit__(self, *exc_info):
        self._stop.set()
        for thread in self._threads:
            thread.join(timeout=15)

    def answers_since(self, moment):
        with self._lock:
            return [r for r in self.results if r[0] >= moment]


def test_pages_and_apis_answer_503_while_postgresql_is_away_and_recover(tmp_path):
    home = ensure_site()
    article = NewsArticlePageFactory(parent=home.get_children().get(slug="news").specific)
    paths = [
        "/",
        article.url,
        "/news/",
        "/api/v2/pages/",
        f"/api/v2/pages/{article.pk}/",
        "/api/v3/pages/",
        "/admin/login/",
    ]
    proxy = TCPProxy(connection.settings_dict["HOST"] or "127.0.0.1", 5432).start()
    server = Gunicorn(
        tmp_path / "gunicorn.log",
        env={"DATABASE_URL": database_url(port=proxy.port), "DATABASE_CONN_MAX_AGE": "60"},
    )
    try:
        server.start(ready_path=article.url)
        with Load(server.url, paths) as load:
            # Steady load on a healthy site until every path has answered.
            ready = time.monotonic() + 30
            while time.monotonic() < ready and {r[2] for r in load.results} != set(paths):
                time.sleep(0.05)

            down = time.monotonic()
            proxy.refuse()
            time.sleep(OUTAGE_SECONDS)  # the outage itself; the clients keep asking
            proxy.resume()
            back = time.monotonic()

            # Recovered: every path has answered 200 twice in a row, with nothing but
            # 200s since the first of those.
            def recovered_at():
                since = sorted(load.answers_since(back))
                for i, first in enumerate(since):
                    later = since[i:]
                    if all(r[3] == 200 for r in later) and all(
                        sum(r[2] == path for r in later) >= 2 for path in paths
                    ):
                        return first[0]
                return None

            while recovered_at() is None and time.monotonic() < back + RECOVERY_DEADLINE:
                time.sleep(0.1)
            recovered = recovered_at()
        exit_code = server.stop()
    finally:
        server.stop()
        proxy.stop()

    results = load.results
    statuses = Counter(r[3] for r in results)
    during = [r for r in results if down + 0.5 <= r[0] and r[1] <= back]
    fivexx = Counter(r[3] for r in results if not isinstance(r[3], int) or r[3] >= 500)
    recovery = None if recovered is None else round(recovered - back, 2)
    print(
        f"\ndatabase outage: {len(results)} requests ({len(during)} during the outage), "
        f"statuses {dict(statuses)}, 5xx {dict(fivexx)}, recovered {recovery} s after "
        "PostgreSQL returned"
    )

    assert statuses[500] == 0, server.log()[-3000:]
    assert set(fivexx) <= {503}, fivexx
    assert exit_code == 0, server.log()[-3000:]
    # The outage was real, and while it lasted every path said so, unless the answer came
    # from the cache, which needs no database (an API answer kept for its address).
    assert during
    assert {r[2] for r in during} == set(paths)
    for _, _, path, status, headers, body in during:
        if status == 200 and "hit" in (headers.get("X-Page-Cache"), headers.get("X-API-Cache")):
            continue
        assert status == 503, (path, status)
        assert headers["Retry-After"].isdigit()
        assert "no-store" in headers["Cache-Control"]
        if path.startswith("/api/"):
            assert headers["Content-Type"] == "application/json"
            assert "database" in json.loads(body)["message"]
        else:
            assert headers["Content-Type"].startswith("text/html")
            assert b"back shortly" in body
    # Recovery without a restart, within a few seconds.
    assert recovery is not None, server.log()[-3000:]
    assert recovery < 5
