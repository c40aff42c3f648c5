"""Operations: request ids in JSON logs, error pages in both languages that
work with the database down, and production settings that refuse a
development secret key."""

import json
import logging
import os
import secrets
import socket
import subprocess
import sys
import time
import urllib.error
import urllib.request
from pathlib import Path

import pytest
from django.test import RequestFactory

from core.errors import server_error
from core.json_logs import JsonFormatter
from core.request_id import RequestIdFilter

ROOT = Path(__file__).resolve().parents[2]


def access_lines(caplog):
    formatter = JsonFormatter()
    return [json.loads(formatter.format(r)) for r in caplog.records if r.name == "portal.request"]


@pytest.mark.django_db
def test_each_request_gets_an_id_in_the_response_and_the_json_log(client, site, caplog):
    caplog.set_level(logging.INFO, logger="portal.request")
    response = client.get("/erfarenheter/", {"email": "anna@skatteverket.se"})
    request_id = response["X-Request-ID"]
    assert len(request_id) == 32
    [line] = access_lines(caplog)
    assert line["request_id"] == request_id
    assert (line["method"], line["path"], line["status"]) == ("GET", "/erfarenheter/", 200)
    assert line["level"] == "INFO" and line["time"].endswith("+00:00")
    assert "skatteverket" not in json.dumps(line)  # the query string is not logged
    # A line written after the request is over carries no (stale) id.
    after = logging.LogRecord("portal", logging.WARNING, __file__, 1, "later", None, None)
    RequestIdFilter().filter(after)
    assert after.request_id is None


@pytest.mark.django_db
def test_a_proxy_request_id_is_kept_and_a_malformed_one_replaced(client, site):
    assert client.get("/", HTTP_X_REQUEST_ID="nginx-4f2a.7")["X-Request-ID"] == "nginx-4f2a.7"
    for bad in ("<script>\n", "a" * 65, "id with spaces"):
        replaced = client.get("/", HTTP_X_REQUEST_ID=bad)["X-Request-ID"]
        assert replaced != bad and len(replaced) == 32


@pytest.mark.django_db
@pytest.mark.parametrize(
    "path, lang, heading, home, search",
    [
        ("/finns-inte/", "sv", "Sidan finns inte", "/", "/sok/"),
        ("/en/no-such-page/", "en", "Page not found", "/en/", "/en/search/"),
    ],
)
def test_not_found_page_in_the_readers_language(client, site, path, lang, heading, home, search):
    response = client.get(path)
    html = response.content.decode()
    assert response.status_code == 404
    assert f'<html lang="{lang}">' in html
    assert f"<h1>{heading}</h1>" in html and '<main id="main"' in html
    assert f'href="{home}"' in html and f'href="{search}"' in html


@pytest.mark.parametrize(
    "path, lang, heading",
    [
        ("/erfarenheter/", "sv", "Något gick fel"),
        ("/en/cases/", "en", "Something went wrong"),
    ],
)
def test_server_error_page_needs_neither_database_nor_session(path, lang, heading):
    # No django_db mark: any database query here would fail the test, and a
    # bare RequestFactory request has no session to read.
    response = server_error(RequestFactory().get(path))
    html = response.content.decode()
    assert response.status_code == 500
    assert f'<html lang="{lang}">' in html and f"<h1>{heading}</h1>" in html


def free_port():
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def fetch(url, request_id=None):
    headers = {"X-Request-ID": request_id} if request_id else {}
    request = urllib.request.Request(url, headers=headers)
    try:
        with urllib.request.urlopen(request, timeout=10) as response:
            return response.status, response.read().decode()
    except urllib.error.HTTPError as error:
        return error.code, error.read().decode()


