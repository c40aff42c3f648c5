"""The alerts' e-mails, each in the subscriber's language: the confirmation
link, "you already follow this", and the digest with its one-click
unsubscribe headers (RFC 8058)."""

from django.core.mail import EmailMessage
from django.template.loader import render_to_string
from django.utils import translation
from django.utils.translation import gettext as _
from django.utils.translation import ngettext

from alerts.followed import describe, stored_view
from alerts.links import absolute, confirm_url, manage_url, unsubscribe_url


def _message(alert, template, subject, context, headers=None):
    with translation.override(alert.language):
        context = {
            "alert": alert,
            "followed": describe(stored_view(alert), alert.language),
            "frequency": alert.get_frequency_display(),
            **context,
        }
        body = render_to_string(f"alerts/emails/{template}.txt", context)
        return EmailMessage(subject=str(subject), body=body, to=[alert.email], headers=headers)


def send_confirmation(alert):
    with translation.override(alert.language):
        subject = _("Confirm your alert from Erfarenhetsbanken")
    _message(alert, "confirm", subject, {"confirm_url": confirm_url(alert)}).send()


def send_already_following(alert):
    with translation.override(alert.language):
        subject = _("You already follow this in Erfarenhetsbanken")
    _message(alert, "already_following", subject, {"manage_url": manage_url(alert)}).send()


def digest_message(alert, cases):
    """The digest of `cases` (pages, each with `digest_kind` "new" or "updated")."""
    unsubscribe = unsubscribe_url(alert)
    items = [
        {
            "title": case.title,
            "summary": case.summary,
            "url": absolute(case.get_url()),
            "updated": case.digest_kind == "updated",
        }
        for case in cases
    ]
    with translation.override(alert.language):
        subject = ngettext(
            "Erfarenhetsbanken: %(count)s new or updated case you follow",
            "Erfarenhetsbanken: %(count)s new or updated cases you follow",
            len(items),
        ) % {"count": len(items)}
    return _message(
        alert,
        "digest",
        subject,
        {"cases": items, "manage_url": manage_url(alert), "unsubscribe_url": unsubscribe},
        headers={
            "List-Unsubscribe": f"<{unsubscribe}>",
            "List-Unsubscribe-Post": "List-Unsubscribe=One-Click",
        },
    )
