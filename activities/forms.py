"""The registration form on the activity page: one person, or a pair for joint activities."""

from django import forms
from django.utils.translation import gettext_lazy as _
from wagtail.models import Locale

from activities.models import Role
from activities.registration import Person
from cases.snippets import Agency
from core.control_characters import WithoutControlCharactersMixin
from core.languages import current_language


def agencies_for_language(language):
    """Agencies in the reader's language, else in the default language."""
    locale = Locale.objects.filter(language_code=language).first()
    agencies = Agency.objects.filter(locale=locale) if locale else Agency.objects.none()
    if not agencies.exists():
        agencies = Agency.objects.filter(locale=Locale.get_default())
    return agencies.order_by("name")


class PersonFields:
    """Field definitions for one person; prefixed for the second of a pair."""

    @staticmethod
    def build(prefix, with_role):
        fields = {
            f"{prefix}name": forms.CharField(
                label=_("Name"),
                max_length=200,
                widget=forms.TextInput(attrs={"autocomplete": "name"}),
            ),
            f"{prefix}email": forms.EmailField(
                label=_("E-mail"),
                max_length=254,  # the model's limit (RFC 5321)
                widget=forms.EmailInput(attrs={"autocomplete": "email"}),
            ),
        }
        if with_role:
            # No preselected role: a default would be sent unread and count wrongly.
            fields[f"{prefix}role"] = forms.ChoiceField(
                label=_("Role"),
                choices=[("", _("Choose your role")), *Role.choices],
            )
        fields[f"{prefix}dietary_needs"] = forms.CharField(
            label=_("Dietary needs"),
            max_length=500,
            required=False,
            help_text=_("Only the organisers see this."),
        )
        fields[f"{prefix}accessibility_needs"] = forms.CharField(
            label=_("Accessibility needs"),
            max_length=500,
            required=False,
            help_text=_("Only the organisers see this."),
        )
        return fields


class RegistrationForm(WithoutControlCharactersMixin, forms.Form):
    PAIR = (("employer_", Role.EMPLOYER), ("employee_", Role.EMPLOYEE))

    def __init__(self, activity, *args, **kwargs):
        kwargs.setdefault("label_suffix", "")
        super().__init__(*args, **kwargs)
        self.activity = activity
        self.joint = activity.joint_registration
        self.language = current_language()
        if self.joint:
            for prefix, _role in self.PAIR:
                self.fields.update(PersonFields.build(prefix, with_role=False))
        else:
            self.fields.update(PersonFields.build("", with_role=True))
        self.fields["agency"] = forms.ModelChoiceField(
            label=_("Agency"),
            queryset=agencies_for_language(self.language),
            required=self.joint,
            empty_label=_("Choose agency"),
            help_text=_("The agency you both work at.") if self.joint else None,
        )
        # Alone: the agency or another organisation, so neither is marked optional.
        self.fields["agency"].mark_optional = False
        if not self.joint:
            self.fields["organisation"] = forms.CharField(
                label=_("Other organisation"),
                max_length=200,
                required=False,
                help_text=_("If your organisation is not in the list."),
                widget=forms.TextInput(attrs={"autocomplete": "organization"}),
            )
            self.fields["organisation"].mark_optional = False
        self.fields["consent"] = forms.BooleanField(
            label=_("I have read how my personal data is handled"),
            required=True,
            error_messages={"required": _("Tick the box to show that you have read it.")},
        )

    def person_groups(self):
        """[(legend, [bound fields])] for the template."""
        if not self.joint:
            return [
                (
                    None,
                    [
                        self[n]
                        for n in ("name", "email", "role", "dietary_needs", "accessibility_needs")
                    ],
                )
            ]
        names = ("name", "email", "dietary_needs", "accessibility_needs")
        return [
            (Role(role).label.capitalize(), [self[prefix + n] for n in names])
            for prefix, role in self.PAIR
        ]

    def clean(self):
        data = super().clean()
        if not self.joint and not data.get("agency") and not data.get("organisation"):
            self.add_error(
                "agency", _("Choose your agency or write the name of your organisation.")
            )
        if self.joint:
            first, second = (data.get(p + "email") for p, _role in self.PAIR)
            if first and second and first.lower() == second.lower():
                self.add_error("employee_email", _("Each person needs their own e-mail address."))
        return data

    def people(self):
        data = self.cleaned_data
        if self.joint:
            pairs = self.PAIR
        else:
            pairs = (("", data["role"]),)
        return [
            Person(
                name=data[p + "name"],
                email=data[p + "email"],
                role=role,
                dietary_needs=data[p + "dietary_needs"],
                accessibility_needs=data[p + "accessibility_needs"],
            )
            for p, role in pairs
        ]

    def emails(self):
        """The addresses the mail goes to, as register() saves them."""
        return [person.email.strip().lower() for person in self.people()]

    def registration_kwargs(self, request=None):
        return {
            "people": self.people(),
            "agency": self.cleaned_data.get("agency"),
            "organisation": self.cleaned_data.get("organisation", ""),
            "language": self.language,
        }
