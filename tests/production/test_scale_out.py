"""The scale-out recipe: nginx in front of two application servers sharing
PostgreSQL, OpenSearch, Redis and the media folder, with the task worker."""

import json
import re
import signal
import urllib.parse

import pytest

from tests.production.stack import Browser, wait_until

pytestmark = pytest.mark.production

WEBINAR = "/aktiviteter/webbinarium-mata-nytta/"


@pytest.fixture(scope="module")
def case(stack):
    """The first Swedish demo case, as the page API lists it: (page id, path, title)."""
    status, body, _h, _u = stack.get(
        "a", "/api/v2/pages/?type=cases.CaseStudyPage&locale=sv&order=id&limit=1"
    )
    page = json.loads(body)["items"][0]
    return page["id"], urllib.parse.urlsplit(page["meta"]["html_url"]).path, page["title"]


def test_every_server_answers_and_reports_its_services(stack, case):
    _pk, url, _title = case
    for server in ("a", "b", "nginx"):
        for path in ("/", "/en/", "/erfarenheter/", url, "/sok/?q=chattbot"):
            assert stack.get(server, path)[0] == 200, (server, path)
        health = json.loads(stack.get(server, "/healthz")[1])
        assert health == {"database": "ok", "search": "ok", "backend": "opensearch"}
    # nginx serves the collected static files itself.
    stylesheet = re.search(r'href="(/static/[^"]+\.css)"', stack.get("nginx", "/")[1]).group(1)
    status, _body, headers, _u = stack.get("nginx", stylesheet)
    assert status == 200 and headers["Content-Type"].startswith("text/css")


def test_publishing_through_one_server_shows_on_the_other_at_once(stack, case):
    pk, url, title = case
    # nginx keeps anonymous pages (the second request is a hit); the
    # application servers keep none of their own (PAGE_CACHE_SECONDS=0).
    for path in (url, "/erfarenheter/"):
        stack.get("nginx", path)
        status, html, headers, _u = stack.get("nginx", path)
        assert (status, headers["X-Cache-Status"]) == (200, "HIT"), path
        assert "public" in headers["Cache-Control"] and "s-maxage" in headers["Cache-Control"]
    assert f'href="{url}"' in stack.get("nginx", "/erfarenheter/")[1]

    editor = stack.log_in("a")
    status, html, _h, final = editor.form_post(
        stack.url("a", f"/admin/bulk/wagtailcore/page/unpublish/?id={pk}&next=/admin/"), {}
    )
    assert status == 200 and "/admin/login/" not in final
    # Server B shows it at once; nginx once the worker has sent the purge
    # (wagtail.contrib.frontend_cache) for the page and its listing.
    assert stack.get("b", url)[0] == 404
    assert f'href="{url}"' not in stack.get("b", "/erfarenheter/")[1]
    assert wait_until(lambda: stack.get("nginx", url)[0] == 404)
    assert wait_until(lambda: f'href="{url}"' not in stack.get("nginx", "/erfarenheter/")[1])

    # The session made on A works on B (sessions are shared): publish it again there.
    status, html, _h, final = editor.form_post(
        stack.url("b", f"/admin/bulk/wagtailcore/page/publish/?id={pk}&next=/admin/"), {}
    )
    assert status == 200 and "/admin/login/" not in final
    assert stack.get("a", url)[0] == 200
    assert wait_until(lambda: title in stack.get("nginx", url)[1])

    def found_by_engine():
        data = stack.search("nginx", title)
        return data["backend"] == "opensearch" and title in [r["title"] for r in data["results"]]

    assert wait_until(found_by_engine)


