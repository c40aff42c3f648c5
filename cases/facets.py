"""Facet counts over a queryset of cases (a minimal stand-in for the cases part's module)."""

from django.db.models import Count
from django.db.models.functions import ExtractYear

from cases.filters import FACETS
from cases.models import CaseStatus, CaseStudyPage
from cases.snippets import DigitalisationStage, Theme
from core.languages import language_codes


def facet_counts(queryset, chosen, locale):
    """{facet: [(value, label, count, selected)]}; a chosen value with no hits is kept."""
    pks = queryset.order_by().values("pk")
    cases = CaseStudyPage.objects.filter(pk__in=pks).order_by()
    through = CaseStudyPage.themes.through.objects.filter(casestudypage_id__in=pks)
    theme_names = {t.slug: t.name for t in Theme.objects.filter(locale=locale)}
    stages = {s.slug: s for s in DigitalisationStage.objects.filter(locale=locale)}
    status_labels = dict(CaseStatus.choices)
    found = {
        "theme": dict(
            through.values_list("theme__slug").annotate(n=Count("casestudypage_id", distinct=True))
        ),
        "stage": dict(cases.values_list("stage__slug").annotate(n=Count("pk"))),
        "agency": dict(cases.values_list("agency__name").annotate(n=Count("pk"))),
        "status": dict(cases.values_list("status").annotate(n=Count("pk"))),
        "year": {
            str(year): n
            for year, n in cases.annotate(y=ExtractYear("started"))
            .values_list("y")
            .annotate(n=Count("pk"))
        },
    }
    labels = {
        "theme": lambda v: theme_names.get(v, v),
        "stage": lambda v: stages[v].name if v in stages else v,
        "status": lambda v: status_labels.get(v, v),
    }
    order = {
        "theme": lambda values: sorted(values, key=lambda v: labels["theme"](v).lower()),
        "stage": lambda values: sorted(
            values, key=lambda v: stages[v].order if v in stages else 99
        ),
        "agency": lambda values: sorted(values, key=str.lower),
        "status": lambda values: [s for s in CaseStatus.values if s in values],
        "year": lambda values: sorted(values, reverse=True),
    }
    result = {}
    for name in FACETS:
        counts, selected = found[name], chosen.get(name, [])
        label = labels.get(name, str)
        values = order[name]([v for v in counts if v is not None])
        values += [v for v in selected if v not in counts]
        result[name] = [(v, label(v), counts.get(v, 0), v in selected) for v in values]
    return result


def language_counts(queryset):
    counts = dict(queryset.order_by().values_list("locale__language_code").annotate(n=Count("pk")))
    return {code: counts[code] for code in language_codes() if counts.get(code)}
