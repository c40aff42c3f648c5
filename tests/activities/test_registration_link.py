"""The signed link in the e-mails: the registrant sees what is stored about the
registration and can delete it (freeing the place); tampered, expired and late
links are refused with a message in the reader's language."""

import datetime
import re

import pytest
from django.core import mail
from django.test import Client, override_settings
from django.utils import timezone
from freezegun import freeze_time

from activities.links import cancel_token, cancel_url
from activities.models import Participant, Registration, Role
from activities.registration import register
from tests.activities.conftest import person

CONFIRM = {"confirm": "on"}


def link_in(message):
    return re.search(r"http://\S+/(?:avboka|cancel)/\S+/", message.body).group(0)


def path_of(url):
    return url.split("://", 1)[1].split("/", 1)[1].join(["/", ""])


def test_the_link_shows_what_is_stored_and_deletes_it(make_activity, client):
    activity = make_activity(capacity=1)
    first = register(
        activity,
        [person(name="Anna Ek", email="a@example.se", dietary_needs="Vegansk")],
        organisation="Vinnova",
    )
    waiting = register(activity, [person(email="b@example.se")], organisation="Vinnova")
    url = path_of(link_in(mail.outbox[0]))
    page = client.get(url)
    html = page.content.decode()
    assert page.status_code == 200
    assert "no-store" in page["Cache-Control"]
    for stored in ("Anna Ek", "a@example.se", "Vinnova", "Vegansk", "Det här sparar vi om anmälan"):
        assert stored in html
    first.refresh_from_db()
    assert first.status == "confirmed"  # GET changes nothing

    # Nothing is deleted without the confirmation.
    unconfirmed = client.post(url)
    assert unconfirmed.status_code == 400
    assert "Kryssa i rutan" in unconfirmed.content.decode()
    assert Participant.objects.filter(registration=first).exists()

    mail.outbox.clear()
    response = client.post(url, CONFIRM)
    assert response.status_code == 200
    assert "Din anmälan är borttagen" in response.content.decode()
    first.refresh_from_db()
    waiting.refresh_from_db()
    assert (first.status, waiting.status) == ("cancelled", "confirmed")
    assert first.anonymised_at is not None
    assert not Participant.objects.filter(registration=first).exists()
    receipt = next(m for m in mail.outbox if m.to == ["a@example.se"])
    assert receipt.subject.startswith("Anmälan borttagen")
    assert any(m.to == ["b@example.se"] and "plats" in m.subject for m in mail.outbox)

    # Following the link again shows that nothing is stored any more.
    again = client.get(url)
    assert again.status_code == 200
    assert "Anna Ek" not in again.content.decode()
    assert "Vi sparar inte längre" in again.content.decode()
    assert client.post(url, CONFIRM).status_code == 200
    assert Registration.objects.filter(status="confirmed").count() == 1


def test_english_link_shows_and_deletes_in_english(make_activity, client):
    activity = make_activity(english=True)
    registration = register(
        activity,
        [person(name="Ann Oak", email="ann@example.org")],
        organisation="Vinnova",
        language="en",
    )
    url = cancel_url(registration)
    assert "/en/activities/cancel/" in url
    page = client.get(path_of(url)).content.decode()
    assert "What we store about the registration" in page and "Ann Oak" in page
    assert "Only the organisers see this. We delete it 90 days after the activity" in page
    response = client.post(path_of(url), CONFIRM)
    assert "Your registration is deleted" in response.content.decode()
    assert mail.outbox[-1].subject.startswith("Registration deleted: Innovation day")
    assert "name, e-mail address and needs" in mail.outbox[-1].body


def test_a_pair_sees_both_and_deleting_removes_both(make_activity, agency, client):
    activity = make_activity(joint_registration=True, capacity=2)
    registration = register(
        activity,
        [
            person(role=Role.EMPLOYER, name="Eva Ek", email="eva@example.se"),
            person(role=Role.EMPLOYEE, name="Olof Berg", email="olof@example.se"),
        ],
        agency=agency,
    )
    url = path_of(cancel_url(registration))
    html = client.get(url).content.decode()
    assert "Eva Ek" in html and "Olof Berg" in html and "Skatteverket" in html
    assert "uppgifterna om oss båda" in html
    client.post(url, CONFIRM)
    assert not Participant.objects.exists()
    receipt = mail.outbox[-1]
    assert sorted(receipt.to) == ["eva@example.se", "olof@example.se"]
    assert receipt.body.startswith("Er gemensamma anmälan till")


