"""A tiny fixed-window rate limit on Django's cache."""

from django.conf import settings
from django.core.cache import cache

from portal.client_address import client_ip

WINDOW_SECONDS = getattr(settings, "CONTRIBUTIONS_RATE_WINDOW", 15 * 60)
LIMIT = getattr(settings, "CONTRIBUTIONS_RATE_LIMIT", 10)




def hit(scope, key, limit=LIMIT, window=WINDOW_SECONDS):
    """Count one attempt; True when this attempt is over the limit."""
    cache_key = f"ratelimit:{scope}:{str(key).strip().lower()}"
    if cache.add(cache_key, 1, window):
        return 1 > limit
    try:
        count = cache.incr(cache_key)
    except ValueError:  # expired between add and incr
        cache.add(cache_key, 1, window)
        count = 1
    return count > limit


def over_limit(scope, request, address=None, limit=LIMIT, window=WINDOW_SECONDS):
    """Count an attempt per client address and (if given) per e-mail address."""
    blocked = hit(f"{scope}:ip", client_ip(request), limit, window)
    if address:
        blocked = hit(f"{scope}:address", address, limit, window) or blocked
    return blocked