def test_a_new_case_reaches_both_servers_and_the_engine_through_the_worker(stack):
    line = json.dumps(
        {
            "id": "scale-out-1",
            "language": "sv",
            "title": "Zebrafinkar räknas med drönare",
            "summary": "Inventering med drönare.",
            "agency": {"name": "Naturvårdsverket"},
            "themes": ["data-sharing"],
            "stage": "pilot",
            "status": "ongoing",
            "challenge": "Inventeringen tog för lång tid.",
            "approach": "Vi testade drönare.",
        },
        ensure_ascii=False,
    )
    path = stack.folder / "case.jsonl"
    path.write_text(line + "\n", encoding="utf-8")
    stack.manage("import_cases", str(path))
    for server in ("a", "b"):
        assert "Zebrafinkar räknas med drönare" in stack.get(server, "/erfarenheter/")[1]

    def found_by_engine():
        data = stack.search("nginx", "zebrafinkar")
        return data["backend"] == "opensearch" and [r["id"] for r in data["results"]]

    assert wait_until(found_by_engine) == ["scale-out-1"]


def test_nginx_keeps_nothing_made_for_one_person(stack, case):
    _pk, url, _title = case
    editor = stack.log_in("nginx")
    for _ in range(2):
        status, html, headers, _u = stack.get("nginx", url, browser=editor)
        assert status == 200 and headers["X-Cache-Status"] == "BYPASS"
        assert "no-store" in headers["Cache-Control"]
    # Searches are logged: each one reaches an application server.
    for _ in range(2):
        status, _html, headers, _u = stack.get("nginx", "/sok/?q=chattbot")
        assert status == 200 and headers.get("X-Cache-Status") in ("MISS", "EXPIRED", None)
    # A page with a form (a CSRF cookie) is never kept.
    for _ in range(2):
        status, _html, headers, _u = stack.get("nginx", WEBINAR)
        assert status == 200 and headers.get("X-Cache-Status") != "HIT"


def register(stack, email):
    browser = Browser()
    status, html, _h, final = browser.form_post(
        stack.url("nginx", WEBINAR),
        {
            "name": "Eva Ek",
            "email": email,
            "role": "other",
            "organisation": "Vinnova",
            "consent": "on",
        },
    )
    return status, html, final


def mail_to(stack, email):
    return [m for m in stack.mails() if email in m.read_text(errors="replace")]


def test_queued_mail_survives_a_worker_restart(stack):
    stack.stop("worker")  # a deploy or a crash: nothing runs the queue now
    status, html, final = register(stack, "eva.ek@example.se")
    assert status == 200 and final.endswith("/registered/")
    assert "Tack! Vi har skickat ett e-postmeddelande" in html
    assert stack.queued_tasks("core.mail.deliver_email") >= 1
    assert mail_to(stack, "eva.ek@example.se") == []

    stack.start_worker()
    assert wait_until(lambda: mail_to(stack, "eva.ek@example.se"))

    # Killed outright while idle: what is queued meanwhile is still delivered.
    stack.stop("worker", signal.SIGKILL)
    status, html, final = register(stack, "olle.ek@example.se")
    assert status == 200 and final.endswith("/registered/")
    stack.start_worker()
    assert wait_until(lambda: mail_to(stack, "olle.ek@example.se"))

    # Killed in the middle of a task: the task stays marked as running. Here the
    # kill is simulated by claiming the queued task for the worker, as the worker
    # does just before it runs one. The restarted worker requeues and sends it.
    stack.stop("worker")
    status, html, final = register(stack, "stina.ek@example.se")
    assert status == 200 and final.endswith("/registered/")
    stack.shell(
        "from django_tasks_db.models import DBTaskResult\n"
        "for task in DBTaskResult.objects.ready().filter(task_path='core.mail.deliver_email'):\n"
        f"    task.claim({stack.WORKER_ID!r})\n"
    )
    stack.start_worker()
    assert wait_until(lambda: mail_to(stack, "stina.ek@example.se"))


def test_media_is_shared_and_served_by_nginx(stack, case):
    _pk, url, _title = case
    images = {
        server: re.findall(r'src="(/media/[^"]+)"', stack.get(server, url)[1])
        for server in ("a", "b")
    }
    assert images["a"], "the demo case has an image"
    # Whichever server made the renditions, both show the same files from the
    # shared folder, and nginx serves them.
    assert images["a"] == images["b"]
    for image in images["a"]:
        status, body, headers, _u = stack.get("nginx", image)
        assert status == 200 and headers["Content-Type"].startswith("image/")
