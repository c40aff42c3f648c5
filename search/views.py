"""The search page, /api/search/ and title autocomplete."""

from django.core.paginator import Paginator
from django.db import transaction
from django.http import JsonResponse
from django.shortcuts import render
from django.views.decorators.http import require_GET

from cases.facets import filter_links
from cases.filters import facet_titles
from cases.queries import published_cases
from core.languages import current_language, language_codes
from search.models import log_query
from search.service import ParameterError, outcome_as_json, parse_params, run_search
from search.text import clean_query, query_words


def parameter_error(exc):
    """The 400 answer naming a bad parameter (the search API and its exports)."""
    return JsonResponse({"error": {"parameter": exc.parameter, "message": exc.message}}, status=400)


# Searches read, then log the query: no request-long transaction (a write at
# the end of a long read transaction serialises SQLite's workers).
@transaction.non_atomic_requests
@require_GET
def api_search(request):
    try:
        params = parse_params(request.GET)
    except ParameterError as exc:
        return parameter_error(exc)
    outcome = run_search(params)
    log_query(outcome)
    return JsonResponse(
        outcome_as_json(outcome, request), json_dumps_params={"ensure_ascii": False}
    )


@transaction.non_atomic_requests
@require_GET
def search_page(request):
    context = {"query": clean_query(request.GET.get("q", ""))[:200], "facet_titles": facet_titles()}
    try:
        params = parse_params(request.GET)
    except ParameterError as exc:
        context["error"] = exc
        return render(request, "search/search.html", context, status=400)
    outcome = run_search(params)
    log_query(outcome)
    query_params = request.GET.copy()
    query_params.pop("page", None)
    both_languages = query_params.copy()
    both_languages["lang"] = "all"
    as_typed = query_params.copy()
    as_typed["correct"] = "0"
    active_filters = filter_links(request.GET, outcome.facets)
    context.update(
        both_languages_query=both_languages.urlencode(),
        as_typed_query=as_typed.urlencode(),
        without_filter=_without_filter_links(outcome, active_filters),
        related=[(term, count, _with_query(query_params, term)) for term, count in outcome.related],
        outcome=outcome,
        params=params,
        facets=outcome.facets,
        active_filters=active_filters,
        query_string=query_params.urlencode(),
        page_obj=Paginator(range(outcome.total), params.page_size).get_page(params.page),
    )
    return render(request, "search/search.html", context)


def _with_query(query_params, query):
    changed = query_params.copy()
    changed["q"] = query
    changed.pop("correct", None)
    return changed.urlencode()


def _without_filter_links(outcome, active_filters):
    """(label, link, count) for each chosen filter value the zero-hit page
    offers to remove: the active filter's link, with how many it would find."""
    counts = {(name, value): n for name, value, n in outcome.without_filter}
    labels = {
        (name, label): value
        for name, rows in outcome.facets.items()
        for value, label, _count, selected in rows
        if selected
    }
    links = []
    for name, label, link in active_filters:
        count = counts.get((name, labels.get((name, label))))
        if count is not None:
            links.append((label, link, count))
    return links


@transaction.non_atomic_requests
@require_GET
def api_autocomplete(request):
    """Case titles for the search box's combobox: at most eight, prefix matches first."""
    words = query_words(clean_query(request.GET.get("q", ""))[:100])
    lang = request.GET.get("lang", "") or current_language()
    if not words:
        return JsonResponse({"results": []})
    queryset = published_cases()
    if lang in language_codes():
        queryset = queryset.filter(locale__language_code=lang)
    for word in words:
        queryset = queryset.filter(title__icontains=word)
    titles = list(queryset.order_by("title").values_list("pk", "title")[:50])
    first = words[0]
    titles.sort(key=lambda item: (not item[1].lower().startswith(first), item[1].lower()))
    chosen = [pk for pk, _title in titles[:8]]
    pages = {page.pk: page for page in queryset.filter(pk__in=chosen)}
    return JsonResponse(
        {
            "results": [
                {"title": pages[pk].title, "url": pages[pk].get_url(request)}
                for pk in chosen
                if pk in pages
            ]
        },
        json_dumps_params={"ensure_ascii": False},
    )
