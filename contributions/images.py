"""Contributors' images: decoded with Pillow before anything is stored, only
JPEG, PNG and WebP up to 10 MB and 40 million pixels, and re-saved without
metadata (portal/images.py) under a random name."""

import re
import secrets

from django.core.cache import cache
from django.core.exceptions import ValidationError
from django.core.files.base import ContentFile
from django.core.files.uploadedfile import SimpleUploadedFile
from django.utils.translation import gettext as _
from PIL import Image as PILImage
from PIL import UnidentifiedImageError

from core.images import FORMATS, MAX_PIXELS, random_name, too_many_pixels, without_metadata

MAX_BYTES = 10 * 1024 * 1024
KEPT_PREFIX = "contributions:kept-image:"
KEPT_SECONDS = 24 * 3600
TOKEN = re.compile(r"^[A-Za-z0-9_-]{16,64}$")


def check_image(upload):
    """Raise ValidationError unless the upload is a real JPEG, PNG or WebP
    of at most 10 MB and MAX_PIXELS. The pixels are counted from the header,
    before anything is decoded. Returns Pillow's format name."""
    if upload.size > MAX_BYTES:
        raise ValidationError(_("The image is larger than 10 MB. Choose a smaller image."))
    try:
        upload.seek(0)
        with PILImage.open(upload) as image:
            image_format = image.format
            width, height = image.size
            if width * height > MAX_PIXELS:
                raise ValidationError(too_many_pixels())
            image.verify()
        upload.seek(0)
        with PILImage.open(upload) as image:
            image.load()
    except PILImage.DecompressionBombError:
        raise ValidationError(too_many_pixels()) from None
    except (UnidentifiedImageError, OSError, SyntaxError, ValueError):
        raise ValidationError(
            _("The file is not an image we can read. Use JPEG, PNG or WebP.")
        ) from None
    finally:
        upload.seek(0)
    if image_format not in FORMATS:
        raise ValidationError(_("Use a JPEG, PNG or WebP image."))
    return image_format


def store_image(upload, title, user):
    """Check, clean and save the upload as a Wagtail image."""
    from wagtail.images import get_image_model

    check_image(upload)
    data, extension = without_metadata(upload)
    image_model = get_image_model()
    image = image_model(
        title=title[:255] or "image",
        uploaded_by_user=user,
        file=ContentFile(data, name=random_name(extension)),
    )
    image.save()
    return image


def _kept_key(token, user):
    """The cache key of a kept upload, or None for a token we never issue."""
    return f"{KEPT_PREFIX}{user.pk}:{token}" if token and TOKEN.match(token) else None


def keep_upload(upload, user):
    """Keep a checked upload for the form's next round, so that an error in
    another field does not make the contributor choose the file again (a
    browser never fills a file input back in). Returns the token to send."""
    token = secrets.token_urlsafe(24)
    upload.seek(0)
    cache.set(
        _kept_key(token, user), (upload.name, upload.content_type, upload.read()), KEPT_SECONDS
    )
    upload.seek(0)
    return token


def kept_upload(token, user):
    """The upload keep_upload kept under `token` for this user, or None."""
    key = _kept_key(token, user)
    kept = cache.get(key) if key else None
    if kept is None:
        return None
    name, content_type, data = kept
    return SimpleUploadedFile(name, data, content_type)


def forget_upload(token, user):
    key = _kept_key(token, user)
    if key:
        cache.delete(key)
