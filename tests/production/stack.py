"""The production recipe of docs/production.md, started for real on 127.0.0.1:
one PostgreSQL database, one OpenSearch index prefix, one Redis, one media
folder, two gunicorn application servers, the task worker and nginx.

The one process harness of the project: the production tests start the whole
recipe with `Stack.start()`; the benchmarks (bench/) start the parts they
measure on their own seeded databases, also for a reference checkout in
another folder (`root`)."""

import http.cookiejar
import json
import os
import re
import secrets
import shutil
import signal
import socket
import string
import subprocess
import sys
import time
import urllib.error
import urllib.parse
import urllib.request
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
PG_URL = os.environ.get("PG_URL", "postgres://postgres@127.0.0.1:5433/erfarenhetsbanken")
OS_URL = os.environ.get("OS_URL", "opensearch://127.0.0.1:9200")
ADMIN_PASSWORD = secrets.token_urlsafe(16)
# The one-off steps of a first install (docs/production.md), in one interpreter:
# each `manage.py` start costs seconds of imports on a small machine.
FIRST_INSTALL = f"""
from django.contrib.auth import get_user_model
from django.core.management import call_command
call_command("migrate", interactive=False, verbosity=0)
call_command("seed_demo")
call_command("rebuild_modelsearch_index", verbosity=0)
get_user_model().objects.create_superuser("editor", "editor@example.se", {ADMIN_PASSWORD!r})
# Purges name the site's host, as nginx's cache key does. Saved, not
# updated: saving clears Wagtail's cached site root paths.
from wagtail.models import Site
site = Site.objects.get(is_default_site=True)
site.hostname = "127.0.0.1"
site.save()
"""


def free_port():
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def wait_until(check, seconds=60, interval=0.3):
    """Poll until check() is truthy (bounded: the tests assert outcomes, not speed)."""
    deadline = time.monotonic() + seconds
    while True:
        try:
            result = check()
        except OSError:
            result = None
        if result or time.monotonic() > deadline:
            return result
        time.sleep(interval)


def _postgres(sql, database="postgres", params=None):
    import psycopg

    url = urllib.parse.urlunsplit(urllib.parse.urlsplit(PG_URL)._replace(path=f"/{database}"))
    with psycopg.connect(url, autocommit=True) as connection:
        return (
            connection.execute(sql, params).fetchall()
            if sql.lstrip().upper().startswith("SELECT")
            else connection.execute(sql, params)
        )


class Browser:
    """A person with cookies, talking HTTP to any of the servers."""

    def __init__(self):
        self.jar = http.cookiejar.CookieJar()
        self.opener = urllib.request.build_opener(urllib.request.HTTPCookieProcessor(self.jar))

    def request(self, url, data=None, timeout=30):
        body = urllib.parse.urlencode(data, doseq=True).encode() if data is not None else None
        try:
            with self.opener.open(url, body, timeout=timeout) as response:
                return (
                    response.status,
                    response.read().decode(errors="replace"),
                    response.headers,
                    response.url,
                )
        except urllib.error.HTTPError as error:
            return error.code, error.read().decode(errors="replace"), error.headers, url

    def upload(self, url, fields, filename, content, content_type):
        """POST a multipart form with one file, as a browser does."""
        boundary = secrets.token_hex(16)
        parts = [
            f'--{boundary}\r\nContent-Disposition: form-data; name="{k}"\r\n\r\n{v}\r\n'.encode()
            for k, v in fields.items()
        ]
        parts.append(
            (
                f'--{boundary}\r\nContent-Disposition: form-data; name="file"; '
                f'filename="{filename}"\r\nContent-Type: {content_type}\r\n\r\n'
            ).encode()
            + content
            + b"\r\n"
        )
        request = urllib.request.Request(
            url,
            b"".join(parts) + f"--{boundary}--\r\n".encode(),
            {"Content-Type": f"multipart/form-data; boundary={boundary}"},
        )
        try:
            with self.opener.open(request, timeout=60) as response:
                return response.status, response.read().decode(errors="replace")
        except urllib.error.HTTPError as error:
            return error.code, error.read().decode(errors="replace")

    def csrf(self):
        return next(c.value for c in self.jar if c.name == "csrftoken")

    def form_post(self, url, data):
        """GET the form page for its CSRF cookie, then POST with the token."""
        self.request(url)
        return self.request(url, {**data, "csrfmiddlewaretoken": self.csrf()})


def database_url(name):
    """The PostgreSQL database `name` on the server of PG_URL."""
    return urllib.parse.urlunsplit(urllib.parse.urlsplit(PG_URL)._replace(path=f"/{name}"))


def create_database(name):
    """Create the PostgreSQL database `name` unless it exists."""
    if not _postgres("SELECT 1 FROM pg_database WHERE datname = %s", params=[name]):
        _postgres(f'CREATE DATABASE "{name}"')


