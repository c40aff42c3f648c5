"""What the benchmarks share besides the process harness
(tests/production/stack.py): a seeded database per corpus size and checkout,
the servers of one checkout on it, wrk, and the report.

Databases are named BENCH_DB_PREFIX (default "bench") and the size, plus the
reference commit for a reference checkout; they are kept between runs, so a
second run seeds nothing."""

import contextlib
import datetime
import json
import os
import platform
import shutil
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
# Run as `python bench/pages.py`: the harness is imported from the checkout.
if str(ROOT) not in sys.path:
    sys.path.insert(0, str(ROOT))

from tests.production.stack import OS_URL, Stack, create_database, database_url  # noqa: E402

DATA = ROOT / "bench" / ".data"
RESULTS = ROOT / "bench" / "results"
PREFIX = os.environ.get("BENCH_DB_PREFIX", "bench")
SECONDS = int(os.environ.get("BENCH_SECONDS", "10"))
REINDEX = os.environ.get("BENCH_REINDEX", "1") == "1"  # 0: the indexes are already built
# The single-machine default's in-app page cache, on and off.
CACHE_ON = {"PAGE_CACHE_SECONDS": "300"}
CACHE_OFF = {"PAGE_CACHE_SECONDS": "0"}


class Corpus:
    """N seeded cases in one database (SQLite or PostgreSQL) for one checkout."""

    def __init__(self, n, database="postgres", root=ROOT, python=None, label=""):
        self.n, self.database, self.root, self.python = int(n), database, Path(root), python
        self.name = f"{PREFIX}_{label}{self.n}" if label else f"{PREFIX}_{self.n}"
        self.url = (
            f"sqlite:///{DATA / f'{self.name}.sqlite3'}"
            if database == "sqlite"
            else database_url(self.name)
        )

    @contextlib.contextmanager
    def stack(self, search="database", serve=False, **env):
        """A Stack on this corpus with its Redis running (its processes stopped,
        its data kept, on exit); search "database" or "opensearch"; with serve,
        its static files collected for the application servers."""
        folder = tempfile.mkdtemp(prefix=f"{self.name}-")
        stack = Stack(
            folder,
            root=self.root,
            name=self.name,
            python=self.python,
            DATABASE_URL=self.url,
            SEARCH_URL="" if search == "database" else f"{OS_URL}?prefix={self.name}_",
            TASK_BACKEND="immediate",
            **env,
        )
        failed = True
        try:
            stack.redis("start")
            if serve:
                stack.manage("collectstatic", "--noinput", "-v0")
            yield stack
            failed = False
        finally:
            stack.close(drop_data=False)
            if failed:
                print(f"bench: logs kept in {folder}", file=sys.stderr)
            else:
                shutil.rmtree(folder, ignore_errors=True)

    def ensure_seeded(self):
        """Seconds spent seeding (0 when the corpus was already there)."""
        DATA.mkdir(parents=True, exist_ok=True)
        if self.database == "postgres":
            create_database(self.name)
        with self.stack() as stack:
            stack.manage("migrate", "--noinput", "-v0")
            count = int(
                stack.shell(
                    "from cases.models import CaseStudyPage; "
                    "print(CaseStudyPage.objects.filter(exchange_id__startswith='bench-').count())"
                ).splitlines()[-1]
            )
            if count >= self.n:
                return 0.0
            started = time.monotonic()
            code = (
                "import django; django.setup(); from bench.seed import seed; "
                f"seed({self.n - count})"
            )
            subprocess.run(  # noqa: S603 (the checkout's own seed)
                [stack.python, "-c", code], env=stack.env, check=True, cwd=self.root
            )
            return time.monotonic() - started

    def rebuild_index(self, search="database"):
        """Seconds the search index build took on this corpus."""
        with self.stack(search) as stack:
            started = time.monotonic()
            stack.manage("rebuild_modelsearch_index", "-v0")
            seconds = time.monotonic() - started
            analyze(stack)
        return round(seconds, 1)

    def data_digest(self):
        """A digest of the records this checkout's seed writes for N cases."""
        code = (
            "import hashlib, json; from bench.seed import case_lines; "
            f"print(hashlib.sha256(json.dumps(list(case_lines({self.n}))).encode()).hexdigest())"
        )
        return subprocess.run(  # noqa: S603 (the checkout's own seed)
            [self.python or sys.executable, "-c", code],
            cwd=self.root,
            env={**os.environ, "PYTHONPATH": str(self.root)},
            check=True,
            capture_output=True,
            text=True,
        ).stdout.strip()


def analyze(stack):
    """Fresh planner statistics, and on PostgreSQL the rebuild's dead rows made
    reusable, as autovacuum would give a live site after a rebuild of the index
    tables (without it each bench run grew the index table)."""
    stack.shell(
        "from django.db import connection; connection.cursor().execute("
        "'VACUUM ANALYZE' if connection.vendor == 'postgresql' else 'ANALYZE')"
    )


def wrk(port, paths, seconds=SECONDS):
    """Load one server with 4 connections cycling through `paths`."""
    with tempfile.NamedTemporaryFile("w", suffix=".txt", delete=False) as listing:
        listing.write("\n".join(paths) + "\n")
    try:
        output = subprocess.run(  # noqa: S603 (wrk from Debian, on 127.0.0.1)
            [
                shutil.which("wrk"),
                "-t2",
                "-c4",
                f"-d{seconds}s",
                "--timeout",
                "30s",
                "-s",
                str(ROOT / "bench" / "wrk.lua"),
                f"http://127.0.0.1:{port}",
            ],
            env={**os.environ, "WRK_PATHS": listing.name},
            capture_output=True,
            text=True,
            check=True,
        ).stdout
    finally:
        os.unlink(listing.name)
    figures = json.loads(output.strip().splitlines()[-1])
    seconds = figures["duration_us"] / 1e6
    return {
        "rps": round(figures["requests"] / seconds, 1),
        "p50_ms": round(figures["p50_us"] / 1000, 1),
        "p95_ms": round(figures["p95_us"] / 1000, 1),
        "p99_ms": round(figures["p99_us"] / 1000, 1),
        "errors": figures["socket_errors"] + figures["non_2xx"],
    }


def machine():
    memory = ""
    with contextlib.suppress(OSError):
        for line in Path("/proc/meminfo").read_text().splitlines():
            if line.startswith("MemTotal"):
                memory = f"{int(line.split()[1]) // 1024 // 1024} GiB"
    return {
        "cpus": os.cpu_count(),
        "memory": memory,
        "python": platform.python_version(),
        "system": platform.platform(terse=True),
        "load_average": [round(x, 2) for x in os.getloadavg()],
    }


def write_report(report, kind):
    """Write the report to bench/results/<kind>-<UTC time>.json and print it."""
    RESULTS.mkdir(parents=True, exist_ok=True)
    stamp = datetime.datetime.now(datetime.UTC).strftime("%Y%m%dT%H%M%SZ")
    text = json.dumps(report, indent=2, ensure_ascii=False)
    (RESULTS / f"{kind}-{stamp}.json").write_text(text + "\n")
    print(text)


def commit(root=ROOT):
    return subprocess.run(
        ["git", "rev-parse", "--short", "HEAD"],  # noqa: S607
        cwd=root,
        capture_output=True,
        text=True,
    ).stdout.strip()
