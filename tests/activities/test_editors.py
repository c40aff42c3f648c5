"""Editors: registrations with counts, CSV export, messages, cancelling an
activity, and who can see the dietary and accessibility needs."""

import csv
import io

import pytest
from django.contrib.auth import get_user_model
from django.core import mail

from activities.models import Registration
from activities.registration import register
from tests.activities.conftest import person


@pytest.fixture
def editor_client(client, db):
    user = get_user_model().objects.create_superuser("redaktor", "r@example.se", "lösenord-123")
    client.force_login(user)
    return client


@pytest.fixture
def full_activity(make_activity, agency):
    activity = make_activity(capacity=2)
    register(
        activity,
        [person(name="Åsa Öberg", email="asa@example.se", dietary_needs="Glutenfri")],
        agency=agency,
    )
    register(
        activity,
        [person(name="Per Ström", email="per@example.se", accessibility_needs="Hörslinga")],
        organisation="Vinnova",
    )
    waiting = register(
        activity, [person(name="Kim Ek", email="kim@example.se")], organisation="Vinnova"
    )
    mail.outbox.clear()
    return activity, waiting


def test_registrations_page_shows_counts_and_needs(full_activity, editor_client):
    activity, _ = full_activity
    response = editor_client.get(f"/admin/activity-registrations/{activity.pk}/")
    html = response.content.decode()
    assert response.status_code == 200
    assert "Åsa Öberg" in html and "Glutenfri" in html and "Hörslinga" in html
    assert "2 anmälningar, 2 personer" in html or "2 registrations, 2 people" in html
    index = editor_client.get("/admin/activity-registrations/").content.decode()
    assert activity.title in index


def test_needs_are_not_shown_on_the_public_page(full_activity, client):
    activity, _ = full_activity
    html = client.get(activity.url).content.decode()
    assert "Glutenfri" not in html and "Åsa" not in html


def test_registrations_need_permission(full_activity, client, db):
    activity, _ = full_activity
    user = get_user_model().objects.create_user("lasare", "l@example.se", "lösenord-123")
    client.force_login(user)
    response = client.get(f"/admin/activity-registrations/{activity.pk}/export.csv")
    assert response.status_code in (302, 403)


def test_csv_opens_in_excel_with_swedish_characters(full_activity, editor_client):
    activity, _ = full_activity
    response = editor_client.get(f"/admin/activity-registrations/{activity.pk}/export.csv")
    assert response.status_code == 200
    assert response["Content-Type"].startswith("text/csv")
    assert "attachment" in response["Content-Disposition"]
    raw = response.content
    assert raw.startswith(b"\xef\xbb\xbf")  # UTF-8 byte-order mark for Excel
    rows = list(csv.reader(io.StringIO(raw.decode("utf-8-sig")), delimiter=";"))
    assert len(rows) == 4
    header = rows[0]
    by_name = {row[header.index("Namn")]: row for row in rows[1:]}
    assert by_name["Åsa Öberg"][header.index("Specialkost")] == "Glutenfri"
    assert by_name["Åsa Öberg"][header.index("Organisation")] == "Skatteverket"
    assert by_name["Kim Ek"][header.index("Status")] == "reservlista"


def test_csv_neutralises_formulas(make_activity, editor_client):
    activity = make_activity()
    register(activity, [person(name='=HYPERLINK("x")')], organisation="Vinnova")
    raw = editor_client.get(f"/admin/activity-registrations/{activity.pk}/export.csv").content
    assert "'=HYPERLINK" in raw.decode("utf-8-sig")


def test_message_to_everyone_registered(full_activity, editor_client):
    activity, _ = full_activity
    response = editor_client.post(
        f"/admin/activity-registrations/{activity.pk}/message/",
        {"recipients": "all", "subject": "Ändrad lokal {ny}", "text": "Vi ses i sal Ö."},
    )
    assert response.status_code == 302
    assert sorted(m.to[0] for m in mail.outbox) == [
        "asa@example.se",
        "kim@example.se",
        "per@example.se",
    ]
    assert mail.outbox[0].subject == "Ändrad lokal {ny}"
    assert "Vi ses i sal Ö." in mail.outbox[0].body and "/avboka/" in mail.outbox[0].body


def test_editor_cancels_a_registration_and_next_is_promoted(full_activity, editor_client):
    activity, waiting = full_activity
    first = Registration.objects.filter(activity=activity).first()
    editor_client.post(f"/admin/activity-registrations/registration/{first.pk}/cancel/")
    waiting.refresh_from_db()
    assert waiting.status == "confirmed"
    assert any(m.to == ["kim@example.se"] for m in mail.outbox)


def test_cancelling_the_activity_emails_everyone_once(full_activity):
    activity, _ = full_activity
    activity.cancelled = True
    activity.save_revision().publish()
    assert sorted(m.to[0] for m in mail.outbox) == [
        "asa@example.se",
        "kim@example.se",
        "per@example.se",
    ]
    assert all(m.subject.startswith("Aktiviteten är inställd") for m in mail.outbox)
    from icalendar import Calendar

    [event] = Calendar.from_ical(mail.outbox[0].attachments[0][1]).walk("VEVENT")
    assert event["STATUS"] == "CANCELLED"
    mail.outbox.clear()
    activity.save_revision().publish()
    assert mail.outbox == []


def test_more_places_promote_from_the_waiting_list(full_activity):
    activity, waiting = full_activity
    activity.capacity = 3
    activity.save_revision().publish()
    waiting.refresh_from_db()
    assert waiting.status == "confirmed"
    assert [m.to for m in mail.outbox] == [["kim@example.se"]]


def test_activity_edit_page_links_to_registrations(full_activity, editor_client):
    activity, _ = full_activity
    html = editor_client.get(f"/admin/pages/{activity.pk}/edit/").content.decode()
    assert f"/admin/activity-registrations/{activity.pk}/" in html


def test_editors_group_can_see_registrations(full_activity, client):
    from django.contrib.auth.models import Group

    user = get_user_model().objects.create_user("redaktor2", "r2@example.se", "lösenord-123")
    user.groups.add(Group.objects.get(name="Editors"))
    client.force_login(user)
    activity, _ = full_activity
    assert client.get(f"/admin/activity-registrations/{activity.pk}/").status_code == 200