def test_error_pages_and_healthz_when_the_database_is_down(tmp_path):
    """A production server whose PostgreSQL does not answer: readers get the
    localized error page, /healthz says the database is down."""
    env = {
        **os.environ,
        "DJANGO_SETTINGS_MODULE": "portal.settings.base",
        "SECRET_KEY": secrets.token_urlsafe(48),
        "HTTPS": "false",
        "DEBUG": "false",
        "ALLOWED_HOSTS": "127.0.0.1",
        "SEARCH_URL": "",
        "STATIC_ROOT": str(tmp_path / "static"),
        "DATABASE_URL": f"postgres://postgres@127.0.0.1:{free_port()}/nothing",
        "CACHE_URL": "locmem:",
    }
    subprocess.run(
        [sys.executable, "manage.py", "collectstatic", "--noinput", "-v0"],
        cwd=ROOT,
        env=env,
        check=True,
    )
    port = free_port()
    env["BASE_URL"] = f"http://127.0.0.1:{port}"
    log = tmp_path / "server.log"
    with open(log, "w") as stderr:
        server = subprocess.Popen(
            [
                str(ROOT / ".venv" / "bin" / "gunicorn"),
                "portal.wsgi",
                "--bind",
                f"127.0.0.1:{port}",
                "--workers",
                "1",
            ],
            cwd=ROOT,
            env=env,
            stderr=stderr,
        )
    try:
        for _ in range(100):
            try:
                status, body = fetch(f"http://127.0.0.1:{port}/healthz")
                break
            except OSError:
                time.sleep(0.2)
        assert status == 503
        assert json.loads(body)["database"] == "down"
        status, html = fetch(f"http://127.0.0.1:{port}/", request_id="front-page-1")
        assert status == 500
        assert '<html lang="sv">' in html and "<h1>Något gick fel</h1>" in html
        assert 'href="/sok/"' in html and "Server Error" not in html
        status, html = fetch(f"http://127.0.0.1:{port}/en/", request_id="english-1")
        assert status == 500
        assert '<html lang="en">' in html and "<h1>Something went wrong</h1>" in html
        assert 'href="/en/search/"' in html and "Traceback" not in html
    finally:
        server.terminate()
        server.wait(timeout=20)
    # The operators' side: JSON lines, each tied to its request.
    lines = [json.loads(text) for text in log.read_text().splitlines() if text.startswith("{")]
    front = [line for line in lines if line.get("request_id") == "front-page-1"]
    assert {"logger": "portal.request", "method": "GET", "path": "/", "status": 500} in [
        {key: line.get(key) for key in ("logger", "method", "path", "status")} for line in front
    ]
    [error] = [line for line in front if line["level"] == "ERROR"]
    assert "OperationalError" in error["exc_info"]
    # Django's own line for a 503 is written after the middleware returned.
    assert any(
        line["message"] == "Service Unavailable: /healthz" and line.get("request_id")
        for line in lines
    )


@pytest.mark.parametrize(
    "key",
    [
        "",
        "too-short-0123456789",
        "dev-only-insecure-key-0123456789abcdefghijklmnop",
        "test-only-insecure-key-0123456789abcdefghijklmnop",
        "django-insecure-0123456789abcdefghijklmnopqrstuvwxyz",
    ],
)
def test_production_settings_refuse_a_development_secret_key(key):
    env = {**os.environ, "DJANGO_SETTINGS_MODULE": "portal.settings.base", "SECRET_KEY": key}
    result = subprocess.run(
        [sys.executable, "-c", "import django; django.setup()"],
        cwd=ROOT,
        env=env,
        capture_output=True,
        text=True,
    )
    assert result.returncode != 0
    assert "SECRET_KEY must be set to a random value" in result.stderr


def test_production_settings_start_with_a_real_secret_key():
    env = {
        **os.environ,
        "DJANGO_SETTINGS_MODULE": "portal.settings.base",
        "SECRET_KEY": secrets.token_urlsafe(48),
    }
    result = subprocess.run(
        [sys.executable, "-c", "import django; django.setup()"],
        cwd=ROOT,
        env=env,
        capture_output=True,
        text=True,
    )
    assert result.returncode == 0, result.stderr


def test_production_refuses_to_start_without_its_public_address(tmp_path):
    """Links in e-mails need the portal's address: BASE_URL, or a default Site
    with a real hostname (an empty database has none)."""
    env = {
        **os.environ,
        "DJANGO_SETTINGS_MODULE": "portal.settings.base",
        "SECRET_KEY": secrets.token_urlsafe(48),
        "DATABASE_URL": f"sqlite:///{tmp_path / 'db.sqlite3'}",
        "SEARCH_URL": "",
        "CACHE_URL": "locmem:",
        "BASE_URL": "",
    }
    start = [sys.executable, "-c", "import portal.wsgi"]
    result = subprocess.run(start, cwd=ROOT, env=env, capture_output=True, text=True)
    assert result.returncode != 0
    assert "ImproperlyConfigured: BASE_URL must be set" in result.stderr
    env["BASE_URL"] = "https://erfarenhetsbanken.partsradet.se"
    result = subprocess.run(start, cwd=ROOT, env=env, capture_output=True, text=True)
    assert result.returncode == 0, result.stderr
