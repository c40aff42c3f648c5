"""Follow-ups ("What happened next?"), why a stopped case stopped, and the
evidence level: on the case page, in the admin, as filters and facets, in
the exchange format, and the editors' report of cases without follow-up."""

import datetime
import json

import pytest
from django.contrib.auth import get_user_model
from django.contrib.auth.models import Group
from django.test import Client
from wagtail.test.utils.form_data import inline_formset

from cases.exchange import export_lines, import_stream
from cases.follow_ups import add_follow_up
from cases.models import CaseStudyPage
from tests.cases.test_admin import edit_form
from tests.conftest import case_line

pytestmark = pytest.mark.django_db


def text(response):
    return response.content.decode()


def test_follow_up_is_shown_and_changes_the_status_in_both_languages(client, make_case):
    sv = make_case(id="fu-sv", title="Digital post")
    en = make_case(id="fu-en", language="en", translation_of="fu-sv", title="Digital post EN")
    add_follow_up(sv, "Tjänsten används nu av alla kontor.", on=datetime.date(2024, 9, 2))
    add_follow_up(
        en, "It is now used by every office.", status="completed", on=datetime.date(2024, 9, 2)
    )
    sv.refresh_from_db()
    en.refresh_from_db()
    assert sv.status == "ongoing"
    assert en.status == "completed" and en.ended == datetime.date(2024, 9, 1)

    page = text(client.get(sv.url))
    assert "Vad hände sedan?" in page
    assert "Tjänsten används nu av alla kontor." in page
    assert "2 september 2024" in page
    page = text(client.get(en.url))
    assert "What happened next?" in page and "It is now used by every office." in page
    assert "New status: <strong>Completed</strong>" in page


def test_stopping_follow_up_needs_no_admin_and_keeps_a_waiting_draft(client, make_case):
    case = make_case(title="Röstrobot")
    draft = case.get_latest_revision_as_object()
    draft.summary = "Ett utkast som väntar."
    draft.save_revision()
    add_follow_up(
        case, "Vi lade ner den.", status="stopped", reason_kind="cost", reason_text="Licenserna."
    )
    case.refresh_from_db()
    assert case.status == "stopped" and case.stopped_reason_kind == "cost"
    assert case.has_unpublished_changes  # the draft is still waiting
    latest = case.get_latest_revision_as_object()
    assert latest.summary == "Ett utkast som väntar."
    assert [f.text for f in latest.follow_ups.all()] == ["Vi lade ner den."]
    page = text(client.get(case.url))
    assert "Varför det avbröts" in page and "För kostsamt" in page and "Licenserna." in page


@pytest.fixture
def editor_client(client):
    user = get_user_model().objects.create_superuser("redaktor", "r@example.org", "pw-12345678")
    client.force_login(user)
    return client


def test_admin_refuses_a_stopped_case_without_a_reason(editor_client, make_case):
    case = make_case()
    url = f"/admin/pages/{case.pk}/edit/"
    response = editor_client.post(url, edit_form(case, status="stopped"))
    assert response.status_code == 200
    errors = response.context["form"].errors
    assert "stopped_reason_kind" in errors and "stopped_reason_text" in errors
    response = editor_client.post(
        url,
        edit_form(
            case,
            status="stopped",
            stopped_reason_kind="rules",
            stopped_reason_text="Lagen tillät det inte.",
        ),
    )
    assert response.status_code == 302
    case.refresh_from_db()
    assert (case.status, case.stopped_reason_kind) == ("stopped", "rules")


def test_admin_follow_up_with_a_status_changes_the_case(editor_client, make_case):
    case = make_case()
    url = f"/admin/pages/{case.pk}/edit/"
    follow_up = {"date": "2024-10-01", "text": "Klart och i drift.", "status": "completed"}
    response = editor_client.post(url, edit_form(case, follow_ups=inline_formset([follow_up])))
    assert response.status_code == 302, response.context["form"].errors
    case.refresh_from_db()
    assert case.status == "completed"
    assert [f.text for f in case.follow_ups.all()] == ["Klart och i drift."]

    # Stopping through a follow-up needs the reason too.
    stop = {"date": "2024-11-01", "text": "Vi slutade.", "status": "stopped"}
    response = editor_client.post(
        url,
        edit_form(case, status="completed", follow_ups=inline_formset([follow_up, stop])),
    )
    assert response.status_code == 200
    assert "stopped_reason_kind" in response.context["form"].errors


def test_evidence_level_is_explained_filtered_and_counted(client, make_case):
    make_case(title="Mätt fall", evidence_level=2)
    make_case(title="Utvärderat fall", evidence_level=4)
    make_case(title="Fall utan nivå")
    make_case(
        title="Avbrutet fall",
        status="stopped",
        stopped_reason={"kind": "technology", "text": "Det fungerade inte."},
        evidence_level=2,
    )
    measured = CaseStudyPage.objects.get(title="Mätt fall")
    page = text(client.get(measured.url))
    assert "Så säkra är resultaten" in page
    assert "Nivå 2 av 5: Mätt före och efter." in page
    assert "Myndigheten mätte samma sak före och efter förändringen." in page

    listing = text(client.get("/erfarenheter/?evidence=2"))
    assert "Mätt fall" in listing and "Avbrutet fall" in listing
    assert "Utvärderat fall" not in listing and "Fall utan nivå" not in listing
    assert "Evidensnivå" in listing

    api = client.get("/api/search/?evidence=2&evidence=4").json()
    assert api["total"] == 3
    assert api["facets"]["evidence"] == {"2": 2, "4": 1}
    assert api["facets"]["stopped_reason"] == {"technology": 1}
    assert client.get("/api/search/?stopped_reason=technology").json()["total"] == 1
    bad = client.get("/api/search/?evidence=9", HTTP_ACCEPT_LANGUAGE="en")
    assert bad.status_code == 400 and bad.json()["error"]["parameter"] == "evidence"

    search = text(client.get("/sok/?stopped_reason=technology"))
    assert "Avbrutet fall" in search and "Mätt fall" not in search
    assert "Tekniken fungerade inte" in search


