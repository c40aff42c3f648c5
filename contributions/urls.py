"""URL patterns of the contributions app (included, language-prefixed, by
portal.urls). The paths are translated: /dela/ in Swedish, /en/share/ in English."""

from django.urls import path
from django.utils.translation import pgettext_lazy

from contributions.views import accounts, cases, follow_ups, reuse

app_name = "contributions"

urlpatterns = [
    path(pgettext_lazy("URL path", "account/sign-up/"), accounts.sign_up, name="sign_up"),
    path(
        pgettext_lazy("URL path", "account/sign-up/sent/"),
        accounts.sign_up_sent,
        name="sign_up_sent",
    ),
    path(
        pgettext_lazy("URL path", "account/activate/<uidb64>/<token>/"),
        accounts.activate,
        name="activate",
    ),
    path(pgettext_lazy("URL path", "account/log-in/"), accounts.LoginView.as_view(), name="login"),
    path(
        pgettext_lazy("URL path", "account/log-out/"), accounts.LogoutView.as_view(), name="logout"
    ),
    path(
        pgettext_lazy("URL path", "account/password/"),
        accounts.PasswordResetView.as_view(),
        name="password_reset",
    ),
    path(
        pgettext_lazy("URL path", "account/password/sent/"),
        accounts.PasswordResetDoneView.as_view(),
        name="password_reset_done",
    ),
    path(
        pgettext_lazy("URL path", "account/password/<uidb64>/<token>/"),
        accounts.PasswordResetConfirmView.as_view(),
        name="password_reset_confirm",
    ),
    path(
        pgettext_lazy("URL path", "account/password/done/"),
        accounts.PasswordResetCompleteView.as_view(),
        name="password_reset_complete",
    ),
    path(pgettext_lazy("URL path", "account/invite/"), accounts.invite, name="invite"),
    path(
        pgettext_lazy("URL path", "account/invitation/<uidb64>/<token>/"),
        accounts.InvitationAcceptView.as_view(),
        name="invitation_accept",
    ),
    path(pgettext_lazy("URL path", "share/"), cases.case_form, name="new"),
    path(
        pgettext_lazy("URL path", "follow-up/<str:token>/"),
        follow_ups.follow_up,
        name="follow_up",
    ),
    path(pgettext_lazy("URL path", "share/<int:page_id>/"), cases.case_form, name="edit"),
    path(pgettext_lazy("URL path", "share/<int:page_id>/preview/"), cases.preview, name="preview"),
    path(
        pgettext_lazy("URL path", "share/<int:page_id>/withdraw/"), cases.withdraw, name="withdraw"
    ),
    path(
        pgettext_lazy("URL path", "share/<int:page_id>/contact/"),
        reuse.contact_form,
        name="contact",
    ),
    path(
        pgettext_lazy("URL path", "we-tried-this/<int:page_id>/"),
        reuse.reuse_form,
        name="reuse",
    ),
    path(
        pgettext_lazy("URL path", "we-tried-this/<int:page_id>/remove/"),
        reuse.reuse_remove,
        name="reuse_remove",
    ),
    path(
        pgettext_lazy("URL path", "my-contributions/"),
        cases.my_contributions,
        name="my_contributions",
    ),
]
