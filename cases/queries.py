"""Querysets of published cases (a minimal stand-in for the cases part's module)."""

from cases.models import CaseStudyPage


def published_cases(locale=None):
    """Live cases readers may see, in one locale or all."""
    queryset = CaseStudyPage.objects.live().public()
    if locale is not None:
        queryset = queryset.filter(locale=locale)
    return queryset


def for_cards(queryset):
    """What a card template reads, in a constant number of queries."""
    return queryset.select_related("agency", "stage", "locale", "hero_image").prefetch_related(
        "themes"
    )
