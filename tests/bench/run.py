"""`make bench`: how fast the site is, as a share of a hello-world view on the same server.

Serves the site the way production does (gunicorn with 2 workers, the production settings,
PostgreSQL, Redis, DEBUG off) with a hello-world view added in a settings overlay outside the
project, and times every path with wrk against that view in the same rounds
(tests/bench/http_bench.py, the harness behind the issues' figures). Two servers: one as
deployed (page cache and API item cache on), one with both caches off, which is what the
first request after a publish costs. Absolute req/s on a busy 2-core machine mean little;
the share of hello is what to compare.

    make bench                                  demo content, both servers
    BENCH_BASELINE=/path/to/other/checkout      also serve that checkout (its own .venv) on
                                                the same database, for a before/after table
    BENCH_SCALE=50000                           also the 1,000 and N article sites
    BENCH_DEMO=0                                only the scale sites
    BENCH_ROUNDS, BENCH_SECONDS                 wrk rounds and seconds per run (2, 5)

Databases are created on BENCH_DATABASE_URL's server (default the local PostgreSQL) and kept
between runs: mipcms_bench, mipcms_bench_1000, mipcms_bench_<N>.
"""

import json
import os
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
import urllib.error
import urllib.request
from contextlib import ExitStack, contextmanager
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
HELLO = "/bench-hello/"
SERVER = os.environ.get("BENCH_DATABASE_URL", "postgres://postgres@127.0.0.1:5432/")
ROUNDS = int(os.environ.get("BENCH_ROUNDS", "2"))
SECONDS = int(os.environ.get("BENCH_SECONDS", "5"))

OVERLAY_SETTINGS = """
import os
from mipcms.settings.production import *  # noqa: F403

ROOT_URLCONF = "mipcms_bench_urls"
# The hello view is the floor: nothing of the page cache runs for it.
PAGE_CACHE_EXCLUDED_PATHS = ("/bench-hello/",)
"""
OVERLAY_URLS = """
from django.http import HttpResponse
from django.urls import path

from mipcms import urls as site_urls


def hello(request):
    return HttpResponse(b"Hello, world\\n")


urlpatterns = [path("bench-hello/", hello), *site_urls.urlpatterns]
handler500 = getattr(site_urls, "handler500", "django.views.defaults.server_error")
"""


def database_url(name):
    return SERVER.rstrip("/") + "/" + name


def ensure_database(name):
    """Create the PostgreSQL database `name` unless it exists."""
    import psycopg

    with psycopg.connect(database_url("postgres"), autocommit=True) as connection:
        exists = connection.execute("SELECT 1 FROM pg_database WHERE datname = %s", [name])
        if not exists.fetchone():
            connection.execute(f'CREATE DATABASE "{name}"')


def environment(checkout, overlay, database, port, cached):
    """The environment of a production server of `checkout` on `port`."""
    return {
        **os.environ,
        "DJANGO_SETTINGS_MODULE": "mipcms_bench_settings",
        "PYTHONPATH": f"{overlay}:{checkout}",
        "DJANGO_SECRET_KEY": "bench-only-not-a-secret-" + "x" * 40,
        "DJANGO_ALLOWED_HOSTS": "127.0.0.1,localhost",
        "DATABASE_URL": database_url(database),
        "PUBLIC_BASE_URL": f"http://127.0.0.1:{port}",
        "DJANGO_SECURE_SSL_REDIRECT": "false",
        "REDIS_URL": "redis://127.0.0.1:6379/0",
        "REDIS_KEY_PREFIX": f"mipcms-bench-{port}",
        "PAGE_CACHE_SECONDS": "300" if cached else "0",
        "API_ITEM_CACHE_SECONDS": "3600" if cached else "0",
        "MEDIA_ROOT": str(Path(tempfile.gettempdir()) / "mipcms-bench-media"),
        "STATIC_ROOT": str(Path(checkout) / "static_collected"),
        "WEB_CONCURRENCY": "2",
        "GUNICORN_TIMEOUT": "120",
    }


def python_of(checkout):
    return str(Path(checkout) / ".venv" / "bin" / "python")


def manage(env, checkout, *args):
    subprocess.run([python_of(checkout), "manage.py", *args], cwd=checkout, env=env, check=True)


