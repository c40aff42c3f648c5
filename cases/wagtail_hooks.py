"""Admin: the taxonomy and the agencies, grouped under one menu item, and
the report of cases without a follow-up."""

from django.urls import path, reverse
from django.utils.translation import gettext_lazy as _
from wagtail import hooks
from wagtail.admin.menu import MenuItem
from wagtail.snippets.models import register_snippet
from wagtail.snippets.views.snippets import SnippetViewSet, SnippetViewSetGroup

from cases.reports import StaleCasesView, may_see_stale_cases
from cases.snippets import Agency, DigitalisationStage, Theme


class AgencyViewSet(SnippetViewSet):
    model = Agency
    icon = "site"
    list_display = ["name", "short_name", "org_number", "email_domains"]
    search_fields = ["name", "short_name", "org_number"]
    ordering = ["name"]


class ThemeViewSet(SnippetViewSet):
    model = Theme
    icon = "tag"
    list_display = ["name", "slug"]


class StageViewSet(SnippetViewSet):
    model = DigitalisationStage
    icon = "list-ol"
    list_display = ["order", "name", "slug"]
    ordering = ["order"]


class CaseLibraryGroup(SnippetViewSetGroup):
    items = (AgencyViewSet, ThemeViewSet, StageViewSet)
    menu_icon = "folder-open-inverse"
    menu_label = _("Case library")
    menu_name = "case-library"


register_snippet(CaseLibraryGroup)


class StaleCasesMenuItem(MenuItem):
    def is_shown(self, request):
        return may_see_stale_cases(request.user)


@hooks.register("register_admin_urls")
def register_stale_cases_urls():
    view = StaleCasesView.as_view()
    results = StaleCasesView.as_view(results_only=True)
    return [
        path("reports/cases-without-follow-up/", view, name="stale_cases_report"),
        path(
            "reports/cases-without-follow-up/results/", results, name="stale_cases_report_results"
        ),
    ]


@hooks.register("register_reports_menu_item")
def register_stale_cases_menu_item():
    return StaleCasesMenuItem(
        _("Cases without follow-up"),
        reverse("stale_cases_report"),
        icon_name="time",
        order=800,
    )
