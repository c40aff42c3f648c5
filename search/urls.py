"""URL patterns of the search app (included, language-prefixed, by portal.urls)."""

from django.urls import path
from django.utils.translation import gettext_lazy as _

from search import exports, lessons, plan_views, views

urlpatterns = [
    path(_("search/"), views.search_page, name="search"),
    path(_("lessons/"), lessons.lessons_page, name="lessons"),
    path(_("plan/"), plan_views.plan_page, name="plan"),
]

# Not language-prefixed: included at the root by portal.urls.
api_urlpatterns = [
    path("api/search/", views.api_search, name="api-search"),
    path("api/search/autocomplete/", views.api_autocomplete, name="api-search-autocomplete"),
    path("api/plan/", plan_views.api_plan, name="api-plan"),
    path("api/cases.csv", exports.cases_csv, name="api-cases-csv"),
    path("api/cases.jsonl", exports.cases_jsonl, name="api-cases-jsonl"),
]
