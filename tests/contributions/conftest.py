"""Fixtures for the contributions tests: two agencies, contributors, an editor."""

import functools
import io

import pytest
from django.contrib.auth import get_user_model
from django.contrib.auth.models import Group
from django.test import Client
from django.urls import reverse
from django.utils import translation
from wagtail.models import Locale

from cases.snippets import Agency
from contributions.accounts import create_contributor


@pytest.fixture
def agency(site):
    return Agency.objects.create(
        name="Skatteverket",
        org_number="202100-5448",
        email_domains="skatteverket.se, @skv.se",
        locale=Locale.get_default(),
    )


@pytest.fixture
def other_agency(site):
    return Agency.objects.create(
        name="Försäkringskassan",
        org_number="202100-5521",
        email_domains="forsakringskassan.se",
        locale=Locale.get_default(),
    )


def _active_contributor(email, agency):
    user = create_contributor(
        email, agency, password="ett-langt-losenord-42", first_name="Anna", last_name="Andersson"
    )
    user.is_active = True
    user.save()
    return user


@pytest.fixture
def contributor(agency):
    return _active_contributor("anna@skatteverket.se", agency)


@pytest.fixture
def colleague(agency):
    return _active_contributor("bo@skatteverket.se", agency)


@pytest.fixture
def outsider(other_agency):
    return _active_contributor("cia@forsakringskassan.se", other_agency)


@pytest.fixture
def editor(site):
    user = get_user_model().objects.create_user(
        "redaktor@example.org", "redaktor@example.org", "redaktorens-losenord-1"
    )
    user.groups.add(Group.objects.get(name="Editors"))
    return user


def logged_in(user):
    client = Client(HTTP_ACCEPT_LANGUAGE="sv")
    client.force_login(user)
    return client


def url(name, *args, language="sv", **kwargs):
    with translation.override(language):
        return reverse(f"contributions:{name}", args=args or None, kwargs=kwargs or None)


def case_post(action="save", lessons=(), links=(), **fields):
    """A complete, valid case form submission; override any field."""
    data = {
        "action": action,
        "language": "sv",
        "title": "Digital post till alla företag",
        "summary": "Vi gick över till digital post för företag.",
        "themes": ["digital-services", "collaboration"],
        "stage": "implementation",
        "status": "completed",
        "started": "2022-03",
        "ended": "2023-06",
        "challenge": "Pappersbreven tog tid.\n\nOch kostade mycket.",
        "approach": "Vi byggde en brevlåda.",
        "results": "Hälften av breven är digitala.",
        "joint_work": "Parterna träffades varje månad.",
        "tags": "digital post, brevlåda",
        "contact_name": "Anna Andersson",
        "contact_role": "Projektledare",
        "contact_email": "anna@skatteverket.se",
        "hero_alt": "",
    }
    data.update(fields)
    lessons = list(lessons) or [
        ("worked", "Börja med de största avsändarna."),
        ("avoid", "Undvik att kräva e-legitimation i steg ett."),
    ]
    links = list(links)
    data.update(
        {
            "lessons-TOTAL_FORMS": str(len(lessons) + 1),
            "lessons-INITIAL_FORMS": "0",
            "lessons-MIN_NUM_FORMS": "0",
            "lessons-MAX_NUM_FORMS": "1000",
        }
    )
    for i, (kind, text) in enumerate(lessons):
        data[f"lessons-{i}-kind"] = kind
        data[f"lessons-{i}-text"] = text
    data.update(
        {
            "links-TOTAL_FORMS": str(len(links) + 1),
            "links-INITIAL_FORMS": "0",
            "links-MIN_NUM_FORMS": "0",
            "links-MAX_NUM_FORMS": "1000",
        }
    )
    for i, (title, address) in enumerate(links):
        data[f"links-{i}-title"] = title
        data[f"links-{i}-url"] = address
    return {k: v for k, v in data.items() if v is not None}


def image_bytes(fmt="JPEG", size=(64, 48), exif=None, icc_profile=None):
    from PIL import Image

    out = io.BytesIO()
    options = {"exif": exif} if exif is not None else {}
    if icc_profile is not None:
        options["icc_profile"] = icc_profile
    Image.new("RGB", size, (30, 120, 200)).save(out, format=fmt, **options)
    return out.getvalue()


@functools.cache
def huge_png(width, height):
    """A black-and-white PNG of width × height pixels that is only a few
    kilobytes on disk: the shape of a decompression bomb."""
    from PIL import Image

    out = io.BytesIO()
    Image.new("1", (width, height)).save(out, format="PNG", optimize=True)
    return out.getvalue()


def stored_huge_image(width=7000, height=6000):
    """An image of too many pixels written straight to storage, as one
    uploaded before the pixel bound was in place would be."""
    from django.core.files.base import ContentFile
    from django.core.files.storage import default_storage
    from wagtail.images import get_image_model

    name = default_storage.save("original_images/huge.png", ContentFile(huge_png(width, height)))
    return get_image_model().objects.create(title="Stor", file=name, width=width, height=height)
