"""Control characters (finding 8): removed where people type, refused in the
import, stripped when the admin saves, and never able to break a feed."""

import json

import pytest
from django.contrib.auth import get_user_model
from django.test import Client

from activities.models import Participant
from cases.exchange import import_stream
from cases.models import CaseStudyPage
from tests.activities.test_registration import form_data
from tests.cases.test_admin import edit_form
from tests.conftest import case_line
from tests.contributions.conftest import case_post, logged_in, url

pytestmark = pytest.mark.django_db

FEEDS = (
    "/feeds/cases.rss",
    "/feeds/cases.atom",
    "/feeds/themes/digital-services.rss",
    "/feeds/themes/digital-services.atom",
)


@pytest.mark.parametrize("path", FEEDS)
def test_feeds_never_fail_on_stored_control_characters(make_case, path):
    case = make_case(title="Digital brevlåda")
    # Stored by whatever way (an older release, a bulk update): the feed leaves it out.
    CaseStudyPage.objects.filter(pk=case.pk).update(
        title="Digital\x1f brev\x7flåda\x85", summary="Kort\x01 sammanfattning\x0b."
    )
    response = Client(raise_request_exception=False).get(path)
    assert response.status_code == 200
    body = response.content.decode()
    assert "Digital brevlåda" in body and "Kort sammanfattning." in body


def test_title_approved_in_the_admin_reaches_the_feed_without_control_characters(client, make_case):
    case = make_case()
    editor = get_user_model().objects.create_superuser("redaktor", "r@example.org", "pw-1234567")
    client.force_login(editor)
    response = client.post(
        f"/admin/pages/{case.pk}/edit/",
        edit_form(case, title="Ny\x1f titel", summary="Ny\x07 text."),
    )
    assert response.status_code == 302
    case.refresh_from_db()
    assert (case.title, case.summary) == ("Ny titel", "Ny text.")
    feed = Client(raise_request_exception=False).get("/feeds/cases.rss")
    assert feed.status_code == 200 and "Ny titel" in feed.content.decode()


def test_case_form_removes_control_characters(contributor):
    client = logged_in(contributor)
    response = client.post(
        url("new"),
        case_post(
            title="Digital\x1f post",
            summary="Post\x00 till\x9b alla.",
            lessons=[("worked", "Börja\x1b smått.")],
        ),
    )
    assert response.status_code == 302
    page = CaseStudyPage.objects.get()
    draft = page.get_latest_revision_as_object()
    assert draft.title == "Digital post"
    assert draft.summary == "Post till alla."
    assert [lesson.text for lesson in draft.lessons.all()] == ["Börja smått."]


def test_registration_form_removes_control_characters(make_activity, client):
    activity = make_activity()
    client.post(activity.url, form_data(name="Anna\x1f Andersson", dietary_needs="Vegetarisk\x08"))
    person = Participant.objects.get()
    assert (person.name, person.dietary_needs) == ("Anna Andersson", "Vegetarisk")


def test_sign_up_removes_control_characters(client, agency):
    client.post(
        url("sign_up"),
        {
            "first_name": "Eva\x1f",
            "last_name": "E\x7fk",
            "email": "eva.ek@skatteverket.se\x00",
            "password1": "ett-langt-losenord-42",
            "password2": "ett-langt-losenord-42",
        },
    )
    user = get_user_model().objects.get(email="eva.ek@skatteverket.se")
    assert (user.first_name, user.last_name) == ("Eva", "Ek")


def test_import_refuses_control_characters_and_names_the_field(site):
    lines = [
        json.dumps(case_line(id="good-1")),
        json.dumps(case_line(id="bad-title", title="Ett\x1f fall")),
        json.dumps(
            case_line(
                id="bad-lesson",
                lessons=[
                    {"kind": "worked", "text": "Bra."},
                    {"kind": "avoid", "text": "Inte\x85 bra."},
                ],
            )
        ),
    ]
    report = import_stream(lines)
    assert report.errors == [
        (2, "title", "contains a control character (U+001F)"),
        (3, "lessons[1].text", "contains a control character (U+0085)"),
    ]
    assert list(CaseStudyPage.objects.values_list("exchange_id", flat=True)) == ["good-1"]
