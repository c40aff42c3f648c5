from django.urls import include, path, reverse
from django.utils.translation import gettext_lazy as _
from wagtail import hooks
from wagtail.admin.menu import MenuItem
from wagtail.admin.widgets import Button

from activities import admin_views
from activities.models import ActivityPage

admin_urls = [
    path("", admin_views.index, name="index"),
    path("<int:pk>/", admin_views.registrations, name="registrations"),
    path("<int:pk>/export.csv", admin_views.export_csv, name="export"),
    path("<int:pk>/message/", admin_views.message, name="message"),
    path("registration/<int:pk>/cancel/", admin_views.cancel_registration, name="cancel"),
]


@hooks.register("register_admin_urls")
def register_urls():
    return [
        path(
            "activity-registrations/",
            include((admin_urls, "activities_admin"), namespace="activities_admin"),
        )
    ]


class RegistrationsMenuItem(MenuItem):
    def is_shown(self, request):
        return request.user.has_perm(admin_views.VIEW)


@hooks.register("register_admin_menu_item")
def registrations_menu_item():
    return RegistrationsMenuItem(
        _("Registrations"), reverse("activities_admin:index"), icon_name="group", order=350
    )


@hooks.register("register_page_header_buttons")
def registrations_button(page, user, view_name=None, next_url=None):
    if isinstance(page.specific_deferred, ActivityPage) and user.has_perm(admin_views.VIEW):
        activity = page.specific.registration_activity
        yield Button(
            _("Registrations"),
            reverse("activities_admin:registrations", args=[activity.pk]),
            icon_name="group",
            priority=90,
        )
