"""Starting an alert: one per address, language and view. The answer to the
reader is the same whatever the address already has; the mail differs."""

from django.utils import timezone

from alerts.emails import send_already_following, send_confirmation
from alerts.models import Alert


def find_alert(email, language, view):
    candidates = Alert.objects.filter(email=email, language=language, query=view.query)
    return next((a for a in candidates.order_by("pk") if (a.filters or {}) == view.filters), None)


def subscribe(view, email, frequency, language, now=None):
    """Send the confirmation link (a new alert, or one not yet confirmed, which
    starts its time to be confirmed again), or say the view is followed already."""
    now = now or timezone.now()
    alert = find_alert(email, language, view)
    if alert is not None and alert.confirmed:
        send_already_following(alert)
        return alert
    if alert is None:
        alert = Alert(email=email, language=language, query=view.query, filters=view.filters)
    alert.frequency = frequency
    alert.created_at = now
    alert.save()
    send_confirmation(alert)
    return alert


def confirm(alert, now=None):
    """Confirm once; confirming again changes nothing."""
    if alert.confirmed:
        return False
    now = now or timezone.now()
    updated = Alert.objects.filter(pk=alert.pk, confirmed_at__isnull=True).update(
        confirmed_at=now, sent_until=now
    )
    alert.refresh_from_db()
    return bool(updated)
