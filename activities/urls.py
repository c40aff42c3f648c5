"""URL patterns of the activities app (included, language-prefixed, by portal.urls)."""

from django.urls import path
from django.utils.translation import pgettext_lazy

from activities import views

app_name = "activities"

urlpatterns = [
    path(
        pgettext_lazy("URL", "activities/cancel/<str:token>/"),
        views.registration_page,
        name="cancel",
    ),
]
