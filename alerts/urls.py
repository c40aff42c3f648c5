"""URL patterns of the alerts app (included, language-prefixed, by portal.urls)."""

from django.urls import path
from django.utils.translation import pgettext_lazy

from alerts import views

app_name = "alerts"

urlpatterns = [
    path(pgettext_lazy("URL", "alerts/"), views.subscribe, name="subscribe"),
    path(pgettext_lazy("URL", "alerts/confirm/<str:token>/"), views.confirm, name="confirm"),
    path(pgettext_lazy("URL", "alerts/manage/<str:token>/"), views.manage, name="manage"),
    path(
        pgettext_lazy("URL", "alerts/unsubscribe/<str:token>/"),
        views.unsubscribe,
        name="unsubscribe",
    ),
]
