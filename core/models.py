"""The core's one table: rate-limit counters (core/ratelimit.py)."""

from django.db import models


class RateLimitCounter(models.Model):
    """One counter of portal/ratelimit.py: attempts under a key (a hash of the
    scope and the client address or e-mail address) until its window ends.
    In the database, so that no cache eviction or restart resets it."""

    key = models.CharField(max_length=64, unique=True)
    window_ends = models.DateTimeField(db_index=True)
    count = models.PositiveIntegerField(default=1)

    def __str__(self):
        return f"{self.key[:12]}…: {self.count} until {self.window_ends:%Y-%m-%d %H:%M:%S}"
