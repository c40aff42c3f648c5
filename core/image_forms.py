"""The base of Wagtail's admin image forms (WAGTAILIMAGES_IMAGE_FORM_BASE):
every admin upload (add, replace, multiple, chooser) is re-encoded without
metadata under a random name, and an image of too many pixels gets our message."""

from django.core.files.base import ContentFile
from django.core.files.uploadedfile import UploadedFile
from wagtail.images.forms import BaseImageForm

from core.images import random_name, too_many_pixels, without_metadata


class ImageForm(BaseImageForm):
    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        if "file" in self.fields:
            # Wagtail's own message would say "unknown number" of pixels, as
            # Pillow refuses to open the image before Wagtail counts them.
            self.fields["file"].error_messages["file_too_many_pixels"] = too_many_pixels()

    def clean_file(self):
        upload = self.cleaned_data.get("file")
        if not isinstance(upload, UploadedFile):  # no new file: the stored one stays
            return upload
        data, extension = without_metadata(upload)
        return ContentFile(data, name=random_name(extension))
