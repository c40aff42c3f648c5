"""Many people writing at the same moment on the embedded database.

`make serve` runs gunicorn with four workers on SQLite. People who register
for an activity or sign up at the same moment must all be served: each write
waits for its turn, none fails with "database is locked", and an activity
never takes more people than it has places."""

import json
import os
import secrets
import sqlite3
import subprocess
import sys
import threading
from collections import Counter
from concurrent.futures import ThreadPoolExecutor

import pytest
from django.conf import settings

from tests.production.stack import ROOT, Browser, free_port, wait_until

CAPACITY = 20
PEOPLE = 60
SIGN_UPS = 30
PASSWORD = "ett-langt-losenord-42"

# A fresh installation in one interpreter: the schema, the site, one activity
# with 20 places and an agency whose staff may sign up.
SETUP = f"""
import datetime, json
from django.core.management import call_command
from django.urls import reverse
from django.utils import timezone
from wagtail.models import Locale
call_command("migrate", interactive=False, verbosity=0)
from portal.activity_demo import ensure_index_pages
from activities.models import ActivityPage, ActivityType
from cases.snippets import Agency
from portal.site_setup import ensure_site_structure
ensure_site_structure()
now = timezone.now()
activity = ActivityPage(
    locale=Locale.objects.get(language_code="sv"), title="Studiebesök hos Skatteverket",
    slug="studiebesok", summary="Tjugo platser.", activity_type=ActivityType.STUDY_VISIT,
    starts_at=now + datetime.timedelta(days=10),
    ends_at=now + datetime.timedelta(days=10, hours=3),
    venue="Solna", organiser="Erfarenhetsbanken", capacity={CAPACITY},
    registration_opens_at=now - datetime.timedelta(days=1),
    registration_closes_at=now + datetime.timedelta(days=9),
)
ensure_index_pages()["sv"].add_child(instance=activity)
activity.save_revision().publish()
Agency.objects.create(name="Skatteverket", org_number="202100-5448",
                      email_domains="skatteverket.se", locale=Locale.get_default())
print(json.dumps({{"activity": activity.get_url(),
                  "sign_up": reverse("contributions:sign_up")}}))
"""


pytestmark = pytest.mark.sqlite


@pytest.fixture(scope="module")
def server(tmp_path_factory):
    """gunicorn with four workers on a new SQLite file, as `make serve` runs it,
    behind a trusted proxy on 127.0.0.1 so that each person has their own address."""
    if settings.DATABASES["default"]["ENGINE"] != "django.db.backends.sqlite3":
        pytest.fail("The embedded database's test needs SQLite: DATABASE_URL must be empty")
    folder = tmp_path_factory.mktemp("sqlite-serve")
    env = {
        **os.environ,
        "DJANGO_SETTINGS_MODULE": "portal.settings.base",
        "SECRET_KEY": secrets.token_urlsafe(48),
        "HTTPS": "false",
        "DEBUG": "false",
        "ALLOWED_HOSTS": "127.0.0.1",
        "TRUSTED_PROXIES": "127.0.0.1",
        "DATABASE_URL": f"sqlite:///{folder / 'db.sqlite3'}",
        "SEARCH_URL": "",
        "TASK_BACKEND": "immediate",
        "EMAIL_URL": "locmem:",
        "CACHE_URL": f"file://{folder / 'cache'}",
        "STATIC_ROOT": str(folder / "static"),
        "MEDIA_ROOT": str(folder / "media"),
        "LOG_LEVEL": "WARNING",
        "ACCESS_LOG_LEVEL": "WARNING",
        "PYTHONPATH": str(ROOT),
    }
    manage = [sys.executable, "manage.py"]
    static = subprocess.Popen([*manage, "collectstatic", "--noinput", "-v0"], cwd=ROOT, env=env)
    setup = subprocess.run(
        [*manage, "shell", "-v", "0", "-c", SETUP],
        cwd=ROOT,
        env=env,
        check=True,
        capture_output=True,
        text=True,
    )
    assert static.wait() == 0
    port = free_port()
    log = open(folder / "gunicorn.log", "wb")  # noqa: SIM115 (closed below)
    env["BASE_URL"] = f"http://127.0.0.1:{port}"
    process = subprocess.Popen(
        [
            str(ROOT / ".venv" / "bin" / "gunicorn"),
            "portal.wsgi",
            "--bind",
            f"127.0.0.1:{port}",
            "--workers",
            "4",
            "--no-control-socket",
        ],
        cwd=ROOT,
        env=env,
        stdout=log,
        stderr=log,
    )
    base = f"http://127.0.0.1:{port}"
    try:
        assert wait_until(lambda: Browser().request(f"{base}/livez")[0] == 200), "no server"
        yield {
            "base": base,
            "database": folder / "db.sqlite3",
            "log": folder / "gunicorn.log",
            **json.loads(setup.stdout.strip().splitlines()[-1]),
        }
    finally:
        process.terminate()
        process.wait(timeout=30)
        log.close()


