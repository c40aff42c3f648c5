"""make bench-search: /api/search/ under gunicorn on N seeded cases, for the
database backend (SQLite and PostgreSQL) and OpenSearch: p50, p95 against the
guard's target, and requests per second; and /api/plan/'s p50 and p95 for a
few project descriptions.

    python bench/run.py [N ...]      (default 1000 10000)
    BENCH_SEARCH=sqlite,postgres,opensearch   which runs to make (default: all
                                              three up to 10,000 cases, PostgreSQL
                                              and OpenSearch above)
    BENCH_REINDEX=0                           measure indexes built by an earlier run

Prints one JSON document and writes it to bench/results/. Not a test: it
asserts nothing about timings."""

import datetime
import json
import os
import statistics
import sys
import threading
import time
import urllib.parse
import urllib.request

from corpus import CACHE_OFF, REINDEX, Corpus, commit, machine, write_report

QUERIES = [
    ("plain", {"q": "chattbot"}),
    ("common word", {"q": "myndigheterna"}),
    ("multi-word", {"q": "digital brevlåda företagare"}),
    ("filtered", {"q": "handläggning", "theme": "ai-automation", "stage": "pilot"}),
    ("empty with facets", {}),
    ("all languages", {"q": "kundtjänst", "lang": "all", "sort": "newest"}),
]
RUNS = {  # name: (database, search backend)
    "sqlite": ("sqlite", "database"),
    "postgres": ("postgres", "database"),
    "opensearch": ("postgres", "opensearch"),
}
# p95 of /api/search/ in ms: up to this many cases, at most this.
TARGETS = {10000: 100, 100000: 150}
# p95 of /api/plan/ in ms.
PLAN_TARGET_MS = 300
# Project descriptions as a planner pastes them, short and long, in both languages.
PLANS = [
    {
        "lang": "sv",
        "text": "Vi planerar en chattbot som ska svara på frågor från medborgare dygnet "
        "runt och avlasta kundtjänsten. Vi vill koppla den till våra e-tjänster.",
    },
    {
        "lang": "sv",
        "text": " ".join(
            [
                "Myndigheten ska automatisera handläggningen av ansökningar med "
                "mjukvarurobotar. Handläggarna och de fackliga företrädarna ska vara "
                "med från början, och vi vill undvika att arbetsmiljön blir sämre."
            ]
            * 8
        ),
    },
    {
        "lang": "en",
        "text": "We are planning to move our case handling to a cloud service and "
        "need to know what went wrong for other agencies with procurement.",
    },
]


def target_ms(n):
    return next((ms for cases, ms in sorted(TARGETS.items()) if n <= cases), max(TARGETS.values()))


def runs_for(n):
    chosen = os.environ.get("BENCH_SEARCH")
    if chosen is not None:
        return [name for name in chosen.split(",") if name]
    return list(RUNS) if n <= 10000 else ["postgres", "opensearch"]


def percentile(values, p):
    return round(statistics.quantiles(values, n=100)[p - 1] * 1000, 1)


def measure(stack, rounds=30, seconds=10.0):
    def timed_get(path):
        started = time.monotonic()
        status, body, _h, _u = stack.get("a", path)
        assert status == 200, (status, path)  # a failing query is no figure
        return time.monotonic() - started, json.loads(body)

    paths = [(name, "/api/search/?" + urllib.parse.urlencode(p)) for name, p in QUERIES]
    for _name, path in paths:
        timed_get(path)  # warm up
    latencies, per_query, totals = [], {}, {}
    for _ in range(rounds):
        for name, path in paths:
            elapsed, body = timed_get(path)
            latencies.append(elapsed)
            per_query.setdefault(name, []).append(elapsed)
            totals[name] = body["total"]
    count, stop = [0], time.monotonic() + seconds
    lock = threading.Lock()

    def client(i):
        j = i
        while time.monotonic() < stop:
            timed_get(paths[j % len(paths)][1])
            j += 1
            with lock:
                count[0] += 1

    threads = [threading.Thread(target=client, args=(i,)) for i in range(4)]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    return {
        "p50_ms": percentile(latencies, 50),
        "p95_ms": percentile(latencies, 95),
        "per_query_p95_ms": {k: percentile(v, 95) for k, v in per_query.items()},
        "hits": totals,
        "rps_4_clients": round(count[0] / seconds, 1),
        "backend_reported": timed_get("/api/search/?q=chattbot")[1]["backend"],
        **measure_plan(stack),
    }


def measure_plan(stack, rounds=10):
    """p50 and p95 of /api/plan/ over the descriptions, sequentially."""
    url = stack.url("a", "/api/plan/")

    def timed_post(body):
        request = urllib.request.Request(  # noqa: S310 (the harness's own 127.0.0.1 address)
            url, json.dumps(body).encode(), {"Content-Type": "application/json"}
        )
        started = time.monotonic()
        with urllib.request.urlopen(request, timeout=30) as response:  # noqa: S310
            response.read()
        return time.monotonic() - started

    for body in PLANS:
        timed_post(body)  # warm up
    latencies = [timed_post(body) for _ in range(rounds) for body in PLANS]
    return {
        "plan_p50_ms": percentile(latencies, 50),
        "plan_p95_ms": percentile(latencies, 95),
        "plan_target_p95_ms": PLAN_TARGET_MS,
    }


def search_run(corpus, search):
    seed_seconds = corpus.ensure_seeded()
    index_seconds = corpus.rebuild_index(search) if REINDEX or seed_seconds else None
    # The plan API's rate limit would stop the benchmark's own requests.
    with corpus.stack(search, serve=True, SEARCH_PLAN_RATE_LIMIT="100000", **CACHE_OFF) as stack:
        stack.start_app("a")
        result = measure(stack)
    return {
        "cases": corpus.n,
        "database": corpus.database,
        "backend": search,
        "seed_s": round(seed_seconds, 1),
        "index_build_s": index_seconds,  # None: not rebuilt in this run
        "target_p95_ms": target_ms(corpus.n),
        **result,
    }


def guard(n):
    """Each run's figures at n cases."""
    results = []
    for name in runs_for(n):
        database, search = RUNS[name]
        results.append(search_run(Corpus(n, database), search))
        print(json.dumps(results[-1], ensure_ascii=False), file=sys.stderr)
    return results


def main():
    sizes = [int(a) for a in sys.argv[1:]] or [1000, 10000]
    report = {
        "date": datetime.datetime.now(datetime.UTC).isoformat(timespec="seconds"),
        "commit": commit(),
        "machine": machine(),
        "server": "gunicorn, 2 workers, DEBUG off, in-app page cache off, 127.0.0.1",
        "clients": "1 for latency (30 rounds of 6 queries), 4 for requests/s",
        "runs": [r for n in sizes for r in guard(n)],
    }
    write_report(report, "search")


if __name__ == "__main__":
    main()
