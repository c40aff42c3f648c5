"""The fixed choices of a case: its status and the kinds of lesson."""

from django.db import models
from django.utils.translation import gettext_lazy as _


class CaseStatus(models.TextChoices):
    ONGOING = "ongoing", _("Ongoing")
    COMPLETED = "completed", _("Completed")
    STOPPED = "stopped", _("Stopped")


class LessonKind(models.TextChoices):
    WORKED = "worked", _("What worked")
    AVOID = "avoid", _("What to avoid")
    ADVICE = "advice", _("Advice to others")
