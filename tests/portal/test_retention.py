"""Every retention period the privacy notice states is enforced by the daily
purge (purge_personal_data): unused contributor accounts, queued e-mails,
failed log-ins, rate-limit counters and sessions. Search queries,
registrations and alerts have their own tests in their apps."""

import datetime

import pytest
from axes.models import AccessAttempt
from django.contrib.auth import get_user_model
from django.contrib.auth.models import Group
from django.contrib.sessions.models import Session
from django.core.management import call_command
from django.test import Client, RequestFactory
from django_tasks_db.models import DBTaskResult
from freezegun import freeze_time

from core.models import RateLimitCounter
from core.ratelimit import over_limit
from tests.contributions.conftest import url

User = get_user_model()


def purge(**kwargs):
    call_command("purge_personal_data", **kwargs)


def test_contributor_accounts_unused_for_two_years_are_deleted_and_their_cases_stay(
    contributor, colleague, outsider, case_factory
):
    with freeze_time("2024-01-10 12:00"):
        contributor.last_login = datetime.datetime.now(datetime.UTC)
        contributor.save()
        case = case_factory(owner=contributor)
    with freeze_time("2024-01-12 12:00"):
        colleague.last_login = datetime.datetime.now(datetime.UTC)
        colleague.save()
    outsider.last_login = None
    outsider.date_joined = datetime.datetime(2024, 1, 10, 12, tzinfo=datetime.UTC)
    outsider.groups.add(Group.objects.get_or_create(name="Redaktörer")[0])
    outsider.save()
    with freeze_time("2026-01-11 12:00"):  # 732 and 730 days later
        purge(dry_run=True)
        assert User.objects.filter(pk=contributor.pk).exists()
        purge()
    assert not User.objects.filter(pk=contributor.pk).exists()
    assert User.objects.filter(pk=colleague.pk).exists()  # used less than two years ago
    assert User.objects.filter(pk=outsider.pk).exists()  # an editor
    case.refresh_from_db()
    assert case.live and case.owner is None


def test_accounts_never_used_count_from_the_sign_up(agency):
    from contributions.accounts import create_contributor

    with freeze_time("2024-01-10 12:00"):
        never = create_contributor("ny@skatteverket.se", agency, password="ett-langt-losenord-42")
    with freeze_time("2026-01-09 12:00"):
        purge()
        assert User.objects.filter(pk=never.pk).exists()
    with freeze_time("2026-01-11 12:00"):
        purge()
    assert not User.objects.filter(pk=never.pk).exists()


def _task(finished_at, status="SUCCESSFUL"):
    return DBTaskResult.objects.create(
        status=status,
        finished_at=finished_at,
        run_after=finished_at,
        args_kwargs={"args": [{"to": ["anna@example.se"], "body": "Hej!"}], "kwargs": {}},
        task_path="core.mail.deliver_email",
        backend_name="default",
    )


def test_queued_e_mails_are_deleted_7_days_after_they_finished(db):
    sent = _task(datetime.datetime(2026, 3, 1, 12, tzinfo=datetime.UTC))
    failed = _task(datetime.datetime(2026, 3, 1, 12, tzinfo=datetime.UTC), status="FAILED")
    recent = _task(datetime.datetime(2026, 3, 3, 12, tzinfo=datetime.UTC))
    waiting = DBTaskResult.objects.create(
        args_kwargs={"args": [], "kwargs": {}},
        task_path="core.mail.deliver_email",
        backend_name="default",
        run_after=datetime.datetime(2026, 3, 1, 12, tzinfo=datetime.UTC),
    )
    with freeze_time("2026-03-09 12:00"):
        purge()
    left = set(DBTaskResult.objects.values_list("pk", flat=True))
    assert left == {recent.pk, waiting.pk}
    assert sent.pk not in left and failed.pk not in left


def test_failed_log_ins_are_deleted_after_a_day(contributor):
    client = Client()
    with freeze_time("2026-03-02 10:00"):
        client.post(url("login"), {"username": contributor.email, "password": "fel"})
        assert AccessAttempt.objects.count() == 1
    with freeze_time("2026-03-03 09:00"):
        purge()
        assert AccessAttempt.objects.count() == 1
    with freeze_time("2026-03-03 10:01"):
        purge()
    assert AccessAttempt.objects.count() == 0


def test_rate_limit_counters_are_deleted_when_their_window_ends(db):
    request = RequestFactory().post("/", REMOTE_ADDR="192.0.2.9")
    with freeze_time("2026-03-02 10:00"):
        over_limit("contact", request, limit=5, window=3600)
    with freeze_time("2026-03-02 10:59"):
        purge()
        assert RateLimitCounter.objects.count() == 1
    with freeze_time("2026-03-02 11:00"):
        purge()
    assert RateLimitCounter.objects.count() == 0


def test_expired_sessions_are_deleted(contributor, settings):
    client = Client()
    with freeze_time("2026-03-02 10:00"):
        client.force_login(contributor)
    assert Session.objects.count() == 1
    expired = datetime.datetime(2026, 3, 2, 10) + datetime.timedelta(
        seconds=settings.SESSION_COOKIE_AGE + 1
    )
    with freeze_time(expired - datetime.timedelta(seconds=2)):
        purge()
        assert Session.objects.count() == 1
    with freeze_time(expired):
        purge()
    assert Session.objects.count() == 0


@pytest.mark.parametrize("dry_run", [True, False])
def test_the_purge_reports_each_kind(db, capsys, dry_run):
    purge(dry_run=dry_run)
    out = capsys.readouterr().out
    verb = "Would delete" if dry_run else "Deleted"
    for kind in (
        "contributor accounts unused for 730 days",
        "finished tasks (queued e-mails) older than 7 days",
        "failed log-in records older than 1 days",
        "rate-limit counters",
        "expired sessions",
    ):
        assert f"{verb} 0 " in out and kind in out
