"""Links to download the cases a listing or search page shows (search.exports)."""

from django import template
from django.http import QueryDict
from django.urls import reverse

from cases.filters import CaseFilter
from core.languages import current_language
from core.models import Organisation
from search.service import ParameterError, parse_params

register = template.Library()

# What decides which cases the exports hold; the order and page do not.
EXPORT_PARAMETERS = ("q", "lang", "correct", *CaseFilter.base_filters)


@register.inclusion_tag("components/open_data_links.html", takes_context=True)
def open_data_links(context):
    """The page's query and filters as export links, with the licence; none
    when a parameter is bad (the export would refuse it)."""
    request = context["request"]
    query = QueryDict(mutable=True)
    for name in EXPORT_PARAMETERS:
        values = [value for value in request.GET.getlist(name) if value.strip()]
        if values:
            query.setlist(name, values)
    query.setdefault("lang", current_language())
    try:
        parse_params(query)
    except ParameterError:
        return {"links": None}
    organisation = Organisation.load(request_or_site=request)
    suffix = "?" + query.urlencode()
    return {
        "csv_url": reverse("api-cases-csv") + suffix,
        "jsonl_url": reverse("api-cases-jsonl") + suffix,
        "licence_label": organisation.licence_label,
        "licence_url": organisation.licence_url,
        "links": True,
    }
