"""Lessons across cases: individual lessons from published cases, filterable
by kind, theme and stage and searchable, each linked to its case and agency."""

from django.core.paginator import Paginator
from django.db.models import Q
from django.shortcuts import render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET

from cases.listing import FilterError, Taxonomy, parse_filters, published_cases
from cases.models import CaseLesson, LessonKind
from core.languages import current_language
from portal.process_memo import active_locale
from search.text import MAX_QUERY_LENGTH, clean_query, query_words, stems, without_stop_words

PAGE_SIZE = 30


def lesson_queryset(language, kinds, filters, words):
    cases = published_cases().filter(locale__language_code=language)
    if filters.get("theme"):
        cases = cases.filter(themes__slug__in=filters["theme"])
    if filters.get("stage"):
        cases = cases.filter(stage__slug__in=filters["stage"])
    queryset = CaseLesson.objects.filter(page__in=cases.values("pk"))
    if kinds:
        queryset = queryset.filter(kind__in=kinds)
    for word in words:
        options = Q()
        for stem in stems(word, [language]):
            options |= Q(text__icontains=stem if len(stem) >= 3 else word)
        queryset = queryset.filter(options)
    return queryset.select_related("page", "page__agency").order_by(
        "-page__first_published_at", "page_id", "sort_order"
    )


@require_GET
def lessons_page(request):
    language = current_language()
    taxonomy = Taxonomy.for_locale(active_locale())
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
    filter_params = request.GET.copy()
    for name in ("agency", "status", "year"):
        filter_params.pop(name, None)
    try:
        filters = parse_filters(filter_params, taxonomy)
    except FilterError as exc:
        errors.append(exc.message)
        filters = {}
    words = without_stop_words(query_words(query), [language])
    queryset = lesson_queryset(language, kinds, filters, words)
    page = Paginator(queryset, PAGE_SIZE).get_page(request.GET.get("page"))
    lessons = list(page.object_list)
    agencies = set(queryset.values_list("page__agency__name", flat=True))
    params = request.GET.copy()
    params.pop("page", None)
    context = {
        "lessons": lessons,
        "page_obj": page,
        "query": query,
        "kinds": [(value, label, value in kinds) for value, label in LessonKind.choices],
        "themes": [
            (slug, taxonomy.theme_label(slug), slug in filters.get("theme", []))
            for slug in sorted(taxonomy.themes, key=lambda s: taxonomy.theme_label(s))
        ],
        "stages": [
            (slug, taxonomy.stage_label(slug), slug in filters.get("stage", []))
            for slug in sorted(taxonomy.stages, key=lambda s: taxonomy.stage_order[s])
        ],
        "agency_count": len(agencies),
        "errors": errors,
        "query_string": params.urlencode(),
    }
    return render(request, "search/lessons.html", context, status=400 if errors else 200)
