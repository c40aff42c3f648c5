"""The published cases as querysets: what listings, feeds, the home page and
search read (the methods are CaseStudyPage.objects' own: cases.models)."""

from cases.models import CARD_PREFETCH, CARD_RELATIONS, NEWEST, CaseStudyPage, with_reuse_count

__all__ = ["NEWEST", "for_cards", "newest_first", "published_cases", "related_cases"]


def published_cases(locale=None):
    """Live cases outside any private section, in one locale if given."""
    return CaseStudyPage.objects.published(locale)


def for_cards(queryset):
    """The queryset with select_related("agency", "stage", "locale",
    "hero_image"), prefetch_related("themes") and the reuse count: what a
    card template reads."""
    return with_reuse_count(
        queryset.select_related(*CARD_RELATIONS).prefetch_related(*CARD_PREFETCH)
    )


def newest_first(queryset):
    return queryset.order_by(*NEWEST)


def related_cases(page):
    """The cards of the cases related to a case page (CaseStudyPage.related_cases)."""
    return page.related_cases()
