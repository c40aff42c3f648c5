"""E-mails to the people registered, each in the language they registered in."""

from django.core.mail import EmailMessage
from django.template.loader import render_to_string
from django.utils import translation
from django.utils.translation import gettext as _
from django.utils.translation import npgettext
from wagtail.models import Locale

from activities.calendar import activity_calendar
from activities.links import absolute, cancel_url


def activity_in_language(activity, language):
    """The activity page in `language` when published, else the one given."""
    locale = Locale.objects.filter(language_code=language).first()
    translated = activity.get_translation_or_none(locale) if locale else None
    if translated is not None and translated.live:
        return translated.specific
    return activity


def _mail(activity, language, template, subject, to, *, with_calendar=False, extra=None):
    """Render and send one e-mail about `activity` in `language` to the addresses `to`.
    The templates open with the portal's own words, never with text a registrant typed."""
    with translation.override(language):
        page = activity_in_language(activity, language)
        context = {"page": page, "page_url": absolute(page.url or "/"), **(extra or {})}
        body = render_to_string(f"activities/emails/{template}.txt", context)
        message = EmailMessage(subject=str(subject).format(title=page.title), body=body, to=to)
        if with_calendar:
            message.attach(
                f"{page.slug}.ics",
                activity_calendar(page, online_link=True).to_ical(),
                "text/calendar",
            )
        message.send()


def _send(
    registration, template, subject, *, with_calendar=False, with_cancel_link=True, extra=None
):
    participants = list(registration.participants.all())
    if not participants:  # personal data already deleted
        return
    context = {
        "registration": registration,
        "participants": participants,
        "cancel_url": cancel_url(registration) if with_cancel_link else None,
        **(extra or {}),
    }
    _mail(
        registration.activity,
        registration.language,
        template,
        subject,
        [p.email for p in participants],
        with_calendar=with_calendar,
        extra=context,
    )


def send_registration_received(registration):
    with translation.override(registration.language):
        if registration.status == registration.Status.CONFIRMED:
            subject = _("Registration confirmed: {title}")
        else:
            subject = _("On the waiting list: {title}")
    _send(registration, "registration_received", subject, with_calendar=True)


def send_promoted(registration):
    with translation.override(registration.language):
        subject = npgettext(
            "registrants",
            "You have a place: {title}",
            "You both have a place: {title}",
            registration.people,
        )
    _send(registration, "promoted", subject, with_calendar=True)


def send_cancelled_by_you(registration):
    with translation.override(registration.language):
        subject = _("Registration cancelled: {title}")
    _send(registration, "cancelled_by_you", subject, with_cancel_link=False)


def send_deleted_by_you(registration):
    """The receipt for a registration its registrant deleted, to everyone in it."""
    with translation.override(registration.language):
        subject = _("Registration deleted: {title}")
    _send(registration, "deleted_by_you", subject, with_cancel_link=False)


def send_activity_cancelled(registration):
    with translation.override(registration.language):
        subject = _("The activity is cancelled: {title}")
    _send(registration, "activity_cancelled", subject, with_calendar=True, with_cancel_link=False)


def send_message(registration, subject, text):
    _send(
        registration, "message", subject.replace("{", "{{").replace("}", "}}"), extra={"text": text}
    )


def send_already_registered(participant, language):
    """To an address that already holds a place and was registered again: nothing
    changed; here is the registration it has and its cancellation link."""
    registration = participant.registration
    with translation.override(language):
        subject = _("Already registered: {title}")
    _mail(
        registration.activity,
        language,
        "already_registered",
        subject,
        [participant.email],
        extra={"registration": registration, "cancel_url": cancel_url(registration)},
    )


def send_pair_not_registered(activity, email, language):
    """To the other person of a joint registration that was not made because
    someone in it already holds a place."""
    with translation.override(language):
        subject = _("Registration not made: {title}")
    _mail(activity, language, "pair_not_registered", subject, [email])
