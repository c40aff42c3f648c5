"""The status of an activity follows the clock (frozen here)."""

import datetime
from zoneinfo import ZoneInfo

import pytest
from freezegun import freeze_time

from activities.models import ActivityPage, ActivityType

STHLM = ZoneInfo("Europe/Stockholm")
# Page() looks up its content type, which may need the database.
pytestmark = pytest.mark.django_db


def activity(**fields):
    start = datetime.datetime(2026, 3, 10, 9, 0, tzinfo=STHLM)
    values = {
        "title": "Innovationsdag",
        "activity_type": ActivityType.INNOVATION_DAY,
        "starts_at": start,
        "ends_at": start + datetime.timedelta(hours=7),
        "registration_opens_at": start - datetime.timedelta(days=30),
        "registration_closes_at": start - datetime.timedelta(days=2),
        "capacity": 10,
    }
    values.update(fields)
    return ActivityPage(**values)


@pytest.mark.parametrize(
    "moment, status, registration",
    [
        ("2026-02-01 12:00", "upcoming", "not_open_yet"),
        ("2026-02-20 12:00", "upcoming", "open"),
        ("2026-03-08 08:59", "upcoming", "open"),
        ("2026-03-08 09:00", "upcoming", "closed"),
        ("2026-03-10 08:59", "upcoming", "closed"),
        ("2026-03-10 09:00", "ongoing", "closed"),
        ("2026-03-10 15:59", "ongoing", "closed"),
        ("2026-03-10 16:00", "past", "closed"),
    ],
)
def test_status_follows_the_clock_in_stockholm_time(moment, status, registration):
    local = datetime.datetime.fromisoformat(moment).replace(tzinfo=STHLM)
    with freeze_time(local):
        page = activity()
        assert page.status() == status
        assert page.registration_state() == registration


def test_cancelled_wins_over_time():
    with freeze_time("2026-02-20 12:00"):
        page = activity(cancelled=True)
        assert page.status() == "cancelled"
        assert page.registration_state() == "cancelled"


def test_ongoing_activity_is_labelled(make_activity, client):
    page = make_activity(
        starts_in=datetime.timedelta(hours=-1),
        opens_in=datetime.timedelta(days=-10),
        closes_before_start=datetime.timedelta(days=1),
    )
    html = client.get(page.url).content.decode()
    assert "Pågår" in html and "Anmälan är stängd" in html
