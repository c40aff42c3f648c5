"""Password reset, throttled the same way on every path: Wagtail's
/admin/password_reset/ and the contributors' form count together, per client
address and per e-mail address, whether or not an account has that address
(so the answer says nothing about who has one)."""

from django import forms
from django.utils.translation import gettext_lazy as _
from wagtail.admin.forms.auth import PasswordResetForm as WagtailPasswordResetForm
from wagtail.admin.views.account import PasswordResetView as WagtailPasswordResetView

from core.ratelimit import over_limit

LIMIT = 5  # mails asked for, per client and per e-mail address ...
WINDOW_SECONDS = 60 * 60  # ... in an hour
TOO_MANY = _("Too many requests for a new password. Try again in an hour.")


class ThrottledPasswordResetMixin:
    """For a form based on Django's PasswordResetForm; the view passes the request."""

    def __init__(self, *args, request=None, **kwargs):
        self.request = request
        super().__init__(*args, **kwargs)

    def clean(self):
        cleaned = super().clean()
        email = cleaned.get("email")
        if email and over_limit("password-reset", self.request, email, LIMIT, WINDOW_SECONDS):
            raise forms.ValidationError(TOO_MANY, code="rate_limited")
        return cleaned


class AdminPasswordResetForm(ThrottledPasswordResetMixin, WagtailPasswordResetForm):
    pass


class AdminPasswordResetView(WagtailPasswordResetView):
    """Wagtail's view, with the throttled form (portal/urls.py puts it first)."""

    def get_form_class(self):
        return AdminPasswordResetForm

    def get_form_kwargs(self):
        return {**super().get_form_kwargs(), "request": self.request}
