"""The forms of "We tried this" (a reuse record) and of a case's contact."""

from django import forms
from django.utils.translation import gettext_lazy as _

from contributions.models import Reuse

NOTE_MAX_LENGTH = 500


class ReuseForm(forms.ModelForm):
    """Kind, a short note and, if the agency has one, a link to its own case
    (one of its published cases)."""

    class Meta:
        model = Reuse
        fields = ["kind", "note", "own_case"]
        widgets = {
            "kind": forms.RadioSelect,
            "note": forms.Textarea(attrs={"rows": 4, "maxlength": NOTE_MAX_LENGTH}),
        }
        help_texts = {
            "note": _("What you did and how it went, in a few sentences (at most 500 characters)."),
            "own_case": _("If your agency has shared its own case about it."),
        }
        labels = {"kind": _("What did your agency do?")}

    def __init__(self, *args, own_cases, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["kind"].choices = Reuse.Kind.choices
        self.fields["own_case"].queryset = own_cases
        self.fields["own_case"].empty_label = _("No case of our own")
        self.fields["own_case"].label_from_instance = lambda page: page.title

    def clean_note(self):
        return self.cleaned_data["note"].strip()


class ContactChangeForm(forms.Form):
    contact_name = forms.CharField(label=_("Contact name"), max_length=200)
    contact_role = forms.CharField(label=_("Contact role"), max_length=200)
    contact_email = forms.EmailField(
        label=_("Contact e-mail"),
        max_length=254,
        help_text=_(
            "Never shown on the site: readers write to it through a form on the case. "
            "A shared address works well."
        ),
    )
