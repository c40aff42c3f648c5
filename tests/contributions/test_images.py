"""Image uploads: decoded with Pillow, JPEG/PNG/WebP only, at most 10 MB and
40 million pixels, metadata removed before storage, under a random name."""

import io
import os
import re

from django.core.files.uploadedfile import SimpleUploadedFile
from PIL import Image, ImageCms

from cases.models import CaseStudyPage

from .conftest import case_post, huge_png, image_bytes, logged_in, stored_huge_image, url

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


def _stored_file():
    image = CaseStudyPage.objects.get().get_latest_revision_as_object().hero_image
    with image.file.open("rb") as stored_file:
        return stored_file.read()


def test_metadata_is_removed_but_orientation_and_colour_profile_kept(contributor):
    exif = Image.Exif()
    exif[0x010F] = "Kameratillverkaren"  # Make
    exif[0x013B] = "Anna Andersson"  # Artist
    exif[0x8298] = "Anna Andersson 2024"  # Copyright
    exif[0x0112] = 6  # Orientation: rotated 90°
    exif[0x0132] = "2024:05:04 10:11:12"  # DateTime
    exif[0x8769] = {  # Exif IFD
        0xA431: "SN-4711",  # BodySerialNumber
        0xA430: "Anna Andersson",  # CameraOwnerName
        0x9003: "2024:05:04 10:11:12",  # DateTimeOriginal
    }
    exif[GPS_IFD] = {1: "N", 2: (59.0, 20.0, 0.0), 3: "E", 4: (18.0, 4.0, 0.0)}
    icc = ImageCms.ImageCmsProfile(ImageCms.createProfile("sRGB")).tobytes()
    original = image_bytes(exif=exif.tobytes(), icc_profile=icc)
    assert Image.open(io.BytesIO(original)).getexif().get_ifd(0x8769)[0xA431] == "SN-4711"
    response = upload(contributor, original)
    assert response.status_code == 302
    data = _stored_file()
    stored = Image.open(io.BytesIO(data))
    exif = stored.getexif()
    assert dict(exif) == {0x0112: 6}
    assert not exif.get_ifd(0x8769) and not exif.get_ifd(GPS_IFD)
    assert stored.info.get("icc_profile") == icc
    for secret in (b"SN-4711", b"Anna Andersson", b"2024:05:04", b"Kameratillverkaren"):
        assert secret not in data


def test_uploads_get_random_names(contributor, colleague):
    names = set()
    for user in (contributor, colleague):
        assert upload(user, image_bytes()).status_code == 302
    for page in CaseStudyPage.objects.all():
        name = os.path.basename(page.get_latest_revision_as_object().hero_image.file.name)
        assert re.fullmatch(r"[0-9a-f]{32}\.jpg", name), name
        names.add(name)
    assert len(names) == 2


def test_image_of_too_many_pixels_is_refused_before_decoding(contributor):
    """88 million pixels in a few kilobytes: decoded it would need gigabytes."""
    huge = huge_png(10000, 8800)
    assert len(huge) < 100_000
    response = upload(contributor, huge, name="stor.png")
    assert response.status_code == 200
    errors = " ".join(response.context["form"].errors["hero_image"])
    assert "för många bildpunkter" in errors and "40 miljoner" in errors
    assert not CaseStudyPage.objects.exists()
    # Everything else is still in the form.
    assert "Digital post till alla företag" in response.content.decode()


def test_image_just_within_the_pixel_bound_is_accepted(contributor):
    response = upload(contributor, huge_png(8000, 5000), name="stor.png")
    assert response.status_code == 302
    assert CaseStudyPage.objects.get().get_latest_revision_as_object().hero_image.width == 8000


def test_draft_with_a_stored_huge_image_can_still_be_edited(contributor):
    """An image stored before the bound is not decoded for the form's preview."""
    assert upload(contributor, image_bytes()).status_code == 302
    page = CaseStudyPage.objects.get()
    draft = page.get_latest_revision_as_object()
    draft.hero_image = stored_huge_image()
    draft.save_revision()
    response = logged_in(contributor).get(url("edit", page.pk))
    assert response.status_code == 200
    assert "Ta bort den nuvarande bilden" in response.content.decode()
    assert not draft.hero_image.renditions.exists()


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
