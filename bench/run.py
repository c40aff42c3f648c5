"""make bench-search: seed N synthetic cases, build the index, then measure
/api/search/ under gunicorn for the database backend and OpenSearch.

    python bench/run.py [N ...]      (default 1000 10000; BENCH_BACKENDS=database,opensearch)

Prints one JSON document and writes it to bench/results/. Not a test: it
asserts nothing about timings."""

import datetime
import json
import os
import secrets
import statistics
import subprocess
import sys
import threading
import time
import urllib.parse
import urllib.request
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
DATA = ROOT / "bench" / ".data"
RESULTS = ROOT / "bench" / "results"
PORT = int(os.environ.get("BENCH_PORT", "8101"))
OS_URL = os.environ.get("BENCH_OPENSEARCH_URL", "opensearch://127.0.0.1:9200")
QUERIES = [
    ("plain", {"q": "chattbot"}),
    ("common word", {"q": "myndigheterna"}),
    ("multi-word", {"q": "digital brevlåda företagare"}),
    ("filtered", {"q": "handläggning", "theme": "ai-automation", "stage": "pilot"}),
    ("empty with facets", {}),
    ("all languages", {"q": "kundtjänst", "lang": "all", "sort": "newest"}),
]


def env_for(n, backend):
    env = dict(os.environ)
    env.update(
        DJANGO_SETTINGS_MODULE="portal.settings.base",
        SECRET_KEY=secrets.token_urlsafe(48),
        HTTPS="false",
        DEBUG="false",
        ALLOWED_HOSTS="127.0.0.1",
        DATABASE_URL=f"sqlite:///{DATA / f'cases-{n}.sqlite3'}",
        SEARCH_URL="" if backend == "database" else f"{OS_URL}?prefix=bench{n}_",
        PYTHONPATH=str(ROOT),
    )
    return env


def manage(env, *args):
    subprocess.run(  # noqa: S603 (our own manage.py)
        [sys.executable, str(ROOT / "manage.py"), *args], env=env, check=True, cwd=ROOT)


def seed(n):
    DATA.mkdir(parents=True, exist_ok=True)
    env = env_for(n, "database")
    stamp = DATA / f"cases-{n}.seeded"
    if stamp.exists():
        return 0.0
    manage(env, "migrate", "--noinput", "-v0")
    started = time.monotonic()
    code = f"import django; django.setup(); from bench.seed import seed; seed({int(n)})"
    subprocess.run([sys.executable, "-c", code], env=env, check=True, cwd=ROOT)  # noqa: S603
    stamp.touch()
    return time.monotonic() - started


def get(path):
    started = time.monotonic()
    with urllib.request.urlopen(f"http://127.0.0.1:{PORT}{path}", timeout=30) as response:  # noqa: S310
        body = json.loads(response.read())
    return time.monotonic() - started, body


def measure(rounds=20, seconds=10.0):
    paths = [(name, "/api/search/?" + urllib.parse.urlencode(p)) for name, p in QUERIES]
    for _name, path in paths:
        get(path)  # warm up
    latencies, per_query, totals = [], {}, {}
    for _ in range(rounds):
        for name, path in paths:
            elapsed, body = get(path)
            latencies.append(elapsed)
            per_query.setdefault(name, []).append(elapsed)
            totals[name] = body["total"]
    count, stop = [0], time.monotonic() + seconds
    lock = threading.Lock()

    def client(i):
        j = i
        while time.monotonic() < stop:
            get(paths[j % len(paths)][1])
            j += 1
            with lock:
                count[0] += 1

    threads = [threading.Thread(target=client, args=(i,)) for i in range(4)]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    return {
        "p50_ms": round(statistics.median(latencies) * 1000, 1),
        "p95_ms": round(statistics.quantiles(latencies, n=20)[18] * 1000, 1),
        "per_query_p50_ms": {
            k: round(statistics.median(v) * 1000, 1) for k, v in per_query.items()
        },
        "hits": totals,
        "rps_4_clients": round(count[0] / seconds, 1),
    }


def run(n, backend):
    env = env_for(n, backend)
    started = time.monotonic()
    manage(env, "rebuild_modelsearch_index")
    index_seconds = time.monotonic() - started
    server = subprocess.Popen(  # noqa: S603 (our own gunicorn)
        [str(ROOT / ".venv" / "bin" / "gunicorn"), "portal.wsgi", "--bind", f"127.0.0.1:{PORT}",
         "--workers", "2", "--log-level", "warning"], env=env, cwd=ROOT)
    try:
        for _ in range(100):
            try:
                get("/api/search/?page_size=1")
                break
            except OSError:
                time.sleep(0.3)
        result = measure()
        result["backend_reported"] = get("/api/search/?q=chattbot")[1]["backend"]
    finally:
        server.terminate()
        server.wait(timeout=30)
    result["index_build_s"] = round(index_seconds, 1)
    return result


def main():
    sizes = [int(a) for a in sys.argv[1:]] or [1000, 10000]
    backends = os.environ.get("BENCH_BACKENDS", "database,opensearch").split(",")
    report = {"date": datetime.datetime.now(datetime.UTC).isoformat(timespec="seconds"),
              "server": "gunicorn, 2 workers, DEBUG off", "database": "sqlite", "runs": []}
    for n in sizes:
        seed_seconds = seed(n)
        for backend in backends:
            result = run(n, backend)
            report["runs"].append({"cases": n, "backend": backend,
                                   "seed_s": round(seed_seconds, 1), **result})
    RESULTS.mkdir(parents=True, exist_ok=True)
    out = RESULTS / f"search-{datetime.date.today().isoformat()}.json"
    out.write_text(json.dumps(report, indent=2, ensure_ascii=False) + "\n")
    print(json.dumps(report, indent=2, ensure_ascii=False))


if __name__ == "__main__":
    main()
