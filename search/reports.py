"""Editors' view of the query log: per week, the most frequent searches and
the searches that found nothing."""

import datetime

from django.core.exceptions import PermissionDenied
from django.db.models import Count, Max
from django.template.response import TemplateResponse
from django.utils import timezone
from django.views.defaults import permission_denied
from wagtail.permission_policies.pages import PagePermissionPolicy

from search.models import LoggedQuery

WEEKS = 8
TOP = 20


def weekly_report(weeks=WEEKS, top=TOP, today=None):
    """[(monday, [(query, searches, last hits)], [(query, searches)])], newest week first."""
    today = today or timezone.localdate()
    monday = today - datetime.timedelta(days=today.weekday())
    report = []
    for n in range(weeks):
        start = monday - datetime.timedelta(weeks=n)
        in_week = LoggedQuery.objects.filter(
            searched_at__date__gte=start, searched_at__date__lt=start + datetime.timedelta(days=7)
        )
        frequent = list(
            in_week.values("query")
            .annotate(n=Count("pk"), hits=Max("hits"))
            .order_by("-n", "query")
            .values_list("query", "n", "hits")[:top]
        )
        zero = list(
            in_week.filter(hits=0)
            .values("query")
            .annotate(n=Count("pk"))
            .order_by("-n", "query")
            .values_list("query", "n")[:top]
        )
        report.append((start, frequent, zero))
    return report


def may_read_search_log(user):
    """What readers typed is for editors and moderators: those who may publish."""
    return PagePermissionPolicy().user_has_permission(user, "publish")


def search_terms_view(request):
    if not may_read_search_log(request.user):  # a 403, not the admin's redirect
        return permission_denied(request, PermissionDenied())
    return TemplateResponse(request, "search/admin/search_terms.html", {"report": weekly_report()})
