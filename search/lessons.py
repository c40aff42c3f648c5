"""Lessons across cases: individual lessons from published cases, filterable
by kind, theme and stage and searchable, each linked to its case and agency."""

from django.core.paginator import Paginator
from django.shortcuts import render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET
from wagtail.models import Locale

from cases.filters import CaseFilter
from cases.models import CaseLesson, LessonKind
from cases.queries import published_cases
from cases.snippets import DigitalisationStage, Theme
from core.languages import current_language
from search.text import (
    MAX_QUERY_LENGTH,
    clean_query,
    common_prefix,
    searched_words,
)

PAGE_SIZE = 30
FILTERS = ("theme", "stage")


def lesson_queryset(cases, language, kinds, words):
    queryset = CaseLesson.objects.filter(page__in=cases.values("pk"))
    if kinds:
        queryset = queryset.filter(kind__in=kinds)
    for word in words:
        # The part of the word its stems share: "leveranserna" finds "leveranser".
        prefix = common_prefix(word, [language])
        queryset = queryset.filter(text__icontains=prefix if len(prefix) >= 3 else word)
    return queryset.select_related("page", "page__agency").order_by(
        "-page__first_published_at", "page_id", "sort_order"
    )


def chosen_filters(request, cases, errors):
    """The theme and stage filters, each bad one left out with a message."""
    data = {name: request.GET.getlist(name) for name in FILTERS}
    case_filter = CaseFilter(data, queryset=cases)
    while not case_filter.is_valid():
        name, messages = next(iter(case_filter.errors.items()))
        errors.append(messages[0])
        data[name] = []
        case_filter = CaseFilter(data, queryset=cases)
    return case_filter


@require_GET
def lessons_page(request):
    language = current_language()
    locale = Locale.get_active()
    errors = []
    query = clean_query(request.GET.get("q", ""))
    if len(query) > MAX_QUERY_LENGTH:
        errors.append(
            _("The search text can be at most %(max)s characters.") % {"max": MAX_QUERY_LENGTH}
        )
        query = query[:MAX_QUERY_LENGTH]
    kinds = [k for k in request.GET.getlist("kind") if k]
    if any(k not in LessonKind.values for k in kinds):
        errors.append(_("Unknown kind of lesson."))
        kinds = [k for k in kinds if k in LessonKind.values]
    case_filter = chosen_filters(request, published_cases(locale), errors)
    chosen = case_filter.chosen
    words = searched_words(query, [language])
    queryset = lesson_queryset(case_filter.qs, language, kinds, words)
    page = Paginator(queryset, PAGE_SIZE).get_page(request.GET.get("page"))
    params = request.GET.copy()
    params.pop("page", None)
    context = {
        "lessons": list(page.object_list),
        "page_obj": page,
        "query": query,
        "kinds": [(value, label, value in kinds) for value, label in LessonKind.choices],
        "themes": [
            (theme.slug, theme.name, theme.slug in chosen.get("theme", []))
            for theme in Theme.objects.filter(locale=locale).order_by("name")
        ],
        "stages": [
            (stage.slug, stage.name, stage.slug in chosen.get("stage", []))
            for stage in DigitalisationStage.objects.filter(locale=locale).order_by("order")
        ],
        "agency_count": queryset.order_by().values("page__agency__name").distinct().count(),
        "errors": errors,
        "query_string": params.urlencode(),
    }
    return render(request, "search/lessons.html", context, status=400 if errors else 200)
