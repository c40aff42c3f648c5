"""The subscription form: an e-mail address and how often. The view itself
comes from the request's parameters (alerts.followed)."""

from django import forms
from django.utils.translation import gettext_lazy as _

from alerts.models import Frequency
from core.control_characters import WithoutControlCharactersMixin


class SubscribeForm(WithoutControlCharactersMixin, forms.Form):
    email = forms.EmailField(
        label=_("Your e-mail address"),
        max_length=254,
        widget=forms.EmailInput(attrs={"autocomplete": "email"}),
        error_messages={
            "required": _("Enter your e-mail address."),
            "invalid": _("Enter an e-mail address like name@example.se."),
        },
    )
    frequency = forms.ChoiceField(
        label=_("How often"),
        choices=Frequency.choices,
        initial=Frequency.WEEKLY,
        widget=forms.RadioSelect,
        error_messages={
            "required": _("Choose how often."),
            "invalid_choice": _("Choose how often."),
        },
    )

    def clean_email(self):
        return self.cleaned_data["email"].strip().lower()


class FrequencyForm(forms.Form):
    frequency = forms.ChoiceField(
        label=_("How often"), choices=Frequency.choices, widget=forms.RadioSelect
    )
