"""Faults while the portal serves: a full media disk, a killed application
worker, a PostgreSQL restart, OpenSearch stopped. Each test asserts what
readers and editors see and what is stored, never how fast."""

import io
import random
import re
import subprocess
import threading
import time

import pytest
from PIL import Image

from tests.production.stack import ROOT, Browser, wait_until

pytestmark = pytest.mark.production
WEBINAR = "/aktiviteter/webbinarium-mata-nytta/"


def noisy_png(size=400):
    """An image that does not compress: bigger than the tiny disk below."""
    image = Image.frombytes("RGB", (size, size), random.randbytes(size * size * 3))
    out = io.BytesIO()
    image.save(out, "PNG")
    return out.getvalue()


def test_a_full_media_disk_fails_the_upload_clearly_and_keeps_nothing(stack):
    disk = stack.folder / "tiny-disk"
    disk.mkdir()
    subprocess.run(["mount", "-t", "tmpfs", "-o", "size=256k", "tmpfs", str(disk)], check=True)
    try:
        stack.start_app("c", MEDIA_ROOT=str(disk))
        editor = stack.log_in("c")
        status, html, _h, _u = editor.request(stack.url("c", "/admin/images/add/"))
        collection = re.search(r'name="collection"[^>]*>\s*<option value="(\d+)"', html)
        status, html = editor.upload(
            stack.url("c", "/admin/images/add/"),
            {
                "csrfmiddlewaretoken": editor.csrf(),
                "title": "Full disk test",
                "collection": collection.group(1) if collection else "1",
            },
            "stor-bild.png",
            noisy_png(),
            "image/png",
        )
        assert status == 507
        assert "Filen kunde inte sparas" in html or "The file could not be saved" in html
        files = [p for p in disk.rglob("*") if p.is_file()]
        assert files == []  # no half-written file
        assert (
            stack.shell(
                "from wagtail.images.models import Image; "
                "print(Image.objects.filter(title='Full disk test').count())"
            )
            == "0"
        )
    finally:
        stack.stop("c")
        subprocess.run(["umount", str(disk)], check=False)


def run_while_killing_workers(stack, client, clients):
    """client(n) for n in range(clients) at once, while one application worker of
    server A is SIGKILLed every 0.4 s (its master starts a new one) until all end."""
    threads = [threading.Thread(target=client, args=(n,)) for n in range(clients)]
    for t in threads:
        t.start()
    kills = 0
    while any(t.is_alive() for t in threads):
        for pid in stack.worker_pids("a")[:1]:
            subprocess.run(["kill", "-9", str(pid)], check=False)
            kills += 1
        time.sleep(0.4)
    for t in threads:
        t.join()
    assert kills > 0


def test_killing_application_workers_mid_request_loses_no_registration(stack):
    outcomes, lock = [], threading.Lock()

    def register_many(n):
        for i in range(6):
            email = f"kill-{n}-{i}@example.se"
            try:
                status, html, _h, final = Browser().form_post(
                    stack.url("nginx", WEBINAR),
                    {
                        "name": f"Person {n} {i}",
                        "email": email,
                        "role": "other",
                        "organisation": "Vinnova",
                        "consent": "on",
                    },
                )
                ok = status == 200 and final.endswith("/registered/")
            except OSError:  # no answer: the person was not told it worked
                ok = False
            with lock:
                outcomes.append((email, ok))

    run_while_killing_workers(stack, register_many, 6)

    stored = stack.shell(
        "from activities.models import Participant; "
        "print(' '.join(Participant.objects.filter(email__startswith='kill-')"
        ".values_list('email', flat=True)))"
    ).split()
    confirmed = [email for email, ok in outcomes if ok]
    assert confirmed, "some registrations went through"
    for email in confirmed:  # everyone told "you are registered" is registered, once
        assert stored.count(email) == 1
    assert len(stored) == len(set(stored))  # and no one twice
    # Each stored registration has its confirmation: it was queued in the same transaction.
    stack.ensure_worker()
    for email in stored:
        assert wait_until(
            lambda e=email: [m for m in stack.mails() if e in m.read_text(errors="replace")]
        )