def person(n):
    """A browser of its own, from an address of its own (forwarded by the proxy)."""
    browser = Browser()
    browser.opener.addheaders.append(("X-Forwarded-For", f"10.0.{n // 250}.{n % 250 + 1}"))
    return browser


def all_at_once(count, submit):
    """Each of `count` people opens the form, then all send it at the same moment.
    Returns the HTTP status each one got (an exception's name if none)."""
    ready = threading.Barrier(count)

    def one(n):
        browser = person(n)
        try:
            return submit(n, browser, ready)
        except (OSError, threading.BrokenBarrierError) as error:
            return type(error).__name__

    with ThreadPoolExecutor(max_workers=count) as pool:
        return list(pool.map(one, range(count)))


def failures(statuses, server):
    """What went wrong, for the assertion message: the answers and the server's errors."""
    errors = [line for line in server["log"].read_text().splitlines() if "Error" in line]
    return Counter(statuses), [line[-300:] for line in errors[-5:]]


def query(server, sql):
    with sqlite3.connect(server["database"]) as connection:
        return dict(connection.execute(sql).fetchall())


def test_60_people_registering_at_once_for_20_places(server):
    url = server["base"] + server["activity"]

    def register(n, browser, ready):
        if browser.request(url)[0] != 200:
            ready.abort()
        ready.wait(timeout=60)
        return browser.request(
            url,
            {
                "name": f"Person {n}",
                "email": f"person{n}@example.se",
                "role": "other",
                "organisation": "Vinnova",
                "consent": "on",
                "csrfmiddlewaretoken": browser.csrf(),
            },
            timeout=60,
        )[0]

    statuses = all_at_once(PEOPLE, register)
    registrations = query(
        server, "SELECT status, count(*) FROM activities_registration GROUP BY status"
    )
    summary = {
        "confirmed": registrations.get("confirmed", 0),
        "waiting": registrations.get("waiting", 0),
        "errors": sum(status != 200 for status in statuses),
    }
    assert summary == {"confirmed": CAPACITY, "waiting": PEOPLE - CAPACITY, "errors": 0}, failures(
        statuses, server
    )


def test_30_people_signing_up_at_once(server):
    url = server["base"] + server["sign_up"]

    def sign_up(n, browser, ready):
        if browser.request(url)[0] != 200:
            ready.abort()
        ready.wait(timeout=60)
        return browser.request(
            url,
            {
                "first_name": "Eva",
                "last_name": f"Ek {n}",
                "email": f"eva.ek{n}@skatteverket.se",
                "password1": PASSWORD,
                "password2": PASSWORD,
                "website": "",
                "csrfmiddlewaretoken": browser.csrf(),
            },
            timeout=60,
        )[0]

    statuses = all_at_once(SIGN_UPS, sign_up)
    accounts = query(
        server,
        "SELECT 'accounts', count(*) FROM auth_user WHERE email LIKE 'eva.ek%@skatteverket.se'",
    )["accounts"]
    assert (statuses.count(200), accounts) == (SIGN_UPS, SIGN_UPS), failures(statuses, server)


def test_reads_do_not_wait_for_a_writer(server):
    """While another process holds the write lock, pages still answer: a read
    that queued for the lock would wait out the busy timeout (20 s) and fail."""
    url = server["base"] + server["activity"]
    writer = sqlite3.connect(server["database"], isolation_level=None)
    try:
        writer.execute("BEGIN IMMEDIATE")
        statuses = [person(500 + n).request(url, timeout=10)[0] for n in range(4)]
        writer.execute("ROLLBACK")
    finally:
        writer.close()
    assert statuses == [200] * 4
