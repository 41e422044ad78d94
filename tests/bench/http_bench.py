#!/usr/bin/env python3
# Copied from the shared bench harness (../shared/bench/http_bench.py) that took the
# figures in the issues, so make bench measures the same way; only formatted since.
"""http_bench.py - interleaved HTTP throughput/latency bench against a hello-world floor.

What it does
  For ROUNDS rounds, runs `wrk` once against a reference URL (a trivial
  "hello world" view served by the same server process) and once against each
  PATH, in an order rotated every round, so slow drift of a noisy machine hits
  every endpoint alike. Per endpoint it prints the MEDIAN over rounds of:
    req/s, p50 and p99 latency (ms, from wrk's own histogram),
    % of hello = endpoint req/s / hello req/s measured in the SAME round
                 (and hello/x, its inverse: "how many times slower"),
  plus the req/s min-max spread and any errors (non-2xx/3xx, socket errors).
  Before timing, every URL is fetched --warmup times and must answer 2xx/3xx
  (this also fills lazy caches, e.g. image renditions).

Requirements
  Python 3.8+ (stdlib only) and wrk 4.x on PATH (Debian: apt-get install wrk).
  Only point it at servers you run yourself on loopback.

Usage
  http_bench.py [options] BASE_URL PATH [PATH ...]
    --hello PATH      reference path/URL (default /hello/)
    -n ROUNDS         rounds (default 3)          -d SECONDS  wrk duration (default 15)
    -c CONNS          wrk connections (default 8) -t THREADS  wrk threads (default 2)
    --timeout S       wrk per-request timeout (default 10)
    --warmup N        un-timed GETs per URL first (default 3)
    --markdown        print the table as Markdown
    --json FILE       also write every raw run as JSON
    --from-json FILE  only re-print the table of a saved --json file
    --max-bg PCT      before each run, wait until whole-machine CPU busy is
    --settle S        <= PCT % (default 20) in a 1 s sample, for at most S s
                      (default 90); runs that started busier are flagged
                      (Linux /proc/stat; slow endpoints leave a server backlog)
  Example:
    bench/http_bench.py -n 3 -d 15 http://127.0.0.1:8000 / /blog/ \
        '/api/v2/pages/?type=blog.BlogPage&fields=*&limit=20'

Notes
  wrk is closed-loop: p99 is latency under -c concurrent clients, queueing
  included, not an open-loop SLO figure. On a 2-core box wrk itself uses CPU;
  compare ratios (same conditions) rather than absolute req/s across machines.
"""

import argparse
import json
import os
import statistics
import subprocess
import sys
import tempfile
import time
import urllib.error
import urllib.request
from urllib.parse import urljoin

LUA = r"""
done = function(summary, latency, requests)
  local e = summary.errors
  io.write(string.format(
    'BENCHJSON {"requests":%d,"duration_us":%d,"bytes":%d,"connect":%d,"read":%d,' ..
    '"write":%d,"status":%d,"timeout":%d,"p50_us":%.0f,"p90_us":%.0f,"p99_us":%.0f,' ..
    '"max_us":%.0f,"mean_us":%.1f}\n',
    summary.requests, summary.duration, summary.bytes, e.connect, e.read, e.write,
    e.status, e.timeout, latency:percentile(50), latency:percentile(90),
    latency:percentile(99), latency.max, latency.mean))
end
"""


def full_url(base, path):
    return path if "://" in path else urljoin(base.rstrip("/") + "/", path.lstrip("/"))


def warm(url, n):
    for _ in range(n):
        try:
            with urllib.request.urlopen(url, timeout=120) as r:
                r.read()
                code = r.status
        except urllib.error.HTTPError as exc:
            code = exc.code
        if code >= 400:
            sys.exit(f"warm-up: {url} answered HTTP {code}; fix the URL or the server first")


def busy_pct(seconds=1.0):
    """Whole-machine CPU busy % over `seconds` just before a run (Linux /proc/stat).
    Nothing of ours runs then, so a high value means someone else is using the box."""

    def snap():
        with open("/proc/stat") as f:
            v = [int(x) for x in f.readline().split()[1:]]
        return sum(v), v[3] + v[4]  # total, idle + iowait

    try:
        t1, i1 = snap()
        time.sleep(seconds)
        t2, i2 = snap()
        return 100.0 * (1 - (i2 - i1) / max(t2 - t1, 1))
    except OSError:
        return float("nan")


def settle(args):
    """Wait (at most --settle s) until the box is quiet: a slow endpoint leaves a
    backlog of queued requests in the server after wrk stops, and that backlog
    must not be billed to the next endpoint."""
    t0 = time.monotonic()
    while True:
        bg = busy_pct()
        if bg <= args.max_bg or time.monotonic() - t0 >= args.settle:
            return bg, time.monotonic() - t0


def run_wrk(url, args, lua_path):
    cmd = [
        "wrk",
        f"-t{args.threads}",
        f"-c{args.conns}",
        f"-d{args.duration}s",
        "--timeout",
        f"{args.timeout}s",
        "-s",
        lua_path,
        url,
    ]
    out = subprocess.run(cmd, capture_output=True, text=True, check=True).stdout
    for line in out.splitlines():
        if line.startswith("BENCHJSON "):
            rec = json.loads(line[len("BENCHJSON ") :])
            rec["rps"] = rec["requests"] / (rec["duration_us"] / 1e6)
            rec["errors"] = sum(rec[k] for k in ("connect", "read", "write", "status", "timeout"))
            return rec
    sys.exit(f"could not parse wrk output for {url}:\n{out}")


