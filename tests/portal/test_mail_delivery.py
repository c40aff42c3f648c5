"""E-mail leaves through a task; a message the mail server could not take for
a reason that may pass is tried again later, a few times, and one it refused
for good is not."""

import smtplib

import pytest
from django.core import mail
from django.core.mail import EmailMessage
from django.core.mail.backends.locmem import EmailBackend
from django_tasks_db.models import DBTaskResult

from core.mail import RETRY_DELAYS

QUEUED_TASKS = {"default": {"BACKEND": "django_tasks_db.DatabaseBackend"}}


class FlakyServer(EmailBackend):
    """The mail server (outside this machine): fails with each error in
    `errors`, one per try, then takes the message."""

    errors = []

    def send_messages(self, messages):
        if FlakyServer.errors:
            raise FlakyServer.errors.pop(0)
        return super().send_messages(messages)


@pytest.fixture
def flaky(db, settings):
    settings.TASKS = QUEUED_TASKS
    # As in production (the test runner sends straight to its outbox).
    settings.EMAIL_BACKEND = "core.mail.TaskEmailBackend"
    settings.EMAIL_DELIVERY_BACKEND = f"{__name__}.FlakyServer"
    yield FlakyServer.errors
    FlakyServer.errors.clear()


def run_worker():
    """Each queued delivery in turn, later tries too (whatever their time),
    as `manage.py db_worker` would run them; how many tries were made."""
    tried = set()
    while waiting := DBTaskResult.objects.filter(status="READY").exclude(pk__in=tried).first():
        tried.add(waiting.pk)
        args = waiting.args_kwargs
        try:
            waiting.task.call(*args["args"], **args["kwargs"])
        except Exception:  # noqa: S110 (recorded as failed by the worker)
            pass
    return len(tried)


def send():
    EmailMessage("Bekräftelse", "Välkommen!", to=["anna@example.se"]).send()


def test_a_message_the_server_could_not_take_now_is_sent_later(flaky):
    flaky += [
        smtplib.SMTPServerDisconnected("Connection unexpectedly closed"),
        smtplib.SMTPResponseException(451, b"Try again later"),
    ]
    send()
    assert mail.outbox == []
    assert run_worker() == 3
    assert [m.subject for m in mail.outbox] == ["Bekräftelse"]


def test_a_message_refused_for_good_is_not_tried_again(flaky):
    flaky.append(smtplib.SMTPRecipientsRefused({"anna@example.se": (550, b"No such user")}))
    send()
    assert run_worker() == 1
    assert mail.outbox == []


def test_the_tries_end(flaky):
    flaky += [ConnectionRefusedError("no mail server")] * (len(RETRY_DELAYS) + 2)
    send()
    assert run_worker() == len(RETRY_DELAYS) + 1
    assert mail.outbox == []
