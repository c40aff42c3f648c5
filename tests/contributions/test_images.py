"""Image uploads: decoded with Pillow, JPEG/PNG/WebP only, at most 10 MB,
location data removed before storage."""

import io
import os
import re

from django.core.files.uploadedfile import SimpleUploadedFile
from PIL import Image

from cases.models import CaseStudyPage

from .conftest import case_post, image_bytes, logged_in, url

GPS_IFD = 0x8825


def upload(contributor, content, name="bild.jpg", **fields):
    data = case_post(hero_alt="Två personer vid en dator.", **fields)
    data["hero_image"] = SimpleUploadedFile(name, content, content_type="image/jpeg")
    return logged_in(contributor).post(url("new"), data)


def test_valid_jpeg_is_stored_with_alt_text(contributor):
    response = upload(contributor, image_bytes())
    assert response.status_code == 302
    draft = CaseStudyPage.objects.get().get_latest_revision_as_object()
    assert draft.hero_image is not None
    assert draft.hero_alt == "Två personer vid en dator."


def test_text_file_renamed_jpg_is_refused(contributor):
    response = upload(contributor, "Det här är ingen bild.\n".encode() * 20)
    assert response.status_code == 200
    assert response.context["form"].errors["hero_image"]
    assert not CaseStudyPage.objects.exists()
    # Everything else is still in the form.
    assert "Digital post till alla företag" in response.content.decode()


def test_image_of_30_mb_is_refused(contributor):
    side = 3300  # random pixels do not compress: about 30 MB as PNG
    noise = Image.frombytes("RGB", (side, side), os.urandom(side * side * 3))
    out = io.BytesIO()
    noise.save(out, format="PNG", compress_level=0)
    assert out.tell() > 30 * 1024 * 1024
    response = upload(contributor, out.getvalue(), name="stor.png")
    assert response.status_code == 200
    assert "10 MB" in str(response.context["form"].errors["hero_image"])
    assert not CaseStudyPage.objects.exists()


def test_gif_is_refused(contributor):
    response = upload(contributor, image_bytes("GIF"), name="bild.gif")
    assert response.status_code == 200
    assert response.context["form"].errors["hero_image"]


def test_gps_exif_is_removed_before_storage(contributor):
    exif = Image.Exif()
    exif[0x010F] = "Kameratillverkaren"  # Make: kept
    exif[GPS_IFD] = {1: "N", 2: (59.0, 20.0, 0.0), 3: "E", 4: (18.0, 4.0, 0.0)}
    original = image_bytes(exif=exif.tobytes())
    assert GPS_IFD in Image.open(io.BytesIO(original)).getexif()
    assert upload(contributor, original).status_code == 302
    image = CaseStudyPage.objects.get().get_latest_revision_as_object().hero_image
    with image.file.open("rb") as stored_file:
        stored = Image.open(io.BytesIO(stored_file.read()))
        stored.load()
    exif = stored.getexif()
    assert GPS_IFD not in exif
    assert not exif.get_ifd(GPS_IFD)
    assert exif.get(0x010F) == "Kameratillverkaren"


def test_image_needs_alt_text(contributor):
    data = case_post()
    data["hero_image"] = SimpleUploadedFile("bild.png", image_bytes("PNG"), "image/png")
    response = logged_in(contributor).post(url("new"), data)
    assert response.status_code == 200
    assert response.context["form"].errors["hero_alt"]


def _kept_token(response):
    match = re.search(r'name="kept_image" value="([^"]+)"', response.content.decode())
    assert match, "the form does not keep the image"
    return match[1]


def test_image_is_kept_when_another_field_is_wrong(contributor):
    """A browser never fills a file input back in: after an error elsewhere
    the image need not be chosen again, and is saved with the corrected form."""
    client = logged_in(contributor)
    data = case_post()
    data["hero_image"] = SimpleUploadedFile("bron.png", image_bytes("PNG"), "image/png")
    response = client.post(url("new"), data)
    assert response.status_code == 200
    assert response.context["form"].errors["hero_alt"]
    assert "bron.png" in response.content.decode()
    assert not CaseStudyPage.objects.exists()

    fixed = case_post(hero_alt="En bro i dimma.", kept_image=_kept_token(response))
    assert client.post(url("new"), fixed).status_code == 302
    draft = CaseStudyPage.objects.get().get_latest_revision_as_object()
    assert draft.hero_image is not None
    assert draft.hero_alt == "En bro i dimma."


def test_kept_image_can_be_let_go(contributor):
    client = logged_in(contributor)
    data = case_post()
    data["hero_image"] = SimpleUploadedFile("bron.png", image_bytes("PNG"), "image/png")
    token = _kept_token(client.post(url("new"), data))
    response = client.post(url("new"), case_post(kept_image=token, forget_kept_image="1"))
    assert response.status_code == 302
    assert CaseStudyPage.objects.get().get_latest_revision_as_object().hero_image is None


def test_kept_image_belongs_to_its_contributor(contributor, colleague):
    data = case_post()
    data["hero_image"] = SimpleUploadedFile("bron.png", image_bytes("PNG"), "image/png")
    token = _kept_token(logged_in(contributor).post(url("new"), data))
    response = logged_in(colleague).post(url("new"), case_post(kept_image=token))
    assert response.status_code == 302
    assert CaseStudyPage.objects.get().get_latest_revision_as_object().hero_image is None
