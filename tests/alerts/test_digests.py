"""Digests: what they hold, sending each once, the unsubscribe headers and
one-click unsubscribe, and deleting alerts never confirmed."""

import datetime
from io import StringIO

import pytest
from django.core import mail
from django.core.management import call_command
from django.test import Client
from freezegun import freeze_time

from alerts.models import Alert
from tests.alerts.conftest import path_of

pytestmark = pytest.mark.django_db

CONFIRMED = "2026-03-02 08:00"
NEXT_WEEK = "2026-03-09 06:00"


def send(frequency="weekly"):
    call_command("send_digests", "--frequency", frequency, stdout=StringIO())


@pytest.fixture
def following(confirmed_alert):
    """A Swedish alert for "kundtjänst" in the theme AI, confirmed on CONFIRMED."""
    with freeze_time(CONFIRMED):
        return confirmed_alert(q="kundtjänst", theme="ai-automation")


def test_a_digest_holds_the_new_matching_case_only(following, case_factory):
    case_factory(
        title="Gammal AI i kundtjänst",
        themes=["ai-automation"],
        published=datetime.date(2026, 1, 10),
    )
    new = case_factory(
        title="AI i kundtjänst",
        summary="En chattbot svarar på frågor.",
        themes=["ai-automation"],
        published=datetime.date(2026, 3, 4),
    )
    case_factory(
        title="Kompetens i kundtjänst", themes=["skills"], published=datetime.date(2026, 3, 4)
    )
    case_factory(
        title="AI i diariet", themes=["ai-automation"], published=datetime.date(2026, 3, 5)
    )
    with freeze_time(NEXT_WEEK):
        send()
    [digest] = mail.outbox
    assert digest.to == ["lasare@example.se"]
    assert "1 ny eller uppdaterad erfarenhet" in digest.subject
    assert "AI i kundtjänst" in digest.body
    assert "En chattbot svarar på frågor." in digest.body
    assert f"http://127.0.0.1:8000{new.url}" in digest.body
    assert "Gammal AI" not in digest.body
    assert "Kompetens i kundtjänst" not in digest.body
    assert "AI i diariet" not in digest.body


def test_a_substantially_updated_old_case_is_in_the_digest(following, case_factory):
    case_factory(
        title="Kundtjänst med AI, uppdaterad",
        themes=["ai-automation"],
        published=datetime.date(2025, 5, 1),
        updated=datetime.date(2026, 3, 5),
    )
    case_factory(
        title="Kundtjänst med AI, orörd",
        themes=["ai-automation"],
        published=datetime.date(2025, 5, 1),
        updated=datetime.date(2026, 2, 1),
    )
    with freeze_time(NEXT_WEEK):
        send()
    [digest] = mail.outbox
    assert "Kundtjänst med AI, uppdaterad (uppdaterad)" in digest.body
    assert "orörd" not in digest.body


def test_sending_twice_sends_nothing_twice(following, case_factory):
    case_factory(
        title="AI i kundtjänst", themes=["ai-automation"], published=datetime.date(2026, 3, 4)
    )
    with freeze_time(NEXT_WEEK):
        send()
        send()
    assert len(mail.outbox) == 1
    with freeze_time("2026-03-16 06:00"):
        send()  # nothing new since the last digest: no mail
    assert len(mail.outbox) == 1
    case_factory(
        title="Mer AI i kundtjänst", themes=["ai-automation"], published=datetime.date(2026, 3, 18)
    )
    with freeze_time("2026-03-23 06:00"):
        send()
        send()
    assert len(mail.outbox) == 2
    assert "Mer AI i kundtjänst" in mail.outbox[1].body
    assert "\nAI i kundtjänst" not in mail.outbox[1].body