class Stack:
    """The servers of one checkout (`root`, this one by default) in `folder`.

    `name` names its PostgreSQL database and OpenSearch index prefix (a fresh
    one by default); `env` overrides the production settings below, e.g. a
    SQLite DATABASE_URL or SEARCH_URL="" for the database search backend."""

    def __init__(self, folder, root=ROOT, name=None, python=None, **env):
        self.folder = Path(folder)
        self.root = Path(root)
        self.python = python or sys.executable
        self.name = name or f"prod_{secrets.token_hex(4)}"
        self.ports = {
            "a": free_port(),
            "b": free_port(),
            "nginx": free_port(),
            "redis": free_port(),
        }
        for sub in ("media", "static", "mail", "nginx"):
            (self.folder / sub).mkdir(parents=True, exist_ok=True)
        self.folder.chmod(0o755)  # nginx's workers read static and media files
        self.processes = {}
        self.env = {
            **os.environ,
            "DJANGO_SETTINGS_MODULE": "portal.settings.base",
            "SECRET_KEY": secrets.token_urlsafe(48),
            "DEBUG": "false",
            "HTTPS": "false",
            "ALLOWED_HOSTS": "127.0.0.1,localhost",
            # The stack's editor signs in by password; tests/portal/test_two_factor.py
            # covers the second step that production asks of superusers.
            "TWO_FACTOR_REQUIRED_FOR_SUPERUSERS": "false",
            # nginx connects from here: its X-Forwarded-For names the client.
            "TRUSTED_PROXIES": "127.0.0.1",
            "DATABASE_URL": database_url(self.name),
            "SEARCH_URL": f"{OS_URL}?prefix={self.name}_",
            "CACHE_URL": f"redis://127.0.0.1:{self.ports['redis']}/0",
            "TASK_BACKEND": "database",
            "EMAIL_URL": f"file://{self.folder / 'mail'}",
            "MEDIA_ROOT": str(self.folder / "media"),
            "STATIC_ROOT": str(self.folder / "static"),
            # nginx keeps the anonymous pages, purged on publish; no in-app cache.
            "PAGE_CACHE_SECONDS": "0",
            "FRONTEND_CACHE_URL": f"http://127.0.0.1:{self.ports['nginx']}",
            # Links in e-mails lead to the address readers use: nginx's.
            "BASE_URL": f"http://127.0.0.1:{self.ports['nginx']}",
            # The tests stand in for many people registering from one address.
            "ACTIVITIES_REGISTRATION_RATE_LIMIT": "1000",
            "LOG_LEVEL": "WARNING",
            "ACCESS_LOG_LEVEL": "WARNING",
            "PYTHONPATH": str(self.root),
            **env,
        }

    # --- processes -------------------------------------------------------------
    def _spawn(self, name, args, **env):
        log = open(self.folder / f"{name}.log", "ab")  # noqa: SIM115 (closed with the process)
        self.processes[name] = subprocess.Popen(  # noqa: S603 (our own servers)
            args,
            cwd=self.root,
            env={**self.env, **env},
            stdout=log,
            stderr=log,
            start_new_session=True,
        )
        return self.processes[name]

    def stop(self, name, sig=signal.SIGTERM):
        self.stop_all([name], sig)

    def stop_all(self, names, sig=signal.SIGTERM):
        """Signal each process group, then wait for all of them (SIGKILL after 30 s)."""
        stopping = [self.processes.pop(name) for name in names if name in self.processes]
        for process in stopping:
            _signal_group(process, sig)
        for process in stopping:
            try:
                process.wait(timeout=30)
            except subprocess.TimeoutExpired:
                _signal_group(process, signal.SIGKILL)
                process.wait()

    def manage(self, *args):
        return subprocess.run(
            [self.python, "manage.py", *args],
            cwd=self.root,
            env=self.env,
            check=True,
            capture_output=True,
            text=True,
        ).stdout

    def shell(self, code):
        return self.manage("shell", "-v", "0", "-c", code).strip()

    def start_app(self, name, workers=2, **env):
        self.spawn_app(name, workers, **env)
        self.wait_app(name)

    def spawn_app(self, name, workers=2, **env):
        self.ports.setdefault(name, free_port())
        self._spawn(
            name,
            [
                self.python,
                "-m",
                "gunicorn",
                "portal.wsgi",
                "--bind",
                f"127.0.0.1:{self.ports[name]}",
                "--workers",
                str(workers),
                "--graceful-timeout",
                "5",
                "--no-control-socket",
            ],
            **env,
        )

    def wait_app(self, name):
        assert wait_until(lambda: self.get(name, "/livez")[0] == 200), f"{name} did not start"

    def worker_pids(self, server):
        """The gunicorn workers (children of the master) of one server."""
        master = self.processes[server].pid
        out = subprocess.run(["pgrep", "-P", str(master)], capture_output=True, text=True)
        return [int(pid) for pid in out.stdout.split()]

    def ensure_worker(self):
        """What the supervisor does: start the task worker again if it died."""
        if self.processes.get("worker") is None or self.processes["worker"].poll() is not None:
            self.processes.pop("worker", None)
            self.start_worker()

    WORKER_ID = "worker-1"

    def start_worker(self):
        """As the documented systemd unit does: requeue what this worker left
        running when it was killed, then run it under the same id."""
        requeue = [self.python, "manage.py", "requeue_tasks", "--worker-id", self.WORKER_ID]
        assert (
            subprocess.run(requeue, cwd=self.root, env=self.env, capture_output=True).returncode
            == 0
        )
        self._spawn(
            "worker",
            [
                self.python,
                "manage.py",
                "db_worker",
                "--interval",
                "0.5",
                "--no-startup-delay",
                "--worker-id",
                self.WORKER_ID,
            ],
        )

    def start_nginx(self, servers=("a", "b")):
        """nginx with the checkout's deploy/nginx.conf in front of `servers`."""
        template = string.Template((self.root / "deploy" / "nginx.conf").read_text())
        conf = self.folder / "nginx" / "nginx.conf"
        conf.write_text(
            template.safe_substitute(
                LISTEN=f"127.0.0.1:{self.ports['nginx']}",
                APP_SERVERS=" ".join(f"server 127.0.0.1:{self.ports[n]};" for n in servers),
                STATIC_ROOT=self.env["STATIC_ROOT"],
                MEDIA_ROOT=self.env["MEDIA_ROOT"],
                RUN_DIR=str(self.folder / "nginx"),
            )
        )
        run_dir = str(self.folder / "nginx")
        # Its own prefix and error log: nothing outside the folder is touched.
        self._spawn(
            "nginx",
            [
                shutil.which("nginx"),
                "-p",
                run_dir,
                "-e",
                f"{run_dir}/error.log",
                "-c",
                str(conf),
                "-g",
                "daemon off;",
            ],
        )
        assert wait_until(lambda: self.get("nginx", "/livez")[0] == 200), "nginx did not start"

    def redis(self, action):
        env = {
            **os.environ,
            "REDIS_PORT": str(self.ports["redis"]),
            "REDIS_DIR": str(self.folder / "redis"),
        }
        subprocess.run(
            [str(ROOT / "scripts" / "redis.sh"), action], check=True, capture_output=True, env=env
        )

    def start(self):
        _postgres(f'CREATE DATABASE "{self.name}"')
        self.redis("start")
        manage = [self.python, "manage.py"]
        self._spawn("collectstatic", [*manage, "collectstatic", "--noinput", "-v0"])
        self._spawn("install", [*manage, "shell", "-v", "0", "-c", FIRST_INSTALL])
        # The application servers read the static manifest as they start, and
        # touch the database only when asked for a page: they start meanwhile.
        self._finish("collectstatic")
        self.spawn_app("a")
        self.spawn_app("b")
        self._finish("install")
        # After the index rebuild, so that the worker's first sync finds the index.
        self.start_worker()
        self.wait_app("a")
        self.wait_app("b")
        self.start_nginx()

    def _finish(self, name):
        """Wait for a one-off step started with _spawn."""
        assert self.processes.pop(name).wait() == 0, f"{name} failed: {self.folder}/{name}.log"

    def close(self, drop_data=True):
        """Stop everything; with drop_data, drop its database and index too."""
        self.stop("worker", signal.SIGKILL)  # it may be waiting out its poll interval
        self.stop_all(list(self.processes))
        self.redis("stop")
        if not drop_data:
            return
        try:
            urllib.request.urlopen(
                urllib.request.Request(  # noqa: S310 (127.0.0.1)
                    f"http://{urllib.parse.urlsplit(OS_URL).netloc}/{self.name}_*", method="DELETE"
                ),
                timeout=30,
            ).read()
        except OSError:
            pass
        _postgres(f'DROP DATABASE IF EXISTS "{self.name}" WITH (FORCE)')

    # --- HTTP ----------------------------------------------------------------------
    def url(self, server, path):
        return f"http://127.0.0.1:{self.ports[server]}{path}"

    def get(self, server, path, browser=None):
        return (browser or Browser()).request(self.url(server, path))

    def search(self, server, q):
        return json.loads(self.get(server, f"/api/search/?q={urllib.parse.quote(q)}")[1])

    def log_in(self, server):
        browser = Browser()
        status, html, _h, final = browser.form_post(
            self.url(server, "/admin/login/"), {"username": "editor", "password": ADMIN_PASSWORD}
        )
        assert "/admin/login/" not in final, "the editor could not log in"
        return browser

    def mails(self):
        return sorted((self.folder / "mail").glob("*.log"))

    def queued_tasks(self, path):
        """Tasks waiting for the worker (django_tasks_db's table; its app label is the prefix)."""
        return _postgres(
            "SELECT count(*) FROM django_tasks_database_dbtaskresult "
            "WHERE task_path = %s AND status = 'READY'",
            self.name,
            [path],
        )[0][0]


def _signal_group(process, sig):
    if process.poll() is None:
        try:
            os.killpg(process.pid, sig)
        except ProcessLookupError:  # it has just exited
            pass


def csrf_from(html):
    return re.search(r'name="csrfmiddlewaretoken" value="([^"]+)"', html).group(1)
