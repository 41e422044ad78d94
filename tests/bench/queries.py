"""SQL queries of a warm request of each path given, through the full middleware (DEBUG off).

`python -m tests.bench.queries PATH...` with the bench's settings; prints {path: queries} as
JSON on its last line. Caches are as the environment sets them (make bench: off).
"""

import json
import sys

import django


def count(paths):
    from django.conf import settings
    from django.db import connection
    from django.test import Client
    from django.test.utils import CaptureQueriesContext, setup_test_environment

    setup_test_environment()  # lets the test client run against this database
    settings.ALLOWED_HOSTS = [*settings.ALLOWED_HOSTS, "testserver"]
    client = Client(HTTP_HOST="127.0.0.1")
    counts = {}
    for path in paths:
        response = client.get(path)  # warm: renditions, what is computed once per version
        if response.status_code != 200:
            raise SystemExit(f"{path} answered {response.status_code}")
        with CaptureQueriesContext(connection) as queries:
            client.get(path)
        counts[path] = len(queries)
    return counts


if __name__ == "__main__":
    django.setup()
    print(json.dumps(count(sys.argv[1:])))
