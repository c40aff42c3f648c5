"""Wagtail's read-only API v2 at /api/v2/: pages, images and documents.

Pages: Wagtail serves only live, public pages. Images and documents: only
those a live public page uses (hero images, attachments, rich-text links),
so files uploaded with a draft or a rejected contribution stay unlisted."""

from django.contrib.contenttypes.models import ContentType
from wagtail.api.v2.router import WagtailAPIRouter
from wagtail.api.v2.views import PagesAPIViewSet
from wagtail.documents.api.v2.views import DocumentsAPIViewSet
from wagtail.models import Page, ReferenceIndex


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
api_router.register_endpoint("pages", PagesAPIViewSet)
api_router.register_endpoint("images", _images_viewset())
api_router.register_endpoint("documents", PublishedDocumentsAPIViewSet)
