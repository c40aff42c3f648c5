"""The signed cancellation link from the e-mail: valid, tampered, expired, too late."""

import datetime
import re

from django.core import mail
from django.utils import timezone
from freezegun import freeze_time

from activities.links import cancel_token, cancel_url
from activities.models import Registration
from activities.registration import register
from tests.activities.conftest import person


def link_in(message):
    return re.search(r"http://\S+/avboka/\S+/", message.body).group(0)


def path_of(url):
    return url.split("://", 1)[1].split("/", 1)[1].join(["/", ""])


def test_confirmation_email_link_cancels_and_promotes_next(make_activity, client):
    activity = make_activity(capacity=1)
    first = register(activity, [person(email="a@example.se")], organisation="Vinnova")
    waiting = register(activity, [person(email="b@example.se")], organisation="Vinnova")
    url = path_of(link_in(mail.outbox[0]))
    page = client.get(url)
    assert page.status_code == 200
    assert "Avboka" in page.content.decode()
    first.refresh_from_db()
    assert first.status == "confirmed"  # GET changes nothing
    mail.outbox.clear()
    response = client.post(url)
    assert response.status_code == 200
    assert "Din anmälan är avbokad" in response.content.decode()
    first.refresh_from_db()
    waiting.refresh_from_db()
    assert (first.status, waiting.status) == ("cancelled", "confirmed")
    assert any(m.to == ["b@example.se"] and "plats" in m.subject for m in mail.outbox)
    # Following the link again is harmless.
    again = client.post(url)
    assert again.status_code == 200
    assert Registration.objects.filter(status="confirmed").count() == 1


def test_english_link_uses_english_url(make_activity, client):
    activity = make_activity(english=True)
    registration = register(activity, [person()], organisation="Vinnova", language="en")
    url = cancel_url(registration)
    assert "/en/activities/cancel/" in url
    assert client.get(path_of(url)).status_code == 200


def test_tampered_link_is_refused(make_activity, client):
    activity = make_activity()
    registration = register(activity, [person()], organisation="Vinnova")
    token = cancel_token(registration)
    forged = token.replace(token.split(":")[0], token.split(":")[0][:-2] + "xy")
    response = client.post(f"/aktiviteter/avboka/{forged}/")
    assert response.status_code == 400
    assert "Länken fungerar inte" in response.content.decode()
    registration.refresh_from_db()
    assert registration.status == "confirmed"


def test_link_for_another_registration_id_is_refused(make_activity, client):
    activity = make_activity()
    registration = register(activity, [person()], organisation="Vinnova")
    token = cancel_token(registration)
    payload, rest = token.split(":", 1)
    other = register(activity, [person()], organisation="Vinnova")
    other_payload = cancel_token(other).split(":", 1)[0]
    response = client.post(f"/aktiviteter/avboka/{other_payload}:{rest}/")
    assert response.status_code == 400


def test_expired_link_is_refused(make_activity, client):
    activity = make_activity(
        starts_in=datetime.timedelta(days=500), opens_in=datetime.timedelta(days=-1)
    )
    registration = register(activity, [person()], organisation="Vinnova")
    url = path_of(cancel_url(registration))
    with freeze_time(timezone.now() + datetime.timedelta(days=366)):
        response = client.post(url)
    assert response.status_code == 410
    assert "Länken har slutat gälla" in response.content.decode()
    registration.refresh_from_db()
    assert registration.status == "confirmed"


def test_link_after_the_cancellation_deadline_is_refused(make_activity, client):
    activity = make_activity(
        starts_in=datetime.timedelta(days=10),
        cancellation_deadline=timezone.now() + datetime.timedelta(days=5),
    )
    registration = register(activity, [person()], organisation="Vinnova")
    url = path_of(cancel_url(registration))
    with freeze_time(timezone.now() + datetime.timedelta(days=6)):
        shown = client.get(url)
        response = client.post(url)
    assert shown.status_code == 403
    assert response.status_code == 403
    assert "Sista dagen för avbokning har passerat" in response.content.decode()
    registration.refresh_from_db()
    assert registration.status == "confirmed"