def num(x):
    return f"{x:.0f}" if x >= 100 else f"{x:.1f}" if x >= 1 else f"{x:.2g}"


def report(args, runs):
    names = list(runs)
    hello = names[0]
    hello_by_round = {r["round"]: r["rps"] for r in runs[hello]}
    head = ("path", "req/s", "min-max", "p50 ms", "p99 ms", "% of hello", "hello/x", "errors")
    cells = []
    for p in names:
        rs = runs[p]
        rps = [r["rps"] for r in rs]
        ratio = statistics.median(r["rps"] / hello_by_round[r["round"]] for r in rs)
        cells.append(
            (
                p,
                num(statistics.median(rps)),
                f"{num(min(rps))}-{num(max(rps))}",
                num(statistics.median(r["p50_us"] for r in rs) / 1000),
                num(statistics.median(r["p99_us"] for r in rs) / 1000),
                f"{100 * ratio:.3g}%",
                f"{1 / ratio:.0f}x" if ratio else "inf",
                str(sum(r["errors"] for r in rs)),
            )
        )
    print(
        f"# {args['rounds']} rounds x wrk -t{args['threads']} -c{args['conns']} "
        f"-d{args['duration']}s; "
        f"medians over rounds; '% of hello' = req/s / {hello} req/s in the same round "
        f"(median of per-round ratios); 'hello/x' = its inverse"
    )
    if args["markdown"]:
        print("| " + " | ".join(head) + " |")
        print("|" + "---|" * len(head))
        for c in cells:
            print("| `" + c[0] + "` | " + " | ".join(c[1:]) + " |")
    else:
        w = max(len(c[0]) for c in [*cells, head])
        fmt = f"{{:<{w}}} {{:>7}} {{:>11}} {{:>7}} {{:>7}} {{:>10}} {{:>7}} {{:>6}}"
        print(fmt.format(*head))
        for c in cells:
            print(fmt.format(*c))
    noisy = sum(1 for p in names for r in runs[p] if r.get("bg_busy_pct", 0) > args["max_bg"])
    if noisy:
        print(
            f"# WARNING: {noisy} run(s) started while the machine was >{args['max_bg']:.0f}% busy "
            f"(see 'bg' in the log); treat absolute req/s with care"
        )


def main():
    ap = argparse.ArgumentParser(
        description=__doc__.split("\n")[1], formatter_class=argparse.RawDescriptionHelpFormatter
    )
    ap.add_argument("base_url", nargs="?")
    ap.add_argument("paths", nargs="*")
    ap.add_argument("--hello", default="/hello/")
    ap.add_argument("-n", "--rounds", type=int, default=3)
    ap.add_argument("-d", "--duration", type=int, default=15)
    ap.add_argument("-c", "--conns", type=int, default=8)
    ap.add_argument("-t", "--threads", type=int, default=2)
    ap.add_argument("--timeout", type=int, default=10)
    ap.add_argument("--warmup", type=int, default=3)
    ap.add_argument("--max-bg", type=float, default=20.0)
    ap.add_argument("--settle", type=float, default=90.0)
    ap.add_argument("--markdown", action="store_true")
    ap.add_argument("--json")
    ap.add_argument("--from-json")
    args = ap.parse_args()
    if args.from_json:
        with open(args.from_json) as f:
            saved = json.load(f)
        saved["args"]["markdown"] = args.markdown
        saved["args"].setdefault("max_bg", args.max_bg)
        return report(saved["args"], saved["runs"])
    if not args.base_url or not args.paths:
        ap.error("BASE_URL and at least one PATH are required")

    names = [args.hello] + [p for p in args.paths if p != args.hello]
    urls = {p: full_url(args.base_url, p) for p in names}
    for p in names:
        warm(urls[p], args.warmup)

    fd, lua_path = tempfile.mkstemp(suffix=".lua")
    with os.fdopen(fd, "w") as f:
        f.write(LUA)
    runs = {p: [] for p in names}  # hello first; per path: one record per round
    try:
        for rnd in range(args.rounds):
            k = rnd % len(names)
            for p in names[k:] + names[:k]:
                bg, waited = settle(args)
                rec = run_wrk(urls[p], args, lua_path)
                rec["round"], rec["bg_busy_pct"], rec["settle_s"] = rnd, bg, waited
                runs[p].append(rec)
                print(
                    f"round {rnd + 1}/{args.rounds} {rec['rps']:9.1f} req/s "
                    f"p50 {rec['p50_us'] / 1000:7.1f} ms p99 {rec['p99_us'] / 1000:8.1f} ms "
                    f"err {rec['errors']} bg {bg:3.0f}% waited {waited:4.0f}s  {p}",
                    file=sys.stderr,
                    flush=True,
                )
    finally:
        os.unlink(lua_path)

    report(vars(args), runs)
    if args.json:
        with open(args.json, "w") as f:
            json.dump({"args": vars(args), "runs": runs}, f, indent=1)


if __name__ == "__main__":
    main()
