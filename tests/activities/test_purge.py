"""The purge command deletes personal data 90 days (by default) after the end."""

import datetime

from django.core.management import call_command
from django.utils import timezone
from freezegun import freeze_time

from activities.models import Participant, Registration
from activities.registration import register
from tests.activities.conftest import person


def test_purge_deletes_personal_data_after_90_days_and_is_repeatable(make_activity, capsys):
    old = make_activity(starts_in=datetime.timedelta(days=2))
    recent = make_activity(starts_in=datetime.timedelta(days=60))
    register(
        old, [person(email="gammal@example.se", dietary_needs="Vegan")], organisation="Vinnova"
    )
    register(recent, [person(email="ny@example.se")], organisation="Vinnova")
    later = timezone.now() + datetime.timedelta(days=95)
    with freeze_time(later):
        call_command("purge_registrations")
        assert not Participant.objects.filter(activity=old).exists()
        assert Participant.objects.filter(activity=recent).count() == 1
        kept = Registration.objects.get(activity=old)
        assert kept.anonymised_at and kept.people == 1 and kept.status == "confirmed"
        call_command("purge_registrations")  # again: nothing more happens
        assert Participant.objects.filter(activity=recent).count() == 1
    out = capsys.readouterr().out
    assert "1 people in 1 registrations" in out and "0 people in 0 registrations" in out


def test_purge_respects_days_and_dry_run(make_activity):
    activity = make_activity(starts_in=datetime.timedelta(days=2))
    register(activity, [person()], organisation="Vinnova")
    with freeze_time(timezone.now() + datetime.timedelta(days=20)):
        call_command("purge_registrations", "--days", "10", "--dry-run")
        assert Participant.objects.count() == 1
        call_command("purge_registrations", "--days", "30")
        assert Participant.objects.count() == 1
        call_command("purge_registrations", "--days", "10")
        assert Participant.objects.count() == 0
