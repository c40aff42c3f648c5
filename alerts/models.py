"""An alert (bevakning): one e-mail address following one listing or search
view. Only the address, the language and the view are kept; an alert that is
never confirmed is deleted after UNCONFIRMED_DAYS (purge_personal_data)."""

from datetime import timedelta

from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

UNCONFIRMED_DAYS = 7


class Frequency(models.TextChoices):
    WEEKLY = "weekly", _("Weekly")
    DAILY = "daily", _("Daily")


class Alert(models.Model):
    email = models.EmailField(_("e-mail address"))
    language = models.CharField(_("language"), max_length=10)
    # The view followed: the search words (as the search cleans them) and the
    # filters ({filter: [values]}, in cases.filters.FACETS order, values sorted).
    query = models.CharField(_("search words"), max_length=200, blank=True)
    filters = models.JSONField(_("filters"), default=dict, blank=True)
    frequency = models.CharField(
        _("frequency"), max_length=10, choices=Frequency.choices, default=Frequency.WEEKLY
    )
    created_at = models.DateTimeField(_("created"), default=timezone.now)
    confirmed_at = models.DateTimeField(_("confirmed"), null=True, blank=True)
    # The digests have covered the cases published or updated up to here.
    sent_until = models.DateTimeField(_("sent up to"), null=True, blank=True)

    class Meta:
        verbose_name = _("alert")
        verbose_name_plural = _("alerts")
        indexes = [
            models.Index(fields=["frequency", "confirmed_at"], name="alert_due"),
            models.Index(fields=["email"], name="alert_email"),
        ]

    def __str__(self):
        return f"{self.email} ({self.frequency})"

    @property
    def confirmed(self):
        return self.confirmed_at is not None


def delete_unconfirmed(days=UNCONFIRMED_DAYS, dry_run=False, now=None):
    """Delete alerts left unconfirmed for more than `days`; return how many."""
    cutoff = (now or timezone.now()) - timedelta(days=days)
    stale = Alert.objects.filter(confirmed_at__isnull=True, created_at__lt=cutoff)
    if dry_run:
        return stale.count()
    return stale.delete()[0]
