"""make bench-search: seed N synthetic cases, build the index, then measure
/api/search/ under gunicorn for the database backend (SQLite and PostgreSQL)
and OpenSearch.

    python bench/run.py [N ...]      (default 1000 10000)
    BENCH_SEARCH=sqlite,postgres,opensearch   which runs to make
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

from stack import (
    analyze,
    commit,
    ensure_seeded,
    environment,
    get,
    gunicorn,
    machine,
    manage,
    write_report,
)

PORT = int(os.environ.get("BENCH_PORT", "8101"))
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


def timed_get(path):
    started = time.monotonic()
    body = json.loads(get(PORT, path))
    return time.monotonic() - started, body


def percentile(values, p):
    return round(statistics.quantiles(values, n=100)[p - 1] * 1000, 1)


def measure(rounds=30, seconds=10.0):
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
    }


REINDEX = os.environ.get("BENCH_REINDEX", "1") == "1"


def run(n, database, search):
    env = environment(database, n, search)
    index_seconds = None
    if REINDEX:
        started = time.monotonic()
        manage(env, "rebuild_modelsearch_index", "-v0")
        index_seconds = round(time.monotonic() - started, 1)
        analyze(env)
    with gunicorn(env, PORT):
        result = measure()
        result["backend_reported"] = timed_get("/api/search/?q=chattbot")[1]["backend"]
    result["index_build_s"] = index_seconds  # None: not rebuilt in this run
    return result


def main():
    sizes = [int(a) for a in sys.argv[1:]] or [1000, 10000]
    runs = os.environ.get("BENCH_SEARCH", "sqlite,postgres,opensearch").split(",")
    report = {
        "date": datetime.datetime.now(datetime.UTC).isoformat(timespec="seconds"),
        "commit": commit(),
        "machine": machine(),
        "server": "gunicorn, 2 workers, DEBUG off, 127.0.0.1",
        "clients": "1 for latency (30 rounds of 6 queries), 4 for requests/s",
        "runs": [],
    }
    for n in sizes:
        for name in runs:
            database, search = RUNS[name]
            seed_seconds = ensure_seeded(database, n)
            result = run(n, database, search)
            report["runs"].append(
                {
                    "cases": n,
                    "database": database,
                    "backend": search,
                    "seed_s": round(seed_seconds, 1),
                    **result,
                }
            )
            print(json.dumps(report["runs"][-1], ensure_ascii=False), file=sys.stderr)
    write_report(report, "search")


if __name__ == "__main__":
    main()