def test_killing_application_workers_mid_request_loses_no_submitted_case(stack):
    from tests.contributions.conftest import case_post

    password = "ett-langt-losenord-42"
    stack.shell(
        "from cases.snippets import Agency\n"
        "from contributions.accounts import create_contributor\n"
        "agency = Agency.objects.order_by('pk').first()\n"
        "for n in range(3):\n"
        f"    user = create_contributor(f'kill-author-{{n}}@example.se', agency, {password!r})\n"
        "    user.is_active = True\n"
        "    user.save()\n"
    )
    authors = []
    for n in range(3):
        author = Browser()
        _s, _html, _h, final = author.form_post(
            stack.url("nginx", "/konto/logga-in/"),
            {"username": f"kill-author-{n}@example.se", "password": password},
        )
        assert final.endswith("/mina-bidrag/"), "the contributor could not log in"
        authors.append(author)
    outcomes, answers, lock = [], [], threading.Lock()

    def submit_many(n):
        for i in range(4):
            title = f"Avbrutet fall {n}-{i}"
            try:
                status, html, _h, final = authors[n].form_post(
                    stack.url("nginx", "/dela/"), case_post(action="submit", title=title)
                )
                ok = status == 200 and final.endswith("/mina-bidrag/")
                answers.append(
                    (status, final, re.findall(r'class="[^"]*error[^"]*"[^>]*>([^<]+)', html)[:3])
                )
            except OSError:  # no answer: the contributor was not told it worked
                ok = False
            with lock:
                outcomes.append((title, ok))

    run_while_killing_workers(stack, submit_many, 3)

    stored = stack.shell(
        "from cases.models import CaseStudyPage\n"
        "for p in CaseStudyPage.objects.filter(draft_title__startswith='Avbrutet fall'):\n"
        "    print(f'{p.draft_title}|{p.workflow_in_progress}|{p.latest_revision_id is not None}')"
    ).splitlines()
    titles = [line.split("|")[0] for line in stored]
    confirmed = [title for title, ok in outcomes if ok]
    assert confirmed, f"no case went through: {answers}"
    for title in confirmed:  # every case the contributor was told was sent is there, once
        assert titles.count(title) == 1
    assert len(titles) == len(set(titles))  # none twice
    # Nothing half-done: every stored case has its draft and is with the editors.
    assert all(line.endswith("|True|True") for line in stored), stored


def test_a_postgresql_restart_fails_requests_only_while_it_is_down(stack):
    results, stop = [], threading.Event()

    def load():
        while not stop.is_set():
            started = time.monotonic()
            try:
                status, html, _h, _u = stack.get("nginx", "/sok/?q=chattbot")
            except OSError:  # no answer at all (counted as a failure)
                status, html = 0, ""
            results.append((started, time.monotonic(), status, html))
            time.sleep(0.05)

    thread = threading.Thread(target=load)
    thread.start()
    try:
        # A few answered requests first (a busy machine may need more than a second).
        wait_until(lambda: sum(1 for r in list(results) if r[2] == 200) >= 3, 60)
        down_at = time.monotonic()
        subprocess.run([str(ROOT / "scripts" / "postgres.sh"), "stop"], check=True)
        time.sleep(2)
        subprocess.run([str(ROOT / "scripts" / "postgres.sh"), "start"], check=True)
        up_at = time.monotonic()
        recovered = wait_until(lambda: stack.get("nginx", "/healthz")[0] == 200, 60)
        recovered_at = time.monotonic()
        time.sleep(2)
    finally:
        stop.set()
        thread.join()
        stack.ensure_worker()
    assert recovered, "the application did not recover by itself"
    # Requests answered before the stop, started after recovery, and in between.
    before = [s for _t, end, s, _h in results if end < down_at]
    after = [s for t, _end, s, _h in results if t > recovered_at]
    during = [(s, h) for t, end, s, h in results if end >= down_at and t <= up_at]
    assert before and set(before) == {200}
    assert after and set(after) == {200}
    failures = [(s, h) for s, h in during if s != 200]
    assert failures, "requests while PostgreSQL was down should fail"
    for status, html in failures:  # a clear page, not a stack trace
        assert status in {0, 500, 502, 503}
        if status == 500:
            assert "Något gick fel" in html


def test_opensearch_stopped_degrades_search_and_indexing_catches_up(stack):
    script = str(ROOT / "scripts" / "opensearch.sh")
    subprocess.run([script, "stop"], check=True)
    try:
        assert wait_until(lambda: stack.search("nginx", "chattbot").get("degraded"), 30)
        data = stack.search("nginx", "chattbot")
        assert data["backend"] == "database" and data["total"] > 0
        # Each worker remembers the engine's reachability for a few seconds
        # (search/engine.py): /healthz may reach one that has not yet looked.
        assert wait_until(lambda: '"search": "degraded"' in stack.get("nginx", "/healthz")[1], 30)
        assert stack.get("nginx", "/sok/?q=chattbot")[0] == 200

        path = stack.folder / "outage-case.jsonl"
        path.write_text(
            '{"id": "outage-1", "language": "sv", "title": "Kungsörnar inventeras med AI", '
            '"summary": "Under avbrottet.", "agency": {"name": "Naturvårdsverket"}, '
            '"themes": ["ai-automation"], "stage": "pilot", "status": "ongoing", '
            '"challenge": "Text.", "approach": "Text."}\n',
            encoding="utf-8",
        )
        stack.manage("import_cases", str(path))
        data = stack.search("nginx", "kungsörnar")
        assert [r["id"] for r in data["results"]] == ["outage-1"]  # from the database
    finally:
        subprocess.run([script, "start"], check=True)

    def found_by_engine():
        data = stack.search("nginx", "kungsörnar")
        return not data.get("degraded") and [r["id"] for r in data["results"]]

    assert wait_until(found_by_engine, 120) == ["outage-1"]
