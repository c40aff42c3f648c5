"""Limits and cleaning for every image the portal takes in.

An image is refused above MAX_PIXELS before it is decoded: a small PNG can
describe a picture that needs gigabytes once decoded. Pillow itself refuses to
open anything bigger (bound_decoding, run at start-up), so no rendition decodes
such an image even if one is already stored: Wagtail shows it as missing.
Uploads are re-encoded without metadata, keeping only orientation and colour
profile, under a random name."""

import io
import secrets
import warnings

from django.utils.translation import gettext as _
from PIL import Image as PILImage
from wagtail.images.models import SourceImageIOError
from willow.image import JPEGImageFile, PNGImageFile, WebPImageFile
from willow.plugins.pillow import PillowImage
from willow.registry import registry

MAX_PIXELS = 40_000_000
FORMATS = {"JPEG": "jpg", "PNG": "png", "WEBP": "webp"}
ORIENTATION = 0x0112


class TooManyPixels(SourceImageIOError, PILImage.DecompressionBombError):
    """An image of more than MAX_PIXELS, refused before decoding. As a
    SourceImageIOError, Wagtail's image tags and admin show it as a missing
    image instead of failing; as a DecompressionBombError, Wagtail's upload
    form refuses it with its message."""


def _open_within_bound(image_file):
    try:
        return PillowImage.open(image_file)
    except PILImage.DecompressionBombError as error:
        raise TooManyPixels(str(error)) from error


def bound_decoding():
    """Make Pillow raise DecompressionBombError when it opens an image of more
    than MAX_PIXELS, before decoding it, and Willow (which makes Wagtail's
    renditions) raise TooManyPixels. Pillow raises above twice its
    MAX_IMAGE_PIXELS and only warns between once and twice; the warning is
    silenced, as such images are within our bound."""
    PILImage.MAX_IMAGE_PIXELS = MAX_PIXELS // 2
    warnings.filterwarnings("ignore", category=PILImage.DecompressionBombWarning)
    for file_class in (JPEGImageFile, PNGImageFile, WebPImageFile):
        registry.register_converter(file_class, PillowImage, _open_within_bound)


def too_many_pixels():
    return _(
        "The image has too many pixels. Use an image of at most 40 million pixels, "
        "for example 8000 × 5000."
    )


def random_name(extension):
    """An unguessable file name: uploads are public once a page uses them."""
    return f"{secrets.token_hex(16)}.{extension}"


def without_metadata(file):
    """Re-encode the image in its own format without metadata (EXIF, XMP, text
    chunks) except its orientation and colour profile (ICC).
    Returns (bytes, extension)."""
    file.seek(0)
    with PILImage.open(file) as image:
        image_format = image.format
        image.load()
        kept = {
            key: image.info[key] for key in ("icc_profile", "transparency") if key in image.info
        }
        orientation = image.getexif().get(ORIENTATION)
        clean = image.copy()
    clean.info = {}
    options = dict(kept)
    if orientation:
        exif = PILImage.Exif()
        exif[ORIENTATION] = orientation
        options["exif"] = exif.tobytes()
    if image_format == "JPEG":
        options.update(quality=92, optimize=True)
    elif image_format == "WEBP":
        options.update(quality=90)
    out = io.BytesIO()
    clean.save(out, format=image_format, **options)
    file.seek(0)
    return out.getvalue(), FORMATS[image_format]
