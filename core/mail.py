"""E-mail through Django's task framework: sending a message queues a task, and
the task delivers it with EMAIL_DELIVERY_BACKEND. With the database task
backend the queued message is part of the request's transaction, so a
registration and its confirmation are saved together or not at all, and a
worker restart loses neither. A message the mail server did not take, for a
reason that may pass, is tried again later a few times (RETRY_DELAYS)."""

import base64
import datetime
import smtplib

from django.conf import settings
from django.core.mail import EmailMultiAlternatives, get_connection
from django.core.mail.backends.base import BaseEmailBackend
from django.utils import timezone
from django_tasks import task

from core.tasks import tasks_run_inline

# Seconds before each new try: about two and a half hours in all, then the
# failure stands in the task's result.
RETRY_DELAYS = (60, 5 * 60, 30 * 60, 2 * 60 * 60)


def message_to_json(message):
    attachments = []
    for attachment in message.attachments:
        filename, content, mimetype = attachment
        if isinstance(content, str):
            content = content.encode()
        attachments.append([filename, base64.b64encode(content).decode(), mimetype])
    return {
        "subject": message.subject,
        "body": message.body,
        "from_email": message.from_email,
        "to": list(message.to),
        "cc": list(message.cc),
        "bcc": list(message.bcc),
        "reply_to": list(message.reply_to),
        "headers": dict(message.extra_headers),
        "alternatives": [list(a) for a in getattr(message, "alternatives", [])],
        "attachments": attachments,
    }


def message_from_json(data):
    message = EmailMultiAlternatives(
        subject=data["subject"],
        body=data["body"],
        from_email=data["from_email"],
        to=data["to"],
        cc=data["cc"],
        bcc=data["bcc"],
        reply_to=data["reply_to"],
        headers=data["headers"],
    )
    for content, mimetype in data["alternatives"]:
        message.attach_alternative(content, mimetype)
    for filename, content, mimetype in data["attachments"]:
        message.attach(filename, base64.b64decode(content), mimetype)
    return message


def may_pass(error):
    """Whether a later try may deliver: the server did not answer or hung up,
    or replied "not now" (4xx); not when it refused for good (5xx)."""
    if isinstance(error, smtplib.SMTPRecipientsRefused):
        return all(400 <= code < 500 for code, _reply in error.recipients.values())
    if isinstance(error, smtplib.SMTPResponseException):
        return 400 <= error.smtp_code < 500
    return isinstance(error, OSError)  # smtplib's other errors among them


@task()
def deliver_email(data, attempt=0):
    """Raises on a delivery failure, so the task result records it; with a
    worker, one that may pass queues the next try first."""
    connection = get_connection(settings.EMAIL_DELIVERY_BACKEND, fail_silently=False)
    try:
        return connection.send_messages([message_from_json(data)])
    except Exception as error:
        if may_pass(error) and attempt < len(RETRY_DELAYS) and not tasks_run_inline():
            later = timezone.now() + datetime.timedelta(seconds=RETRY_DELAYS[attempt])
            deliver_email.using(run_after=later).enqueue(data, attempt + 1)
        raise


class TaskEmailBackend(BaseEmailBackend):
    def send_messages(self, email_messages):
        for message in email_messages:
            deliver_email.enqueue(message_to_json(message))
        return len(email_messages)
