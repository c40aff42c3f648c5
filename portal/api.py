"""Wagtail's read-only API v2 at /api/v2/: pages, images and documents.

Pages: Wagtail serves only live, public pages. Images and documents: only
those a live public page uses (hero images, attachments, rich-text links),
so files uploaded with a draft or a rejected contribution stay unlisted.

Every parameter is checked before Wagtail reads it: no control characters,
no number beyond what the database stores, search text reduced to its words
(a quote is query syntax to SQLite's full-text search) and a known operator,
each refused with a 400 that names the parameter."""

import re

from django.contrib.contenttypes.models import ContentType
from django.utils.translation import gettext as _
from wagtail.api.v2.filters import SearchFilter
from wagtail.api.v2.router import WagtailAPIRouter
from wagtail.api.v2.utils import BadRequestError
from wagtail.api.v2.views import PagesAPIViewSet
from wagtail.documents.api.v2.views import DocumentsAPIViewSet
from wagtail.models import Page, ReferenceIndex

from core.control_characters import first_control_character
from search.text import MAX_QUERY_LENGTH, clean_query, query_words

# Page ids and offsets fit PostgreSQL's integer; larger numbers overflow the query.
MAX_NUMBER = 2**31 - 1
NUMBER = re.compile(r"\s*[-+]?[0-9]+\s*")
OPERATORS = ("and", "or")


def check_parameters(params):
    for name, values in params.lists():
        for value in values:
            if first_control_character(value) is not None:
                raise BadRequestError(
                    _("The parameter %(name)s contains a control character.") % {"name": name}
                )
            digits = value.strip().lstrip("+-")
            # By length first: int() refuses more than 4,300 digits.
            if NUMBER.fullmatch(value) and (len(digits) > 10 or int(digits) > MAX_NUMBER):
                raise BadRequestError(
                    _("The parameter %(name)s can be at most %(max)s.")
                    % {"name": name, "max": MAX_NUMBER}
                )
    if len(params.get("search", "")) > MAX_QUERY_LENGTH:
        raise BadRequestError(
            _("The search text can be at most %(max)s characters.") % {"max": MAX_QUERY_LENGTH}
        )
    if params.get("search", "").strip() and not query_words(clean_query(params["search"])):
        raise BadRequestError(_("Search for at least one word or number."))
    if params.get("search_operator", "and") not in OPERATORS:
        raise BadRequestError(_("The parameter search_operator must be and or or."))


class WordSearchFilter(SearchFilter):
    """Wagtail's search filter, given the search text's words only."""

    def filter_queryset(self, request, queryset, view):
        if "search" in request.GET:
            words = query_words(clean_query(request.GET["search"]))
            if not words:
                return queryset.none()
            params = request._request.GET.copy()  # the HttpRequest under DRF's
            params["search"] = " ".join(words)
            request._request.GET = params
        return super().filter_queryset(request, queryset, view)


def checked(viewset):
    """The endpoint with its parameters checked before any view (listing,
    detail, find) reads them, and its search given the words only."""

    class Checked(viewset):
        filter_backends = [
            WordSearchFilter if backend is SearchFilter else backend
            for backend in viewset.filter_backends
        ]

        def initial(self, request, *args, **kwargs):
            super().initial(request, *args, **kwargs)
            check_parameters(request.GET)

    Checked.__name__ = f"Checked{viewset.__name__}"
    return Checked


def used_by_live_pages(queryset):
    model = queryset.model
    live_ids = Page.objects.live().public().values_list("pk", flat=True)
    used = ReferenceIndex.objects.filter(
        base_content_type=ContentType.objects.get_for_model(Page),
        object_id__in=[str(pk) for pk in live_ids],
        to_content_type=ContentType.objects.get_for_model(model),
    ).values_list("to_object_id", flat=True)
    return queryset.filter(pk__in=[int(pk) for pk in used if str(pk).isdigit()])


class PublishedDocumentsAPIViewSet(DocumentsAPIViewSet):
    def get_queryset(self):
        return used_by_live_pages(super().get_queryset())


def _images_viewset():
    from wagtail.images.api.v2.views import ImagesAPIViewSet

    class PublishedImagesAPIViewSet(ImagesAPIViewSet):
        def get_queryset(self):
            return used_by_live_pages(super().get_queryset())

    return PublishedImagesAPIViewSet


api_router = WagtailAPIRouter("wagtailapi")
api_router.register_endpoint("pages", checked(PagesAPIViewSet))
api_router.register_endpoint("images", checked(_images_viewset()))
api_router.register_endpoint("documents", checked(PublishedDocumentsAPIViewSet))
