"""The short form a case's owners reach from a reminder: what happened
next, and the case's new status (with the reason when it was stopped)."""

from django import forms
from django.utils.translation import gettext_lazy as _

from cases.choices import FollowUpStatus, StoppedReason
from cases.models import CaseStatus, stopped_reason_errors
from core.control_characters import WithoutControlCharactersMixin

TEXT_MAX_LENGTH = 4000


class FollowUpForm(WithoutControlCharactersMixin, forms.Form):
    use_required_attribute = False

    text = forms.CharField(
        label=_("What has happened since?"),
        max_length=TEXT_MAX_LENGTH,
        widget=forms.Textarea(attrs={"rows": 6}),
        help_text=_(
            "A few sentences: is the solution still in use, has it spread, what "
            "did it lead to, what would you do differently now?"
        ),
        error_messages={"required": _("Write what has happened since.")},
    )
    status = forms.ChoiceField(
        label=_("Has the status changed?"),
        choices=[("", _("No, it is the same"))] + list(FollowUpStatus.choices),
        widget=forms.RadioSelect,
        required=False,
        initial="",
    )
    stopped_reason_kind = forms.ChoiceField(
        label=_("Why was it stopped?"),
        choices=StoppedReason.choices,
        widget=forms.RadioSelect,
        required=False,
        help_text=_("Only for a stopped case: choose what stopped it most."),
    )
    stopped_reason_text = forms.CharField(
        label=_("What happened?"),
        max_length=2000,
        widget=forms.Textarea(attrs={"rows": 4}),
        required=False,
        help_text=_(
            "Only for a stopped case: a few sentences that help others avoid the same end."
        ),
    )

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        # Required for a stopped case only: not marked optional.
        for name in ("stopped_reason_kind", "stopped_reason_text"):
            self.fields[name].mark_optional = False

    def clean(self):
        cleaned = super().clean()
        if cleaned.get("status") == CaseStatus.STOPPED:
            errors = stopped_reason_errors(
                cleaned.get("stopped_reason_kind"), cleaned.get("stopped_reason_text")
            )
            for name, message in errors.items():
                if name not in self.errors:
                    self.add_error(name, message)
        return cleaned
