"""Sign-up, log-in, password reset and invitation forms."""

from django import forms
from django.contrib.auth import get_user_model, password_validation
from django.contrib.auth.forms import AuthenticationForm, PasswordResetForm
from django.utils.translation import gettext_lazy as _

from cases.snippets import Agency
from contributions.agencies import agency_for_email
from core.control_characters import WithoutControlCharactersMixin
from core.password_reset import ThrottledPasswordResetMixin
from core.ratelimit import over_limit

# The address is the account's username too, the shorter of the two limits.
USERNAME_LENGTH = 150
TOO_MANY = _("Too many attempts. Wait 15 minutes and try again.")


class HoneypotMixin(WithoutControlCharactersMixin, forms.Form):
    """A field people never see (hidden by CSS, skipped by keyboard and
    labelled for screen readers); bots fill it in."""

    website = forms.CharField(
        label=_("Leave this field empty"),
        required=False,
        widget=forms.TextInput(attrs={"autocomplete": "off", "tabindex": "-1"}),
    )
    website.mark_optional = False  # people never see it; a bot needs no hint

    @property
    def is_spam(self):
        return bool(self.data.get(self.add_prefix("website")))


class SignUpForm(HoneypotMixin):
    email = forms.EmailField(
        label=_("Work e-mail address"),
        max_length=USERNAME_LENGTH,
        help_text=_(
            "Use your address at the agency, for example "
            "fornamn.efternamn@skatteverket.se. We check that the domain "
            "belongs to an agency in Erfarenhetsbanken."
        ),
        widget=forms.EmailInput(attrs={"autocomplete": "email"}),
    )
    first_name = forms.CharField(
        label=_("First name"),
        max_length=150,
        widget=forms.TextInput(attrs={"autocomplete": "given-name"}),
    )
    last_name = forms.CharField(
        label=_("Last name"),
        max_length=150,
        widget=forms.TextInput(attrs={"autocomplete": "family-name"}),
    )
    password1 = forms.CharField(
        label=_("Password"),
        strip=False,
        help_text=_("At least 10 characters. Not only digits, not a common password."),
        widget=forms.PasswordInput(attrs={"autocomplete": "new-password"}),
    )
    password2 = forms.CharField(
        label=_("Password again"),
        strip=False,
        widget=forms.PasswordInput(attrs={"autocomplete": "new-password"}),
    )

    def __init__(self, *args, request=None, **kwargs):
        self.request = request
        self.agency = None
        super().__init__(*args, **kwargs)
        self.order_fields(["first_name", "last_name", "email", "password1", "password2"])

    def clean_email(self):
        email = self.cleaned_data["email"].strip().lower()
        self.agency = agency_for_email(email)
        if self.agency is None:
            raise forms.ValidationError(
                _(
                    "The address does not belong to an agency in Erfarenhetsbanken. Use your "
                    "work address, or ask the editors to invite you: the contact link is below "
                    "the form."
                ),
                code="unknown_domain",
            )
        return email

    def clean(self):
        cleaned = super().clean()
        if self.request is not None and over_limit(
            "signup", self.request, self.data.get("email", "")
        ):
            raise forms.ValidationError(TOO_MANY, code="rate_limited")
        p1, p2 = cleaned.get("password1"), cleaned.get("password2")
        if p1 and p2 and p1 != p2:
            self.add_error("password2", _("The two passwords differ."))
        elif p1:
            user = get_user_model()(
                username=cleaned.get("email", ""),
                email=cleaned.get("email", ""),
                first_name=cleaned.get("first_name", ""),
                last_name=cleaned.get("last_name", ""),
            )
            try:
                password_validation.validate_password(p1, user)
            except forms.ValidationError as error:
                self.add_error("password1", error)
        return cleaned


class LoginForm(WithoutControlCharactersMixin, AuthenticationForm):
    """Failed log-ins are counted and paused by django-axes (settings), here and
    at /admin/login/ alike."""

    username = forms.CharField(
        label=_("E-mail address"),
        widget=forms.EmailInput(attrs={"autofocus": True, "autocomplete": "email"}),
    )

    def clean_username(self):
        return self.cleaned_data["username"].strip().lower()


class RateLimitedPasswordResetForm(
    WithoutControlCharactersMixin, ThrottledPasswordResetMixin, PasswordResetForm
):
    pass


class InviteForm(WithoutControlCharactersMixin, forms.Form):
    email = forms.EmailField(
        label=_("E-mail address of the person you invite"), max_length=USERNAME_LENGTH
    )
    first_name = forms.CharField(label=_("First name"), max_length=150, required=False)
    last_name = forms.CharField(label=_("Last name"), max_length=150, required=False)
    agency = forms.ModelChoiceField(
        label=_("Agency"),
        queryset=Agency.objects.none(),
        help_text=_("The invited contributor writes cases for this agency."),
    )

    def __init__(self, *args, **kwargs):
        from wagtail.models import Locale

        super().__init__(*args, **kwargs)
        self.fields["agency"].queryset = Agency.objects.filter(locale=Locale.get_default())

    def clean_email(self):
        email = self.cleaned_data["email"].strip().lower()
        if get_user_model().objects.filter(email__iexact=email, is_active=True).exists():
            raise forms.ValidationError(_("There is already an account with this address."))
        return email
