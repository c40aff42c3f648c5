"""What both benchmarks share: a seeded database per corpus size (SQLite file
or PostgreSQL database), the production settings for it, and gunicorn
serving them on 127.0.0.1."""

import contextlib
import os
import platform
import secrets
import subprocess
import sys
import time
import urllib.parse
import urllib.request
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
DATA = ROOT / "bench" / ".data"
RESULTS = ROOT / "bench" / "results"
PG_URL = os.environ.get("PG_URL", "postgres://postgres@127.0.0.1:5433/erfarenhetsbanken")
OS_URL = os.environ.get("OS_URL", "opensearch://127.0.0.1:9200")
GUNICORN = ROOT / ".venv" / "bin" / "gunicorn"


def database_url(database, n):
    if database == "sqlite":
        return f"sqlite:///{DATA / f'cases-{n}.sqlite3'}"
    parts = urllib.parse.urlsplit(PG_URL)
    return urllib.parse.urlunsplit(parts._replace(path=f"/bench_{int(n)}"))


def environment(database, n, search="database", **extra):
    env = dict(os.environ)
    env.update(
        DJANGO_SETTINGS_MODULE="portal.settings.base",
        SECRET_KEY=secrets.token_urlsafe(48),
        HTTPS="false",
        DEBUG="false",
        ALLOWED_HOSTS="127.0.0.1",
        DATABASE_URL=database_url(database, n),
        SEARCH_URL="" if search == "database" else f"{OS_URL}?prefix=bench_{database}{n}_",
        TASK_BACKEND="immediate",
        CACHE_URL=f"file://{DATA / f'cache-{database}-{n}'}",
        STATIC_ROOT=str(DATA / "static"),
        PYTHONPATH=str(ROOT),
        LOG_LEVEL="WARNING",
        ACCESS_LOG_LEVEL="WARNING",
    )
    env.update(extra)
    return env


def manage(env, *args, capture=False):
    result = subprocess.run(  # noqa: S603 (our own manage.py)
        [sys.executable, str(ROOT / "manage.py"), *args],
        env=env,
        check=True,
        cwd=ROOT,
        capture_output=capture,
        text=True,
    )
    return result.stdout


def analyze(env):
    """Fresh planner statistics, and on PostgreSQL the rebuild's dead rows
    made reusable, as autovacuum would give a live site after a rebuild of
    the index tables (without it each bench run grew the index table)."""
    manage(
        env,
        "shell",
        "-v",
        "0",
        "-c",
        "from django.db import connection; connection.cursor().execute("
        "'VACUUM ANALYZE' if connection.vendor == 'postgresql' else 'ANALYZE')",
    )


def rebuild_index(env):
    manage(env, "rebuild_modelsearch_index", "-v0")
    analyze(env)


def _create_postgres_database(n):
    import psycopg

    maintenance = urllib.parse.urlunsplit(urllib.parse.urlsplit(PG_URL)._replace(path="/postgres"))
    with psycopg.connect(maintenance, autocommit=True) as connection:
        exists = connection.execute(
            "SELECT 1 FROM pg_database WHERE datname = %s", [f"bench_{n}"]
        ).fetchone()
        if not exists:
            connection.execute(f'CREATE DATABASE "bench_{int(n)}"')


def ensure_seeded(database, n):
    """Seconds spent seeding (0 when the corpus was already there)."""
    DATA.mkdir(parents=True, exist_ok=True)
    if database == "postgres":
        _create_postgres_database(n)
    env = environment(database, n)
    manage(env, "migrate", "--noinput", "-v0")
    count = int(
        manage(
            env,
            "shell",
            "-c",
            "from cases.models import CaseStudyPage; "
            "print(CaseStudyPage.objects.filter(exchange_id__startswith='bench-')"
            ".count())",
            capture=True,
        )
        .strip()
        .splitlines()[-1]
    )
    if count >= n:
        return 0.0
    started = time.monotonic()
    code = f"import django; django.setup(); from bench.seed import seed; seed({int(n) - count})"
    subprocess.run([sys.executable, "-c", code], env=env, check=True, cwd=ROOT)  # noqa: S603
    return time.monotonic() - started


def get(port, path, timeout=60):
    with urllib.request.urlopen(f"http://127.0.0.1:{port}{path}", timeout=timeout) as response:  # noqa: S310
        return response.read()


@contextlib.contextmanager
def gunicorn(env, port, workers=2):
    """gunicorn with the production settings, ready when this yields."""
    manage(env, "collectstatic", "--noinput", "-v0")
    server = subprocess.Popen(  # noqa: S603 (our own gunicorn)
        [
            str(GUNICORN),
            "portal.wsgi",
            "--bind",
            f"127.0.0.1:{port}",
            "--workers",
            str(workers),
            "--log-level",
            "warning",
            "--no-control-socket",
        ],
        env=env,
        cwd=ROOT,
    )
    try:
        for _ in range(200):
            try:
                get(port, "/healthz", timeout=5)
                break
            except OSError:
                time.sleep(0.3)
        yield server
    finally:
        server.terminate()
        server.wait(timeout=30)


def machine():
    cpus = os.cpu_count()
    memory = ""
    with contextlib.suppress(OSError):
        for line in Path("/proc/meminfo").read_text().splitlines():
            if line.startswith("MemTotal"):
                memory = f"{int(line.split()[1]) // 1024 // 1024} GiB"
    return {
        "cpus": cpus,
        "memory": memory,
        "python": platform.python_version(),
        "system": platform.platform(terse=True),
    }


def write_report(report, kind):
    """Write the report to bench/results/<kind>-<UTC time>.json and print it."""
    import datetime
    import json

    RESULTS.mkdir(parents=True, exist_ok=True)
    stamp = datetime.datetime.now(datetime.UTC).strftime("%Y%m%dT%H%M%SZ")
    text = json.dumps(report, indent=2, ensure_ascii=False)
    (RESULTS / f"{kind}-{stamp}.json").write_text(text + "\n")
    print(text)


def commit():
    return subprocess.run(
        ["git", "rev-parse", "--short", "HEAD"],  # noqa: S607
        cwd=ROOT,
        capture_output=True,
        text=True,
    ).stdout.strip()
