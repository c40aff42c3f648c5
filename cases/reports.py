"""Editors' report: published cases without a follow-up for twelve months
or more since their publication or their last follow-up."""

import datetime

from django.utils.translation import gettext_lazy as _
from wagtail.admin.ui.tables import Column, DateColumn, TitleColumn
from wagtail.admin.views.reports import ReportView
from wagtail.permission_policies.pages import PagePermissionPolicy

from cases.follow_ups import stale_cases


def may_see_stale_cases(user):
    """Editors and moderators: those who may publish."""
    return PagePermissionPolicy().user_has_permission(user, "publish")


class StaleCasesView(ReportView):
    page_title = _("Cases without follow-up")
    header_icon = "time"
    index_url_name = "stale_cases_report"
    index_results_url_name = "stale_cases_report_results"
    permission_policy = PagePermissionPolicy()
    permission_required = "publish"
    columns = [
        TitleColumn("title", label=_("Case"), url_name="wagtailadmin_pages:edit"),
        Column("agency", label=_("Agency")),
        Column("locale", label=_("Language"), accessor="locale.language_code"),
        Column("status", label=_("Status"), accessor="get_status_display"),
        DateColumn("anchor", label=_("Published or last followed up")),
    ]
    list_export = ["title", "agency", "status", "anchor", "last_follow_up", "full_url"]
    export_headings = {
        "title": _("Case"),
        "agency": _("Agency"),
        "status": _("Status"),
        "anchor": _("Published or last followed up"),
        "last_follow_up": _("Last follow-up"),
        "full_url": _("Address"),
    }

    def get_filename(self):
        return f"cases-without-follow-up-{datetime.date.today():%Y-%m-%d}"

    def get_queryset(self):
        return stale_cases()