def test_evidence_explanation_in_english(client, make_case):
    case = make_case(language="en", title="Evaluated case", evidence_level=4)
    page = text(client.get(case.url))
    assert "How the results are known" in page
    assert "Level 4 of 5: Independently evaluated." in page
    assert "Someone outside the project" in page
    listing = text(client.get("/en/cases/?evidence=4"))
    assert "Evaluated case" in listing and "4. Independently evaluated" in listing


def test_exchange_round_trip_with_follow_ups_reason_and_evidence(site):
    lines = [
        case_line(
            id="rt-1",
            status="stopped",
            ended="2023-01",
            evidence_level=3,
            stopped_reason={"kind": "replaced", "text": "En gemensam tjänst tog över."},
            follow_ups=[
                {"date": "2023-01-10", "text": "Vi pausade.", "status": None},
                {"date": "2023-06-01", "text": "Vi lade ner.", "status": "stopped"},
            ],
        ),
        case_line(id="rt-2", evidence_level=None),
    ]
    report = import_stream([json.dumps(line, ensure_ascii=False) for line in lines])
    assert report.ok, report.errors
    first = list(export_lines())
    record = json.loads(first[0])
    assert record["evidence_level"] == 3
    assert record["stopped_reason"] == {"kind": "replaced", "text": "En gemensam tjänst tog över."}
    assert record["follow_ups"][1] == {
        "date": "2023-06-01",
        "text": "Vi lade ner.",
        "status": "stopped",
    }
    assert (
        json.loads(first[1])["follow_ups"] == [] and json.loads(first[1])["stopped_reason"] is None
    )

    CaseStudyPage.objects.all().delete()
    report = import_stream(first)
    assert report.ok, report.errors
    assert list(export_lines()) == first
    # Importing the export again changes nothing.
    assert import_stream(first).unchanged == 2


@pytest.mark.parametrize(
    ("bad", "path"),
    [
        ({"evidence_level": 6}, "evidence_level"),
        ({"evidence_level": "3"}, "evidence_level"),
        (
            {"follow_ups": [{"date": "2023-01-01", "text": "Ok."}, {"date": "1/2", "text": "x"}]},
            "follow_ups[1].date",
        ),
        ({"follow_ups": [{"date": "2023-01-01", "text": ""}]}, "follow_ups[0].text"),
        (
            {"follow_ups": [{"date": "2023-01-01", "text": "x", "status": "ongoing"}]},
            "follow_ups[0].status",
        ),
        (
            {"status": "stopped", "stopped_reason": {"kind": "boredom", "text": "x"}},
            "stopped_reason.kind",
        ),
        ({"stopped_reason": {"kind": "cost", "text": "x"}}, "stopped_reason"),
    ],
)
def test_exchange_names_the_bad_field(site, bad, path):
    report = import_stream([json.dumps(case_line(**bad))])
    assert [error[1] for error in report.errors] == [path]
    assert not CaseStudyPage.objects.exists()


def test_exchange_accepts_an_older_stopped_case_without_a_reason(site):
    report = import_stream([json.dumps(case_line(status="stopped"))])
    assert report.ok, report.errors


@pytest.fixture
def moderator_client(client, site):
    user = get_user_model().objects.create_user("mod", "mod@example.org", "pw-12345678")
    user.groups.add(Group.objects.get(name="Moderators"))
    client.force_login(user)
    return client


def test_report_lists_only_stale_cases_for_editors(moderator_client, make_case):
    from freezegun import freeze_time

    make_case(title="Tyst länge", published="2023-01-10")
    followed = make_case(title="Nyligen uppföljd", published="2023-01-10")
    make_case(title="Nyss publicerad", published="2024-11-01")
    add_follow_up(followed, "Fortfarande i drift.", on=datetime.date(2024, 10, 1))
    with freeze_time("2025-01-15"):
        response = moderator_client.get("/admin/reports/cases-without-follow-up/")
    assert response.status_code == 200
    page = text(response)
    assert "Tyst länge" in page
    assert "Nyligen uppföljd" not in page and "Nyss publicerad" not in page
    # Someone in the admin who may not publish: neither the report nor its menu item.
    from django.contrib.auth.models import Permission

    readers = Group.objects.create(name="Läsare")
    readers.permissions.add(Permission.objects.get(codename="access_admin"))
    user = get_user_model().objects.create_user("reader", "reader@example.org", "pw-12345678")
    user.groups.add(readers)
    client = Client()
    client.force_login(user)
    with freeze_time("2025-01-15"):
        response = client.get("/admin/reports/cases-without-follow-up/")
    assert response.status_code in (302, 403)
    assert "Tyst länge" not in text(response)
    assert "cases-without-follow-up" in text(moderator_client.get("/admin/"))
    assert "cases-without-follow-up" not in text(client.get("/admin/"))
