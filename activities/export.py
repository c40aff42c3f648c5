"""The registrations of an activity as CSV that opens correctly in Excel
(Swedish settings): UTF-8 with a byte-order mark, semicolons, CRLF lines."""

import csv
import io

from django.utils import timezone
from django.utils.translation import gettext as _

from activities.models import Registration


def _safe(value):
    """Keep spreadsheet formulas out (CSV injection)."""
    value = "" if value is None else str(value)
    return "'" + value if value[:1] in ("=", "+", "-", "@", "\t", "\r") else value


def registrations_csv(activity):
    activity = activity.registration_activity
    buffer = io.StringIO()
    buffer.write("\ufeff")
    writer = csv.writer(buffer, delimiter=";", lineterminator="\r\n")
    writer.writerow(
        [
            _("Status"),
            _("Registered"),
            _("Name"),
            _("E-mail"),
            _("Role"),
            _("Organisation"),
            _("Dietary needs"),
            _("Accessibility needs"),
            _("Registration"),
            _("Language"),
        ]
    )
    registrations = (
        Registration.objects.filter(activity=activity)
        .prefetch_related("participants")
        .order_by("status", "created_at", "pk")
    )
    for registration in registrations:
        registered = timezone.localtime(registration.created_at).strftime("%Y-%m-%d %H:%M")
        for participant in registration.participants.all():
            writer.writerow(
                [
                    _safe(v)
                    for v in (
                        registration.get_status_display(),
                        registered,
                        participant.name,
                        participant.email,
                        participant.get_role_display(),
                        registration.organisation,
                        participant.dietary_needs,
                        participant.accessibility_needs,
                        registration.pk,
                        registration.language,
                    )
                ]
            )
    return buffer.getvalue().encode("utf-8")
