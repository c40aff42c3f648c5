"""Editors' view of the query log: per week, the most frequent searches and
the searches that found nothing."""

import datetime

from django.core.exceptions import PermissionDenied
from django.db.models import Count, Max, Q
from django.template.response import TemplateResponse
from django.utils import timezone
from django.views.defaults import permission_denied
from wagtail.permission_policies.pages import PagePermissionPolicy

from search.models import LoggedQuery

WEEKS = 8
TOP = 20


def weekly_report(weeks=WEEKS, top=TOP, today=None):
    """[(monday, [(query, searches, most hits)], [(query, searches, shown instead)])],
    newest week first. The second list holds the searches whose words as
    typed found nothing or almost nothing: those that found nothing at all
    (nothing shown instead), and those shown a corrected spelling."""
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
        # What found nothing as typed: nothing at all, or only a corrected spelling.
        zero = list(
            in_week.filter(Q(hits=0) | ~Q(corrected_query=""))
            .values("query", "corrected_query")
            .annotate(n=Count("pk"))
            .order_by("-n", "query", "corrected_query")
            .values_list("query", "n", "corrected_query")[:top]
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
