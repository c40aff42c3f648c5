"""Limits and cleaning for every image the portal takes in.

An image is refused above MAX_PIXELS before it is decoded: a small PNG can
describe a picture that needs gigabytes once decoded. Pillow itself refuses to
open anything bigger (bound_pillow, run at start-up), so no rendition decodes
such an image even if one is already stored. Uploads are re-encoded without
metadata, keeping only orientation and colour profile, under a random name."""

import io
import secrets
import warnings

from django.utils.translation import gettext as _
from PIL import Image as PILImage

MAX_PIXELS = 40_000_000
FORMATS = {"JPEG": "jpg", "PNG": "png", "WEBP": "webp"}
ORIENTATION = 0x0112


def bound_pillow():
    """Make Pillow raise DecompressionBombError when it opens an image of more
    than MAX_PIXELS, before decoding it. Pillow raises above twice its
    MAX_IMAGE_PIXELS and only warns between once and twice; the warning is
    silenced, as such images are within our bound."""
    PILImage.MAX_IMAGE_PIXELS = MAX_PIXELS // 2
    warnings.filterwarnings("ignore", category=PILImage.DecompressionBombWarning)


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
