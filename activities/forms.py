"""The registration form on the activity page: one person, or a pair for joint activities."""

from django import forms
from django.db.models import Q
from django.utils.translation import gettext_lazy as _
from wagtail.models import Locale

from activities.models import Role
from activities.registration import Person
from cases.snippets import Agency
from core.control_characters import WithoutControlCharactersMixin
from core.languages import current_language


def agencies_for_language(language):
    """Every agency once: in the reader's language where it is translated, else
    in the default language, so that no language lists fewer agencies."""
    default = Locale.get_default()
    locale = Locale.objects.filter(language_code=language).first()
    if locale is None or locale.pk == default.pk:
        return Agency.objects.filter(locale=default).order_by("name")
    translated = Agency.objects.filter(locale=locale)
    untranslated = Agency.objects.filter(locale=default).exclude(
        translation_key__in=translated.values("translation_key")
    )
    return Agency.objects.filter(Q(pk__in=translated) | Q(pk__in=untranslated)).order_by("name")


class PersonFields:
    """Field definitions for one person; prefixed for the second of a pair."""

    @staticmethod
    def build(prefix, with_role, with_diet=True):
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
        if not with_diet:
            del fields[f"{prefix}dietary_needs"]
        return fields


class RegistrationForm(WithoutControlCharactersMixin, forms.Form):
    PAIR = (("employer_", Role.EMPLOYER), ("employee_", Role.EMPLOYEE))

    def __init__(self, activity, *args, **kwargs):
        kwargs.setdefault("label_suffix", "")
        super().__init__(*args, **kwargs)
        self.activity = activity
        self.joint = activity.joint_registration
        self.language = current_language()
        # Online activities serve no food: no question about diet.
        with_diet = not activity.is_online
        if self.joint:
            for prefix, _role in self.PAIR:
                self.fields.update(PersonFields.build(prefix, with_role=False, with_diet=with_diet))
        else:
            self.fields.update(PersonFields.build("", with_role=True, with_diet=with_diet))
        self.fields["agency"] = forms.ModelChoiceField(
            label=_("Agency"),
            queryset=agencies_for_language(self.language),
            required=False,
            empty_label=_("Choose agency"),
            help_text=_("The agency you both work at.") if self.joint else None,
        )
        # The agency or another organisation, so neither is marked optional.
        self.fields["agency"].mark_optional = False
        self.fields["organisation"] = forms.CharField(
            label=_("Other organisation"),
            max_length=200,
            required=False,
            help_text=(
                _("If your organisation is not in the list.")
                if not self.joint
                else _("If the organisation you both work at is not in the list.")
            ),
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
        names = ("name", "email", "role", "dietary_needs", "accessibility_needs")
        groups = (
            [(Role(role).label.capitalize(), prefix) for prefix, role in self.PAIR]
            if self.joint
            else [(None, "")]
        )
        return [
            (legend, [self[prefix + n] for n in names if prefix + n in self.fields])
            for legend, prefix in groups
        ]

    def clean(self):
        data = super().clean()
        if not data.get("agency") and not data.get("organisation"):
            self.add_error(
                "agency",
                _("Choose your agency or write the name of your organisation.")
                if not self.joint
                else _(
                    "Choose the agency you both work at or write the name of your organisation."
                ),
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
                dietary_needs=data.get(p + "dietary_needs", ""),
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