@pytest.mark.parametrize(
    "prefix, expected",
    [
        ("/aktiviteter/avboka/", "Länken fungerar inte"),
        ("/en/activities/cancel/", "The link does not work"),
    ],
)
def test_tampered_link_is_refused(make_activity, client, prefix, expected):
    activity = make_activity()
    registration = register(activity, [person()], organisation="Vinnova")
    token = cancel_token(registration)
    forged = token.replace(token.split(":")[0], token.split(":")[0][:-2] + "xy")
    response = client.post(f"{prefix}{forged}/", CONFIRM)
    assert response.status_code == 400
    assert expected in response.content.decode()
    registration.refresh_from_db()
    assert registration.status == "confirmed" and registration.participants.exists()


def test_link_for_another_registration_id_is_refused(make_activity, client):
    activity = make_activity()
    registration = register(activity, [person()], organisation="Vinnova")
    token = cancel_token(registration)
    payload, rest = token.split(":", 1)
    other = register(activity, [person()], organisation="Vinnova")
    other_payload = cancel_token(other).split(":", 1)[0]
    response = client.post(f"/aktiviteter/avboka/{other_payload}:{rest}/", CONFIRM)
    assert response.status_code == 400


@pytest.mark.parametrize(
    "language, expected",
    [("sv", "Länken har slutat gälla"), ("en", "The link has expired")],
)
def test_expired_link_is_refused(make_activity, client, language, expected):
    activity = make_activity(
        english=True,
        starts_in=datetime.timedelta(days=500),
        opens_in=datetime.timedelta(days=-1),
    )
    registration = register(activity, [person()], organisation="Vinnova", language=language)
    url = path_of(cancel_url(registration))
    with freeze_time(timezone.now() + datetime.timedelta(days=366)):
        response = client.post(url, CONFIRM)
    assert response.status_code == 410
    assert expected in response.content.decode()
    registration.refresh_from_db()
    assert registration.status == "confirmed" and registration.participants.exists()


def test_after_the_deadline_the_place_is_kept_until_the_activity_is_over(make_activity, client):
    activity = make_activity(
        starts_in=datetime.timedelta(days=10),
        cancellation_deadline=timezone.now() + datetime.timedelta(days=5),
    )
    registration = register(activity, [person(name="Anna Ek")], organisation="Vinnova")
    url = path_of(cancel_url(registration))
    with freeze_time(timezone.now() + datetime.timedelta(days=6)):
        shown = client.get(url)
        response = client.post(url, CONFIRM)
    assert shown.status_code == 200
    assert "Anna Ek" in shown.content.decode()  # still shown
    assert 'name="confirm"' not in shown.content.decode()
    assert response.status_code == 403
    assert "Sista dagen för avbokning har passerat" in response.content.decode()
    registration.refresh_from_db()
    assert registration.status == "confirmed" and registration.participants.exists()
    # Once the activity is over, the data can go.
    with freeze_time(timezone.now() + datetime.timedelta(days=11)):
        done = client.post(url, CONFIRM)
    assert done.status_code == 200
    registration.refresh_from_db()
    assert registration.status == "confirmed"  # attended: still counted
    assert not registration.participants.exists()


def test_deleting_needs_the_csrf_token(make_activity):
    activity = make_activity()
    registration = register(activity, [person()], organisation="Vinnova")
    url = path_of(cancel_url(registration))
    strict = Client(enforce_csrf_checks=True)
    assert strict.post(url, CONFIRM).status_code == 403
    assert registration.participants.exists()
    page = strict.get(url).content.decode()
    token = re.search(r'name="csrfmiddlewaretoken" value="([^"]+)"', page).group(1)
    assert strict.post(url, {**CONFIRM, "csrfmiddlewaretoken": token}).status_code == 200
    assert not registration.participants.exists()


@override_settings(ACTIVITIES_REGISTRATION_RATE_LIMIT=1)
def test_posts_to_links_are_rate_limited(make_activity, client):
    activity = make_activity()
    one = register(activity, [person()], organisation="Vinnova")
    two = register(activity, [person()], organisation="Vinnova")
    assert client.post(path_of(cancel_url(one)), CONFIRM).status_code == 200
    refused = client.post(path_of(cancel_url(two)), CONFIRM)
    assert refused.status_code == 429
    assert two.participants.exists()
