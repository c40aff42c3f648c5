"""Images in the Wagtail admin and renditions: at most 40 million pixels,
nothing beyond that is ever decoded, and uploads lose their metadata."""

import io
import os
import re

import pytest
from django.contrib.auth import get_user_model
from django.core.files.uploadedfile import SimpleUploadedFile
from PIL import Image as PILImage
from PIL import ImageCms
from wagtail.images import get_image_model

from tests.contributions.conftest import huge_png, stored_huge_image

pytestmark = pytest.mark.django_db

TOO_MANY_PIXELS = "Bilden har för många bildpunkter"


@pytest.fixture
def admin_client(client, site):
    user = get_user_model().objects.create_superuser("redaktor", "r@example.org", "pw-12345678")
    client.force_login(user)
    return client


def add_image(client, content, name):
    return client.post(
        "/admin/images/add/",
        {
            "title": "Bild",
            "collection": site_root_collection(),
            "file": SimpleUploadedFile(name, content, content_type="image/png"),
        },
    )


def site_root_collection():
    from wagtail.models import Collection

    return Collection.get_first_root_node().pk


def test_admin_refuses_an_image_of_too_many_pixels(admin_client):
    response = add_image(admin_client, huge_png(10000, 8800), "stor.png")
    assert response.status_code == 200
    assert TOO_MANY_PIXELS in str(response.context["form"].errors["file"])
    assert not get_image_model().objects.exists()


def test_admin_multiple_upload_refuses_an_image_of_too_many_pixels(admin_client):
    response = admin_client.post(
        "/admin/images/multiple/add/",
        {
            "files[]": SimpleUploadedFile("stor.png", huge_png(10000, 8800), "image/png"),
        },
    )
    assert response.status_code == 200
    assert response.json()["success"] is False
    assert TOO_MANY_PIXELS in response.json()["error_message"]
    assert not get_image_model().objects.exists()


def test_admin_upload_loses_metadata_and_gets_a_random_name(admin_client):
    exif = PILImage.Exif()
    exif[0x0112] = 3  # Orientation: upside down
    exif[0x0132] = "2024:05:04 10:11:12"  # DateTime
    exif[0x8769] = {0xA431: "SN-4711", 0xA430: "Anna Andersson"}  # serial, owner
    exif[0x8825] = {1: "N", 2: (59.0, 20.0, 0.0)}  # GPS
    icc = ImageCms.ImageCmsProfile(ImageCms.createProfile("sRGB")).tobytes()
    out = io.BytesIO()
    PILImage.new("RGB", (64, 48), (30, 120, 200)).save(
        out, format="JPEG", exif=exif.tobytes(), icc_profile=icc
    )
    names = set()
    for _ in range(2):
        response = add_image(admin_client, out.getvalue(), "kamera.jpg")
        assert response.status_code == 302
    for image in get_image_model().objects.all():
        name = os.path.basename(image.file.name)
        assert re.fullmatch(r"[0-9a-f]{32}\.jpg", name), name
        names.add(name)
        with image.file.open("rb") as stored_file:
            data = stored_file.read()
        stored = PILImage.open(io.BytesIO(data))
        assert dict(stored.getexif()) == {0x0112: 3}
        assert stored.info.get("icc_profile") == icc
        for secret in (b"SN-4711", b"Anna Andersson", b"2024:05:04"):
            assert secret not in data
    assert len(names) == 2


def test_a_rendition_of_a_stored_huge_image_is_refused_before_decoding(site):
    image = stored_huge_image()
    with pytest.raises(PILImage.DecompressionBombError):
        image.get_rendition("width-400")
    assert not image.renditions.exists()


def test_admin_shows_a_stored_huge_image_as_missing(admin_client):
    """The editor can still list, choose and delete it; nothing decodes it."""
    image = stored_huge_image()
    for path in (
        "/admin/images/",
        "/admin/images/chooser/",
        f"/admin/images/{image.pk}/",
        f"/admin/images/{image.pk}/delete/",
    ):
        assert admin_client.get(path).status_code == 200, path
    assert not image.renditions.exists()
    assert admin_client.post(f"/admin/images/{image.pk}/delete/").status_code == 302
    assert not get_image_model().objects.exists()


def test_case_page_with_a_stored_huge_image_still_answers(client, case_factory):
    case = case_factory(hero_image=stored_huge_image(), hero_alt="En stor bild.")
    response = client.get(case.url)
    assert response.status_code == 200
    assert "Utmaningen var stor." in response.content.decode()
    assert not case.hero_image.renditions.exists()
