"""E-mails with their .ics attachment, the .ics per activity and the feed,
all parsed with the icalendar package."""

import datetime

from django.core import mail
from django.utils import timezone
from icalendar import Calendar

from activities.registration import register
from tests.activities.conftest import person


def events(ics_bytes):
    cal = Calendar.from_ical(ics_bytes)
    assert cal["VERSION"] == "2.0" and cal["PRODID"]
    return cal.walk("VEVENT")


def test_confirmation_email_has_link_and_calendar_file(make_activity):
    activity = make_activity()
    register(activity, [person(email="eva@example.se", name="Eva Ek")], organisation="Vinnova")
    message = mail.outbox[0]
    assert message.to == ["eva@example.se"]
    assert message.subject == f"Anmälan bekräftad: {activity.title}"
    assert message.body.startswith(f"Du är anmäld till {activity.title}.")
    assert "Tekniska museet" in message.body
    assert "/aktiviteter/avboka/" in message.body
    name, content, mimetype = message.attachments[0]
    assert name.endswith(".ics") and mimetype == "text/calendar"
    [event] = events(content)
    assert str(event["SUMMARY"]) == activity.title
    assert event.decoded("DTSTART") == activity.starts_at.replace(microsecond=0)
    assert event.decoded("DTEND") == activity.ends_at.replace(microsecond=0)
    assert "Museivägen 7" in str(event["LOCATION"])


def test_waiting_list_email_says_so(make_activity):
    activity = make_activity(capacity=1)
    register(activity, [person()], organisation="Vinnova")
    register(activity, [person()], organisation="Vinnova")
    message = mail.outbox[1]
    assert message.subject.startswith("Du står på reservlistan")
    assert "reservlistan" in message.body and "/avboka/" in message.body
    assert message.attachments


def test_joint_pair_both_get_the_email(make_activity, agency):
    activity = make_activity(joint_registration=True)
    register(
        activity,
        [
            person(role="employer", email="ag@example.se"),
            person(role="employee", email="at@example.se"),
        ],
        agency=agency,
    )
    assert sorted(mail.outbox[0].to) == ["ag@example.se", "at@example.se"]


def test_activity_ics_download(make_activity, client):
    activity = make_activity()
    response = client.get(activity.url + "ical/")
    assert response.status_code == 200
    assert response["Content-Type"].startswith("text/calendar")
    [event] = events(response.content)
    assert event["UID"] == f"{activity.translation_key}@erfarenhetsbanken"
    assert event["STATUS"] == "CONFIRMED"
    assert Calendar.from_ical(response.content).walk("VTIMEZONE")


def test_feed_lists_upcoming_activities_only(make_activity, indexes, client):
    upcoming = make_activity()
    cancelled = make_activity(cancelled=True)
    make_activity(
        starts_in=datetime.timedelta(days=-10),
        opens_in=datetime.timedelta(days=-40),
        closes_before_start=datetime.timedelta(days=2),
    )
    response = client.get(indexes["sv"].url + "ical/")
    assert response.status_code == 200
    found = {str(e["SUMMARY"]): str(e["STATUS"]) for e in events(response.content)}
    assert found == {upcoming.title: "CONFIRMED", cancelled.title: "CANCELLED"}


def test_index_archive_and_home_page(make_activity, indexes, client):
    upcoming = make_activity()
    past = make_activity(
        starts_in=datetime.timedelta(days=-10),
        opens_in=datetime.timedelta(days=-40),
        closes_before_start=datetime.timedelta(days=2),
    )
    listing = client.get("/aktiviteter/").content.decode()
    assert upcoming.title in listing and past.title not in listing
    archive = client.get("/aktiviteter/arkiv/").content.decode()
    assert past.title in archive and upcoming.title not in archive
    home = client.get("/").content.decode()
    assert "Kommande aktiviteter" in home and upcoming.title in home
    nav = home.split("</nav>")[0]
    assert 'href="/aktiviteter/"' in nav


def test_english_index_and_page(make_activity, client):
    activity = make_activity(english=True)
    listing = client.get("/en/activities/").content.decode()
    assert "Innovation day" in listing
    page = client.get("/en/activities/").content.decode()
    assert "Past activities" in page
    assert timezone.now() < activity.starts_at


def test_webinar_link_only_in_the_registered_persons_calendar(make_activity, client):
    webinar = make_activity(
        activity_type="webinar", venue="", address="", online_url="https://example.org/mote/hemlig"
    )
    public = client.get(webinar.url + "ical/").content.decode()
    assert "hemlig" not in public and "hemlig" not in client.get(webinar.url).content.decode()
    register(webinar, [person()], organisation="Vinnova")
    message = mail.outbox[0]
    assert "https://example.org/mote/hemlig" in message.body
    [event] = events(message.attachments[0][1])
    assert "hemlig" in str(event["LOCATION"])