def test_a_daily_run_leaves_weekly_alerts_alone(following, case_factory):
    case_factory(
        title="AI i kundtjänst", themes=["ai-automation"], published=datetime.date(2026, 3, 4)
    )
    with freeze_time(NEXT_WEEK):
        send("daily")
    assert not mail.outbox
    with freeze_time(NEXT_WEEK):
        send("weekly")
    assert len(mail.outbox) == 1


def test_an_unconfirmed_alert_gets_no_digest(subscribe, case_factory):
    with freeze_time(CONFIRMED):
        subscribe(q="kundtjänst")
    mail.outbox.clear()
    case_factory(title="AI i kundtjänst", published=datetime.date(2026, 3, 4))
    with freeze_time(NEXT_WEEK):
        send()
    assert not mail.outbox


def test_an_english_alert_gets_english_cases_in_english(confirmed_alert, case_factory):
    with freeze_time(CONFIRMED):
        confirmed_alert("en", theme="ai-automation", frequency="daily")
    swedish = case_factory(
        title="AI i kundtjänst", themes=["ai-automation"], published=datetime.date(2026, 3, 2)
    )
    case_factory(
        language="en",
        translation_of=swedish,
        title="AI in customer service",
        summary="A chatbot answers questions.",
        themes=["ai-automation"],
        published=datetime.date(2026, 3, 2),
    )
    with freeze_time("2026-03-03 06:00"):
        send("daily")
    [digest] = mail.outbox
    assert "1 new or updated case you follow" in digest.subject
    assert "AI in customer service" in digest.body
    assert "A chatbot answers questions." in digest.body
    assert "AI i kundtjänst" not in digest.body
    assert "/en/alerts/unsubscribe/" in digest.body


def test_one_click_unsubscribe_ends_the_alert(following, case_factory):
    case_factory(
        title="AI i kundtjänst", themes=["ai-automation"], published=datetime.date(2026, 3, 4)
    )
    with freeze_time(NEXT_WEEK):
        send()
    [digest] = mail.outbox
    assert digest.extra_headers["List-Unsubscribe-Post"] == "List-Unsubscribe=One-Click"
    header = digest.extra_headers["List-Unsubscribe"]
    assert header.startswith("<http") and header.endswith(">")
    unsubscribe = header[1:-1]
    assert unsubscribe in digest.body  # a visible link too
    assert "/bevakning/hantera/" in digest.body
    # A mail program posts without login, cookies or CSRF token.
    response = Client(enforce_csrf_checks=True).post(
        path_of(unsubscribe),
        "List-Unsubscribe=One-Click",
        content_type="application/x-www-form-urlencoded",
    )
    assert response.status_code == 200
    assert not Alert.objects.exists()
    case_factory(
        title="Ny AI i kundtjänst", themes=["ai-automation"], published=datetime.date(2026, 3, 10)
    )
    with freeze_time("2026-03-16 06:00"):
        send()
    assert len(mail.outbox) == 1
    # Posting again (mail programs retry) still answers, and changes nothing.
    assert Client(enforce_csrf_checks=True).post(path_of(unsubscribe)).status_code == 200


def test_the_unsubscribe_link_shows_a_button_before_it_ends_anything(client, following):
    from alerts.links import unsubscribe_url

    url = path_of(unsubscribe_url(following))
    response = client.get(url)
    assert response.status_code == 200
    assert "Avsluta bevakningen" in response.content.decode()
    assert Alert.objects.exists()


def test_unconfirmed_alerts_are_deleted_after_seven_days(subscribe, confirmed_alert):
    with freeze_time("2026-03-02 08:00"):
        subscribe(email="glomsk@example.se")
        kept = confirmed_alert(email="bekraftad@example.se")
    with freeze_time("2026-03-09 07:59"):
        call_command("purge_personal_data", stdout=StringIO())
    assert Alert.objects.filter(email="glomsk@example.se").exists()
    with freeze_time("2026-03-09 08:01"):
        call_command("purge_personal_data", stdout=StringIO())
    assert list(Alert.objects.all()) == [kept]
