"""Two-factor sign-in for staff with a TOTP app (django-otp).

Anyone with admin access may add an authenticator app; from then on each
sign-in asks for its code. With TWO_FACTOR_REQUIRED_FOR_SUPERUSERS (on in
production) a superuser must add one before doing anything else."""

from base64 import b32encode

import django_otp
import qrcode
import qrcode.image.svg
from django import forms
from django.conf import settings
from django.contrib import messages
from django.contrib.auth import REDIRECT_FIELD_NAME
from django.shortcuts import redirect, render
from django.urls import Resolver404, resolve, reverse
from django.utils.http import url_has_allowed_host_and_scheme, urlencode
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views.decorators.debug import sensitive_post_parameters
from django.views.decorators.http import require_POST
from django_otp.forms import OTPAuthenticationFormMixin
from django_otp.plugins.otp_totp.models import TOTPDevice

# Pages a signed-in person reaches before the second step: the step itself
# and what its pages need.
OPEN_BEFORE_SECOND_STEP = {
    "two_factor_verify",
    "two_factor_setup",
    "wagtailadmin_login",
    "wagtailadmin_logout",
    "wagtailadmin_javascript_catalog",
    "wagtailadmin_sprite",
    "contributions:logout",
}


def required_for(user):
    return bool(settings.TWO_FACTOR_REQUIRED_FOR_SUPERUSERS and user.is_superuser)


def confirmed_device(user):
    return TOTPDevice.objects.devices_for_user(user, confirmed=True).first()


class TwoFactorMiddleware:
    """After django_otp's OTPMiddleware: a signed-in person who has an app, or
    must have one, reaches nothing but the second step until it is done."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        user = request.user
        if user.is_authenticated and not user.is_verified() and not self._open(request):
            if confirmed_device(user) is not None:
                return self._to("two_factor_verify", request)
            if required_for(user):
                return self._to("two_factor_setup", request)
        return self.get_response(request)

    @staticmethod
    def _open(request):
        try:
            return resolve(request.path_info).view_name in OPEN_BEFORE_SECOND_STEP
        except Resolver404:
            return False

    @staticmethod
    def _to(name, request):
        query = urlencode({REDIRECT_FIELD_NAME: request.get_full_path()})
        return redirect(f"{reverse(name)}?{query}")


def code_field():
    return forms.CharField(
        label=gettext_lazy("Code from the app"),
        max_length=6,
        widget=forms.TextInput(
            attrs={"autocomplete": "one-time-code", "inputmode": "numeric", "autofocus": True}
        ),
    )


class CodeForm(OTPAuthenticationFormMixin, forms.Form):
    """The six digits the app shows, checked against the person's device with
    django-otp's own throttling of wrong codes."""

    otp_error_messages = {
        **OTPAuthenticationFormMixin.otp_error_messages,
        "token_required": gettext_lazy("Enter the code your authenticator app shows."),
        "invalid_token": gettext_lazy("The code is not right. Enter the code the app shows now."),
        "verification_not_allowed": gettext_lazy(
            "Too many wrong codes. Wait a while and try again."
        ),
        "n_failed_attempts": gettext_lazy("Too many wrong codes. Wait a while and try again."),
    }
    otp_token = code_field()

    def __init__(self, user, device, *args, **kwargs):
        self.user, self.device = user, device
        super().__init__(*args, **kwargs)

    def clean(self):
        cleaned = super().clean()
        if not self.errors:
            self.cleaned_data["otp_device"] = self.device.persistent_id
            self.clean_otp(self.user)
        return cleaned


class SetupForm(forms.Form):
    password = forms.CharField(
        label=gettext_lazy("Your password"),
        strip=False,
        widget=forms.PasswordInput(attrs={"autocomplete": "current-password"}),
    )
    otp_token = code_field()

    def __init__(self, user, device, *args, **kwargs):
        self.user, self.device = user, device
        super().__init__(*args, **kwargs)

    def clean(self):
        """The code is checked only after the password: a wrong password
        spends no code (each code works once)."""
        cleaned = super().clean()
        password, token = cleaned.get("password"), cleaned.get("otp_token")
        if password is not None and not self.user.check_password(password):
            self.add_error("password", _("The password is not right."))
        elif token is not None and not self.device.verify_token(token):
            self.add_error("otp_token", CodeForm.otp_error_messages["invalid_token"])
        return cleaned


def _next(request, default):
    target = request.POST.get(REDIRECT_FIELD_NAME) or request.GET.get(REDIRECT_FIELD_NAME)
    if target and url_has_allowed_host_and_scheme(
        target, allowed_hosts={request.get_host()}, require_https=request.is_secure()
    ):
        return target
    return default


@sensitive_post_parameters("otp_token")
def verify(request):
    """The second step of signing in."""
    device = confirmed_device(request.user)
    if device is None or request.user.is_verified():
        return redirect(_next(request, reverse("wagtailadmin_home")))
    form = CodeForm(request.user, device, request.POST or None)
    if request.method == "POST" and form.is_valid():
        django_otp.login(request, request.user.otp_device)
        return redirect(_next(request, reverse("wagtailadmin_home")))
    return render(
        request,
        "portal/two_factor/verify.html",
        {"form": form, "next": _next(request, "")},
    )


@sensitive_post_parameters("password", "otp_token")
def setup(request):
    """Add an authenticator app: scan the code, then prove it with a code."""
    user = request.user
    if confirmed_device(user) is not None:
        return redirect("two_factor" if user.is_verified() else "two_factor_verify")
    device = TOTPDevice.objects.devices_for_user(user, confirmed=False).first()
    if device is None:
        device = TOTPDevice.objects.create(user=user, name="TOTP", confirmed=False)
    form = SetupForm(user, device, request.POST or None)
    if request.method == "POST" and form.is_valid():
        device.confirmed = True
        device.save()
        django_otp.login(request, device)
        messages.success(request, _("Two-factor sign-in is on for your account."))
        return redirect(_next(request, reverse("two_factor")))
    qr = qrcode.make(device.config_url, image_factory=qrcode.image.svg.SvgPathFillImage)
    return render(
        request,
        "portal/two_factor/setup.html",
        {
            "form": form,
            "next": _next(request, ""),
            "qr_svg": qr.to_string(encoding="unicode"),
            "key": b32encode(device.bin_key).decode(),
            "required": required_for(user),
        },
    )


def manage(request):
    """Whether two-factor sign-in is on, with the way to turn it on or off."""
    return render(
        request,
        "portal/two_factor/manage.html",
        {"device": confirmed_device(request.user), "required": required_for(request.user)},
    )


@require_POST
def remove(request):
    TOTPDevice.objects.filter(user=request.user).delete()
    messages.success(request, _("Two-factor sign-in is off for your account."))
    return redirect("two_factor")
