"""Queries for lists of activities."""

from django.utils import timezone


def upcoming_activities(locale, limit=3):
    """The next live activities in `locale` that have not ended and are not cancelled."""
    from activities.models import ActivityPage

    return list(
        ActivityPage.objects.live()
        .filter(locale=locale, ends_at__gt=timezone.now(), cancelled=False)
        .order_by("starts_at")[:limit]
    )