def prepare(database, overlay, articles=0):
    """Migrate, set up the site and the demo content (and `articles` more) once."""
    ensure_database(database)
    env = {**environment(ROOT, overlay, database, 0, cached=False), "LOG_LEVEL": "WARNING"}
    manage(env, ROOT, "collectstatic", "--noinput", "-v0")
    manage(env, ROOT, "migrate", "--noinput", "-v0")
    manage(env, ROOT, "setup_site")
    manage(env, ROOT, "load_demo")
    missing = articles - json.loads(in_django(overlay, database, "tests.bench.paths", "articles"))
    if missing > 0:  # kept between runs: only what is missing is added
        manage(env, ROOT, "seed_scale", "--articles", str(missing))


@contextmanager
def server(checkout, overlay, database, port, cached, log_dir):
    """A gunicorn of `checkout` on `port` until the block ends."""
    env = environment(checkout, overlay, database, port, cached)
    manage(env, checkout, "collectstatic", "--noinput", "-v0")
    log = open(Path(log_dir) / f"server-{port}.log", "w")  # noqa: SIM115 (closed below)
    gunicorn = str(Path(checkout) / ".venv" / "bin" / "gunicorn")
    process = subprocess.Popen(
        [
            gunicorn,
            "mipcms.wsgi",
            "--config",
            "python:mipcms.gunicorn_conf",
            "--bind",
            f"127.0.0.1:{port}",
            # No worker replaced mid-run (a baseline's config may replace them every
            # thousand requests, which would time its restarts, not its pages).
            "--max-requests",
            "0",
        ],
        cwd=checkout,
        env=env,
        stdout=log,
        stderr=subprocess.STDOUT,
    )
    try:
        deadline = time.monotonic() + 60
        while True:
            try:
                urllib.request.urlopen(f"http://127.0.0.1:{port}{HELLO}", timeout=5).read()
                break
            except (urllib.error.URLError, ConnectionError):
                if process.poll() is not None or time.monotonic() > deadline:
                    sys.exit(f"the server on port {port} did not start: see {log.name}")
                time.sleep(0.5)
        yield f"http://127.0.0.1:{port}"
    finally:
        process.terminate()
        process.wait(30)
        log.close()


def wrk_runs(base, paths, log_dir, name):
    """http_bench.py's records for `paths` against `base`, with the hello view first."""
    out = Path(log_dir) / f"{name}.json"
    subprocess.run(
        [
            sys.executable,
            str(Path(__file__).with_name("http_bench.py")),
            "-n",
            str(ROUNDS),
            "-d",
            str(SECONDS),
            "--settle",
            "10",
            "--max-bg",
            "50",
            "--hello",
            HELLO,
            "--json",
            str(out),
            base,
            *paths,
        ],
        check=True,
        stdout=subprocess.DEVNULL,
    )
    return json.loads(out.read_text())["runs"]


def shares(runs):
    """Per path: (median req/s, p50 ms, p99 ms, median share of hello in the same round)."""
    hello = {record["round"]: record["rps"] for record in runs[HELLO]}
    table = {}
    for path, records in runs.items():
        table[path] = (
            statistics.median(r["rps"] for r in records),
            statistics.median(r["p50_us"] for r in records) / 1000,
            statistics.median(r["p99_us"] for r in records) / 1000,
            statistics.median(r["rps"] / hello[r["round"]] for r in records),
            sum(r["errors"] for r in records),
        )
    return table


def query_counts(overlay, database, paths):
    """SQL queries of a warm request of each path, caches off (tests/bench/queries.py)."""
    return json.loads(in_django(overlay, database, "tests.bench.queries", *paths))


def in_django(overlay, database, module, *args):
    """The last line `python -m module args` prints, with the bench's settings."""
    env = {**environment(ROOT, overlay, database, 0, cached=False), "LOG_LEVEL": "WARNING"}
    result = subprocess.run(
        [python_of(ROOT), "-m", module, *args],
        cwd=ROOT,
        env=env,
        capture_output=True,
        text=True,
    )
    if result.returncode:
        sys.exit(f"{module} failed:\n{result.stderr[-3000:]}")
    return result.stdout.strip().splitlines()[-1]


def demo_paths(overlay, database):
    return json.loads(in_django(overlay, database, "tests.bench.paths"))


def print_table(title, rows, columns):
    print(f"\n## {title}")
    widths = [max(len(str(row[i])) for row in [columns, *rows]) for i in range(len(columns))]
    for row in [columns, *rows]:
        print("  ".join(str(cell).ljust(width) for cell, width in zip(row, widths, strict=True)))


