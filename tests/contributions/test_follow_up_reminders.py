"""Reminders to tell what happened next: the schedule (6, 12 and 24 months
after publication or the last follow-up), sent once, the signed link that
opens the follow-up form without login, and the stopped reason the forms ask for."""

import re
from urllib.parse import urlsplit

import pytest
from django.core import mail
from django.core.management import call_command
from django.test import Client
from freezegun import freeze_time

from cases.models import CaseStudyPage
from tests.contributions.conftest import case_post, logged_in, url

pytestmark = pytest.mark.django_db


def remind(day):
    mail.outbox.clear()
    with freeze_time(day):
        call_command("send_follow_up_reminders", stdout=open("/dev/null", "w"))  # noqa: SIM115
    return list(mail.outbox)


def link_in(message):
    return urlsplit(re.search(r"https?://\S+/(?:uppfoljning|follow-up)/\S+/", message.body)[0]).path


@pytest.fixture
def case(make_case, contributor, colleague, outsider):
    page = make_case(title="Digital post", published="2024-01-15")
    page.owner = contributor
    page.save(update_fields=["owner"])
    page.save_revision(user=colleague)  # a colleague at the agency edited it
    page.save_revision(user=outsider)  # no contributor of this agency: never reminded
    return page


def test_reminders_at_6_12_and_24_months_each_once(case):
    assert remind("2024-07-14") == []
    sent = remind("2024-07-15")
    assert len(sent) == 1
    assert sorted(sent[0].to) == sorted(
        ["anna.andersson@skatteverket.se", "anna@skatteverket.se", "bo@skatteverket.se"]
    )
    assert sent[0].subject == "Vad hände sedan med ”Digital post”?"
    assert "Det har gått 6 månader sedan er erfarenhet" in sent[0].body
    assert remind("2024-07-15") == []  # running twice sends nothing twice
    assert remind("2024-12-01") == []
    assert "12 månader" in remind("2025-01-15")[0].body
    assert remind("2025-01-16") == []
    assert "24 månader" in remind("2026-01-15")[0].body
    assert remind("2027-06-01") == []


def test_a_follow_up_starts_the_reminders_over(case, client):
    path = link_in(remind("2024-07-15")[0])
    with freeze_time("2024-08-01"):
        response = client.post(path, {"text": "Nu används den av alla kontor."})
    assert response.status_code == 302
    # The next reminder is 6 months after the follow-up, not 12 after publication.
    assert remind("2025-01-15") == []
    sent = remind("2025-02-01")
    assert len(sent) == 1 and "6 månader sedan den senaste uppföljningen" in sent[0].body
    assert remind("2025-02-02") == []


def test_signed_link_adds_a_follow_up_without_login(case, client):
    with freeze_time("2024-07-15"):
        path = link_in(remind("2024-07-15")[0])
    with freeze_time("2024-08-01"):
        form = client.get(path)
        assert form.status_code == 200
        assert "Vad hände sedan?" in form.content.decode()
        response = client.post(path, {"text": "Nu används den av alla kontor.", "status": ""})
        assert response.status_code == 302
        thanks = client.get(response["Location"])
    assert "Din uppföljning är publicerad" in thanks.content.decode()
    case.refresh_from_db()
    assert [(f.date.isoformat(), f.text) for f in case.follow_ups.all()] == [
        ("2024-08-01", "Nu används den av alla kontor.")
    ]
    assert "Nu används den av alla kontor." in Client().get(case.url).content.decode()


def test_follow_up_form_in_english_stops_the_case_with_a_reason(make_case, client, site):
    case = make_case(language="en", title="Voice robot", published="2024-01-15")
    message = remind("2024-07-15")[0]
    assert message.subject == "What happened next with “Voice robot”?"
    path = link_in(message)
    assert path.startswith("/en/follow-up/")
    with freeze_time("2024-08-01"):
        response = client.post(path, {"text": "We shut it down.", "status": "stopped"})
        assert response.status_code == 400
        page = response.content.decode()
        assert "Choose why the case was stopped." in page
        assert "We shut it down." in page  # what was typed is kept
        response = client.post(
            path,
            {
                "text": "We shut it down.",
                "status": "stopped",
                "stopped_reason_kind": "no-owner",
                "stopped_reason_text": "No unit could run it.",
            },
        )
    assert response.status_code == 302
    case.refresh_from_db()
    assert (case.status, case.stopped_reason_kind) == ("stopped", "no-owner")
    page = Client().get(case.url).content.decode()
    assert "No one to run it" in page and "We shut it down." in page


def test_bad_or_expired_link_gives_a_clear_page(case, client):
    with freeze_time("2024-07-15"):
        path = link_in(remind("2024-07-15")[0])
    broken = client.get(path[:-3] + "xx/")
    assert broken.status_code == 400
    assert "Länken fungerar inte" in broken.content.decode()
    with freeze_time("2024-09-20"):
        expired = client.get(path)
        english = client.get("/en" + path.replace("/uppfoljning/", "/follow-up/"))
    assert expired.status_code == 410
    assert "har gått ut" in expired.content.decode()
    assert english.status_code == 410 and "has expired" in english.content.decode()
    with freeze_time("2024-09-20"):
        assert client.post(path, {"text": "Sent."}).status_code == 410
    case.refresh_from_db()
    assert not case.follow_ups.exists()


def test_stopped_cases_are_not_reminded(make_case):
    make_case(status="stopped", published="2024-01-15")
    assert remind("2024-07-15") == []


def test_contributor_form_needs_a_reason_for_a_stopped_case(contributor):
    client = logged_in(contributor)
    response = client.post(url("new"), case_post(action="submit", status="stopped"))
    assert response.status_code == 200
    html = response.content.decode()
    assert "Välj varför projektet avbröts." in html
    assert "Digital post till alla företag" in html  # nothing typed is lost
    assert not CaseStudyPage.objects.exists()
    response = client.post(
        url("new"),
        case_post(
            action="submit",
            status="stopped",
            stopped_reason_kind="technology",
            stopped_reason_text="Systemet klarade inte lasten.",
            evidence_level="2",
        ),
    )
    assert response.status_code == 302
    page = CaseStudyPage.objects.get().get_latest_revision_as_object()
    assert (page.stopped_reason_kind, page.evidence_level) == ("technology", 2)


def test_contributor_form_explains_each_evidence_level(contributor):
    html = logged_in(contributor).get(url("new")).content.decode()
    assert "Hur vet ni vilka resultaten blev?" in html
    assert "<strong>3. Jämfört med en grupp utan förändringen</strong>" in html
    assert "Någon utanför projektet" in html
