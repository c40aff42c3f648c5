"""The signed links in the alerts' e-mails, and absolute addresses.

Each link names one alert and its creation time, so a link outlives no
deleted alert whose number is used again. The confirmation link expires with
the unconfirmed alert; the manage and unsubscribe links stay valid as long
as the alert exists (they are in every digest)."""

from datetime import timedelta

from django.core import signing
from django.urls import reverse
from django.utils import translation

from alerts.models import UNCONFIRMED_DAYS, Alert
from core.links import LinkExpired, LinkInvalid, absolute, base_url  # noqa: F401 (used by callers)

CONFIRM = "alerts.confirm"
MANAGE = "alerts.manage"
UNSUBSCRIBE = "alerts.unsubscribe"


def make_token(alert, purpose):
    return signing.dumps({"a": alert.pk, "c": int(alert.created_at.timestamp())}, salt=purpose)


def alert_from_token(token, purpose):
    """The Alert; LinkExpired or LinkInvalid when the link is bad, None when
    the link was good but its alert has been deleted."""
    max_age = timedelta(days=UNCONFIRMED_DAYS) if purpose == CONFIRM else None
    try:
        data = signing.loads(token, salt=purpose, max_age=max_age)
    except signing.SignatureExpired as exc:
        raise LinkExpired from exc
    except signing.BadSignature as exc:
        raise LinkInvalid from exc
    if not isinstance(data, dict):
        raise LinkInvalid
    alert = Alert.objects.filter(pk=data.get("a")).first()
    if alert is None or int(alert.created_at.timestamp()) != data.get("c"):
        return None
    return alert


def _path(name, alert, purpose):
    with translation.override(alert.language):
        return reverse(name, kwargs={"token": make_token(alert, purpose)})


def _url(name, alert, purpose):
    return absolute(_path(name, alert, purpose))


def confirm_url(alert):
    return _url("alerts:confirm", alert, CONFIRM)


def manage_path(alert):
    """The manage page's path, for links on the site's own pages."""
    return _path("alerts:manage", alert, MANAGE)


def manage_url(alert):
    return absolute(manage_path(alert))


def unsubscribe_url(alert):
    return _url("alerts:unsubscribe", alert, UNSUBSCRIBE)