def percent(share):
    return f"{100 * share:.2f}%"


def bench_demo(overlay, log_dir, baseline):
    database = "mipcms_bench"
    prepare(database, overlay)
    labelled = demo_paths(overlay, database)
    paths = [path for _, path in labelled]
    queries = query_counts(overlay, database, paths)
    results = {}
    with ExitStack() as stack:
        servers = {
            "cached": stack.enter_context(server(ROOT, overlay, database, 8101, True, log_dir)),
            "uncached": stack.enter_context(server(ROOT, overlay, database, 8102, False, log_dir)),
        }
        if baseline:
            servers["baseline"] = stack.enter_context(
                server(baseline, overlay, database, 8103, False, log_dir)
            )
        for name, base in servers.items():
            results[name] = shares(wrk_runs(base, paths, log_dir, name))
    columns = ["path", "what", "queries", "cached req/s", "p50 ms", "% of hello"]
    columns += ["uncached req/s", "p50 ms", "% of hello"]
    if baseline:
        columns += ["baseline % of hello", "uncached / baseline"]
    rows = [["/bench-hello/", "hello world", 0, *hello_cells(results)]]
    for label, path in labelled:
        row = [path[:60], label, queries[path]]
        for name in ("cached", "uncached"):
            rps, p50, _, share, errors = results[name][path]
            row += [f"{rps:.0f}" + (f" ({errors} errors)" if errors else ""), f"{p50:.1f}"]
            row += [percent(share)]
        if baseline:
            base_share = results["baseline"][path][3]
            row += [percent(base_share), f"{results['uncached'][path][3] / base_share:.2f}x"]
        rows.append(row)
    print_table(f"Demo site: {ROUNDS} rounds x {SECONDS} s of wrk per path, medians", rows, columns)


def hello_cells(results):
    cells = []
    for name in ("cached", "uncached"):
        rps, p50, _, _, _ = results[name][HELLO]
        cells += [f"{rps:.0f}", f"{p50:.1f}", "100%"]
    if "baseline" in results:
        cells += ["100%", ""]
    return cells


def bench_scale(overlay, log_dir, articles):
    from tests.bench.paths import SCALE_PATHS

    results = {}
    queries = {}
    for count in (1000, articles):
        database = f"mipcms_bench_{count}"
        prepare(database, overlay, articles=count)
        queries[count] = query_counts(overlay, database, SCALE_PATHS)
        with server(ROOT, overlay, database, 8104, False, log_dir) as base:
            results[count] = shares(wrk_runs(base, SCALE_PATHS, log_dir, f"scale-{count}"))
    columns = ["path", "queries 1k", f"queries {articles}", "p50 ms 1k", f"p50 ms {articles}"]
    columns += ["% of hello 1k", f"% of hello {articles}", "time ratio"]
    rows = []
    for path in SCALE_PATHS:
        small, large = results[1000][path], results[articles][path]
        rows.append(
            [
                path[:60],
                queries[1000][path],
                queries[articles][path],
                f"{small[1]:.1f}",
                f"{large[1]:.1f}",
                percent(small[3]),
                percent(large[3]),
                f"{small[3] / large[3]:.2f}x",  # time per request, large over small
            ]
        )
    print_table(
        f"Scale, caches off: 1,000 and {articles:,} articles ('time ratio' should be <= 1.5)",
        rows,
        columns,
    )


def main():
    if not shutil.which("wrk"):
        sys.exit("wrk is not installed: run `make bench-deps` (apt-get install wrk).")
    baseline = os.environ.get("BENCH_BASELINE")
    articles = int(os.environ.get("BENCH_SCALE", "0"))
    with tempfile.TemporaryDirectory(prefix="mipcms-bench-") as overlay:
        Path(overlay, "mipcms_bench_settings.py").write_text(OVERLAY_SETTINGS)
        Path(overlay, "mipcms_bench_urls.py").write_text(OVERLAY_URLS)
        log_dir = Path(tempfile.gettempdir()) / "mipcms-bench-logs"
        log_dir.mkdir(exist_ok=True)
        if os.environ.get("BENCH_DEMO", "1") != "0":
            bench_demo(overlay, log_dir, baseline)
        if articles:
            bench_scale(overlay, log_dir, articles)
        print(f"\nServer logs and raw wrk runs: {log_dir}")


if __name__ == "__main__":
    main()
