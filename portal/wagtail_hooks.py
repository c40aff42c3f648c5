"""The admin's two-factor pages (portal/two_factor.py) and their menu entry."""

from django.urls import path, reverse
from django.utils.translation import gettext_lazy as _
from wagtail import hooks

from portal import two_factor


@hooks.register("register_admin_urls")
def two_factor_urls():
    return [
        path("two-factor/", two_factor.manage, name="two_factor"),
        path("two-factor/verify/", two_factor.verify, name="two_factor_verify"),
        path("two-factor/set-up/", two_factor.setup, name="two_factor_setup"),
        path("two-factor/remove/", two_factor.remove, name="two_factor_remove"),
    ]


@hooks.register("register_account_menu_item")
def two_factor_menu_item(request):
    return {
        "url": reverse("two_factor"),
        "label": _("Two-factor sign-in"),
        "help_text": _("Ask for a code from an authenticator app each time you sign in."),
    }
