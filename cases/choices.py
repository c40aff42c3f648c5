"""The fixed choices of a case: its status, the kinds of lesson, why a
stopped case stopped, and how its results are known (evidence level)."""

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


class StoppedReason(models.TextChoices):
    """Why a stopped case was stopped: a facet and a filter."""

    NEED_CHANGED = "need-changed", _("The need changed")
    TECHNOLOGY = "technology", _("The technology did not work")
    COST = "cost", _("Too costly")
    RULES = "rules", _("Laws or rules stood in the way")
    NO_OWNER = "no-owner", _("No one to run it")
    REPLACED = "replaced", _("Replaced by something else")


class EvidenceLevel(models.IntegerChoices):
    """How a case's results are known, adapted from Nesta's standards of evidence."""

    DESCRIBED = 1, _("Described")
    MEASURED = 2, _("Measured before and after")
    COMPARED = 3, _("Compared with a group without the change")
    EVALUATED = 4, _("Independently evaluated")
    REPLICATED = 5, _("Replicated elsewhere")


# What each level means, in a sentence a reader without a background in
# evaluation understands: on the case page and in the contributor form.
EVIDENCE_EXPLANATIONS = {
    EvidenceLevel.DESCRIBED: _(
        "The agency describes what it did and what it saw, without measuring the effect."
    ),
    EvidenceLevel.MEASURED: _(
        "The agency measured the same thing before and after the change, so the "
        "difference is known, though not for certain that the change caused it."
    ),
    EvidenceLevel.COMPARED: _(
        "The results were compared with a group that did not make the change, "
        "which makes it likelier that the change caused the difference."
    ),
    EvidenceLevel.EVALUATED: _(
        "Someone outside the project, such as researchers or an auditor, evaluated the results."
    ),
    EvidenceLevel.REPLICATED: _(
        "The change was repeated at another agency or place, with similar results."
    ),
}


class FollowUpStatus(models.TextChoices):
    """The new status a follow-up may give its case."""

    COMPLETED = CaseStatus.COMPLETED.value, CaseStatus.COMPLETED.label
    STOPPED = CaseStatus.STOPPED.value, CaseStatus.STOPPED.label
