"""Editors' view of the query log: per week, the most frequent searches and
the searches that found nothing."""

import datetime

from django.db.models import Count, Max
from django.template.response import TemplateResponse
from django.utils import timezone

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
            in_week.values("query").annotate(n=Count("pk"), hits=Max("hits"))
            .order_by("-n", "query").values_list("query", "n", "hits")[:top]
        )
        zero = list(
            in_week.filter(hits=0).values("query").annotate(n=Count("pk"))
            .order_by("-n", "query").values_list("query", "n")[:top]
        )
        report.append((start, frequent, zero))
    return report


def search_terms_view(request):
    return TemplateResponse(request, "search/admin/search_terms.html",
                            {"report": weekly_report()})
