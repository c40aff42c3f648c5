"""Sign-up, activation, log-in/out, password reset and invitations."""

from django.contrib import messages
from django.contrib.auth import get_user_model, login
from django.contrib.auth import views as auth_views
from django.contrib.auth.hashers import make_password
from django.contrib.auth.tokens import default_token_generator
from django.core.exceptions import ValidationError
from django.db import transaction
from django.http import Http404
from django.shortcuts import redirect, render
from django.urls import reverse, reverse_lazy
from django.utils.encoding import force_bytes
from django.utils.http import urlsafe_base64_decode, urlsafe_base64_encode
from django.utils.translation import get_language
from django.utils.translation import gettext as _
from django.views.decorators.debug import sensitive_post_parameters

from contributions import mail
from contributions.accounts import activation_tokens, create_contributor, is_deactivated
from contributions.forms.accounts import (
    InviteForm,
    LoginForm,
    RateLimitedPasswordResetForm,
    SignUpForm,
)
from contributions.permissions import is_editor

T = "contributions/account/"


# The password is hashed before the write transaction begins (_register):
# on SQLite that transaction holds the database's write lock.
@transaction.non_atomic_requests
@sensitive_post_parameters("password1", "password2")
def sign_up(request):
    if request.user.is_authenticated:
        return redirect("contributions:my_contributions")
    form = SignUpForm(request.POST or None, request=request)
    if request.method == "POST":
        if form.is_spam:
            return redirect("contributions:sign_up_sent")
        if form.is_valid():
            _register(request, form)
            return redirect("contributions:sign_up_sent")
    return render(request, T + "sign_up.html", {"form": form})


def _register(request, form):
    """Every path hashes the password once and queues one mail, so that the
    answer tells no one (not even by its time) whether the address has an
    account; only the mail to the address says so."""
    data = form.cleaned_data
    email = data["email"]
    password_hash = make_password(data["password1"])
    with transaction.atomic():
        _send_or_create(email, password_hash, form)


def _send_or_create(email, password_hash, form):
    data = form.cleaned_data
    user = get_user_model().objects.filter(email__iexact=email).first()
    if user is not None and user.is_active:
        mail.send(
            "account_exists",
            email,
            {
                "login_url": mail.absolute(reverse("contributions:login")),
                "reset_url": mail.absolute(reverse("contributions:password_reset")),
            },
            get_language(),
        )
    elif user is not None and is_deactivated(user):
        mail.send("account_deactivated", email, {}, get_language())
    else:
        user = create_contributor(
            email,
            form.agency,
            password_hash=password_hash,
            first_name=data["first_name"],
            last_name=data["last_name"],
        )
        mail.send(
            "activate",
            email,
            {
                "user": user,
                "agency": form.agency,
                "activation_url": mail.absolute(activation_path(user)),
            },
            get_language(),
        )


def activation_path(user):
    return reverse(
        "contributions:activate",
        kwargs={
            "uidb64": urlsafe_base64_encode(force_bytes(user.pk)),
            "token": activation_tokens.make_token(user),
        },
    )


def sign_up_sent(request):
    return render(request, T + "sign_up_sent.html")


def activate(request, uidb64, token):
    """A valid link activates the account and logs the person in, once."""
    try:
        pk = urlsafe_base64_decode(uidb64).decode()
        user = get_user_model().objects.get(pk=pk)
    except (ValueError, OverflowError, get_user_model().DoesNotExist, ValidationError):
        raise Http404 from None
    if not activation_tokens.check_token(user, token):
        expired = activation_tokens.is_expired(token)
        return render(
            request,
            T + "activation_failed.html",
            {"expired": expired},
            status=410 if expired else 404,
        )
    if is_deactivated(user):
        return render(request, T + "activation_failed.html", {"deactivated": True}, status=403)
    user.is_active = True
    user.save(update_fields=["is_active"])
    login(request, user, backend="django.contrib.auth.backends.ModelBackend")
    messages.success(request, _("Your account is active. Welcome to Erfarenhetsbanken."))
    return redirect("contributions:my_contributions")


class LoginView(auth_views.LoginView):
    template_name = T + "login.html"
    authentication_form = LoginForm
    redirect_authenticated_user = True
    next_page = reverse_lazy("contributions:my_contributions")


class LogoutView(auth_views.LogoutView):
    next_page = "/"

    def post(self, request, *args, **kwargs):
        language = get_language()
        response = super().post(request, *args, **kwargs)
        response["Location"] = "/" if language == "sv" else f"/{language}/"
        return response


class PasswordResetView(auth_views.PasswordResetView):
    template_name = T + "password_reset.html"
    form_class = RateLimitedPasswordResetForm
    email_template_name = "contributions/emails/password_reset.txt"
    subject_template_name = "contributions/emails/password_reset_subject.txt"
    success_url = reverse_lazy("contributions:password_reset_done")

    def get_form_kwargs(self):
        return {**super().get_form_kwargs(), "request": self.request}


class PasswordResetDoneView(auth_views.PasswordResetDoneView):
    template_name = T + "password_reset_done.html"


class PasswordResetConfirmView(auth_views.PasswordResetConfirmView):
    template_name = T + "password_reset_confirm.html"
    success_url = reverse_lazy("contributions:password_reset_complete")


class PasswordResetCompleteView(auth_views.PasswordResetCompleteView):
    template_name = T + "password_reset_complete.html"


class InvitationAcceptView(auth_views.PasswordResetConfirmView):
    """The invited person chooses a password; that also activates the account."""

    template_name = T + "invitation_accept.html"
    post_reset_login = True
    post_reset_login_backend = "django.contrib.auth.backends.ModelBackend"
    success_url = reverse_lazy("contributions:my_contributions")
    reset_url_token = "set-password"  # noqa: S105 (a URL marker, not a secret)

    def form_valid(self, form):
        form.user.is_active = True
        return super().form_valid(form)


def invite(request):
    """Editors invite a contributor for an agency."""
    if not is_editor(request.user):
        raise Http404
    form = InviteForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        user = create_contributor(
            data["email"],
            data["agency"],
            first_name=data["first_name"],
            last_name=data["last_name"],
            invited_by=request.user,
        )
        url = reverse(
            "contributions:invitation_accept",
            kwargs={
                "uidb64": urlsafe_base64_encode(force_bytes(user.pk)),
                "token": default_token_generator.make_token(user),
            },
        )
        mail.send(
            "invitation",
            user.email,
            {
                "agency": data["agency"],
                "inviter": request.user,
                "accept_url": mail.absolute(url),
            },
            get_language(),
        )
        messages.success(
            request, _("The invitation was sent to %(email)s.") % {"email": user.email}
        )
        return redirect("contributions:invite")
    return render(request, T + "invite.html", {"form": form})
