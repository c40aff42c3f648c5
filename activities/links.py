"""Absolute links for e-mails and calendars, and the signed link to a registration
(where the registrant sees what is stored about them and can delete it)."""

from datetime import timedelta

from django.conf import settings
from django.core import signing
from django.urls import reverse
from django.utils import translation

from core.links import LinkExpired, LinkInvalid, absolute, base_url  # noqa: F401 (used by callers)

SALT = "activities.cancel-registration"


def link_max_age():
    return timedelta(days=getattr(settings, "ACTIVITIES_CANCEL_LINK_MAX_AGE_DAYS", 365))


def cancel_token(registration):
    return signing.dumps(
        {"r": registration.pk, "c": int(registration.created_at.timestamp())},
        salt=SALT,
    )


def registration_from_token(token):
    """The Registration the token was made for; LinkExpired or LinkInvalid otherwise."""
    from activities.models import Registration

    try:
        data = signing.loads(token, salt=SALT, max_age=link_max_age())
    except signing.SignatureExpired as exc:
        raise LinkExpired from exc
    except signing.BadSignature as exc:
        raise LinkInvalid from exc
    registration = Registration.objects.filter(pk=data.get("r")).first()
    if registration is None or int(registration.created_at.timestamp()) != data.get("c"):
        raise LinkInvalid
    return registration


def cancel_url(registration):
    with translation.override(registration.language):
        return absolute(reverse("activities:cancel", kwargs={"token": cancel_token(registration)}))
