"""A fixed-window rate limit, counted in the database (portal.models.RateLimitCounter).

A window starts with a key's first attempt and is never stretched by later
ones; counters whose window has ended are deleted when a new window starts."""

from datetime import timedelta
from hashlib import sha256

from django.conf import settings
from django.db import IntegrityError, transaction
from django.db.models import F
from django.utils import timezone

from core.client_address import client_ip
from core.models import RateLimitCounter

WINDOW_SECONDS = getattr(settings, "CONTRIBUTIONS_RATE_WINDOW", 15 * 60)
LIMIT = getattr(settings, "CONTRIBUTIONS_RATE_LIMIT", 10)


def hit(scope, key, limit=LIMIT, window=WINDOW_SECONDS):
    """Count one attempt; True when this attempt is over the limit."""
    digest = sha256(f"{scope}:{str(key).strip().lower()}".encode()).hexdigest()
    now = timezone.now()
    counters = RateLimitCounter.objects
    # One UPDATE adds the attempt atomically (and locks the row until commit).
    if not counters.filter(key=digest, window_ends__gt=now).update(count=F("count") + 1):
        counters.filter(window_ends__lte=now).delete()
        try:
            with transaction.atomic():
                counters.create(key=digest, window_ends=now + timedelta(seconds=window))
        except IntegrityError:  # another request started this window just now
            counters.filter(key=digest).update(count=F("count") + 1)
    count = counters.filter(key=digest).values_list("count", flat=True).first() or 1
    return count > limit


def over_limit(scope, request, address=None, limit=LIMIT, window=WINDOW_SECONDS):
    """Count an attempt per client address and (if given) per e-mail address."""
    blocked = hit(f"{scope}:ip", client_ip(request), limit, window)
    if address:
        blocked = hit(f"{scope}:address", address, limit, window) or blocked
    return blocked
