"""The case-exchange import and export (contracts section 4)."""

import io
import json

import pytest
from django.core.management import CommandError, call_command

from cases.models import CaseStudyPage
from cases.snippets import Agency
from tests.conftest import case_line

pytestmark = pytest.mark.django_db


def run_import(lines, *args):
    path_text = "\n".join(
        line if isinstance(line, str) else json.dumps(line, ensure_ascii=False) for line in lines
    )
    out, err = io.StringIO(), io.StringIO()
    import sys

    stdin = sys.stdin
    sys.stdin = io.StringIO(path_text + "\n")
    try:
        call_command("import_cases", "-", *args, stdout=out, stderr=err)
        failed = None
    except CommandError as exc:
        failed = exc
    finally:
        sys.stdin = stdin
    return out.getvalue(), err.getvalue(), failed


def export_text():
    out = io.StringIO()
    call_command("export_cases", "-", stdout=out)
    return out.getvalue()


def test_import_creates_published_case_with_all_fields(site):
    line = case_line(
        id="skv-chattbot-2021",
        title="Chattbot för deklarationen",
        themes=["ai-automation", "digital-services"],
        partner_agencies=[
            {"name": "Myndigheten för digital förvaltning", "org_number": "202100-6883"}
        ],
        lessons=[
            {"kind": "worked", "text": "A"},
            {"kind": "avoid", "text": "B"},
            {"kind": "advice", "text": "C"},
        ],
        links=[{"title": "Skatteverket", "url": "https://www.skatteverket.se/"}],
        tags=["chattbot", "kundtjänst"],
        status="stopped",
        ended="2023-02",
        published="2023-05-04",
    )
    out, err, failed = run_import([line])
    assert failed is None, err
    case = CaseStudyPage.objects.get(exchange_id="skv-chattbot-2021")
    assert case.live and case.locale.language_code == "sv"
    assert case.url == "/erfarenheter/chattbot-for-deklarationen/"
    assert [lesson.kind for lesson in case.lessons.all()] == ["worked", "avoid", "advice"]
    assert sorted(t.slug for t in case.themes.all()) == ["ai-automation", "digital-services"]
    assert case.partner_agencies.get().org_number == "202100-6883"
    assert case.first_published_at.date().isoformat() == "2023-05-04"
    assert case.started.isoformat() == "2022-03-01" and case.ended.isoformat() == "2023-02-01"
    assert "<p>Utmaningen var stor.</p><p>Den hade två delar.</p>" == case.challenge
    assert "1 created" in out


def test_round_trip_export_import_export_is_identical(site, django_db_blocker):
    lines = [
        case_line(
            id="a-1", title="Första fallet", tags=["b", "A"], themes=["skills", "leadership"]
        ),
        case_line(
            id="a-1-en",
            language="en",
            translation_of="a-1",
            title="First case",
            themes=["leadership", "skills"],
        ),
        case_line(
            id="b-2",
            title="Andra fallet",
            contact=None,
            results="",
            joint_work=None,
            agency={"name": "Lantmäteriet"},
            published=None,
        ),
    ]
    _out, err, failed = run_import(lines)
    assert failed is None, err
    first = export_text()
    assert len(first.splitlines()) == 3

    # Into an empty site: delete every case and agency, then import the export.
    CaseStudyPage.objects.all().delete()
    Agency.objects.all().delete()
    _out, err, failed = run_import(first.splitlines())
    assert failed is None, err
    assert export_text() == first

    records = {json.loads(line)["id"]: json.loads(line) for line in first.splitlines()}
    assert records["a-1-en"]["translation_of"] == "a-1"
    assert records["a-1"]["tags"] == ["A", "b"]


def test_importing_the_same_file_twice_changes_nothing(site):
    lines = [case_line(id="same-1"), case_line(id="same-2")]
    run_import(lines)
    before = export_text()
    out, _err, failed = run_import(lines)
    assert failed is None
    assert "0 created, 0 updated, 2 unchanged" in out
    assert CaseStudyPage.objects.count() == 2
    assert export_text() == before


def test_changed_line_updates_the_case_with_a_new_revision(site):
    run_import([case_line(id="upd-1", title="Gammal rubrik")])
    case = CaseStudyPage.objects.get(exchange_id="upd-1")
    revisions = case.revisions.count()
    out, _err, failed = run_import([case_line(id="upd-1", title="Ny rubrik")])
    assert failed is None and "1 updated" in out
    case.refresh_from_db()
    assert case.title == "Ny rubrik"
    assert case.revisions.count() == revisions + 1
    assert CaseStudyPage.objects.filter(exchange_id="upd-1").count() == 1


@pytest.mark.parametrize(
    ("bad", "field"),
    [
        ({"themes": ["no-such-theme"]}, "themes"),
        ({"stage": "launch"}, "stage"),
        ({"title": None}, "title"),
        ({"summary": "x" * 401}, "summary"),
        ({"status": "paused"}, "status"),
        ({"started": "2021-13"}, "started"),
        ({"language": "de"}, "language"),
        (
            {"lessons": [{"kind": "worked", "text": "ok"}, {"kind": "maybe", "text": "x"}]},
            "lessons[1].kind",
        ),
        ({"links": [{"title": "x", "url": "not a url"}]}, "links[0].url"),
        ({"contact": {"email": "not-an-address"}}, "contact.email"),
        ({"translation_of": "missing-source"}, "translation_of"),
        ({"agency": {"org_number": "123"}}, "agency.name"),
        (
            {"partner_agencies": [{"name": "A"}, {"org_number": "202100-5448"}]},
            "partner_agencies[1].name",
        ),
        ({"themes": [["digital-services"]]}, "themes[0]"),
        ({"started": "1899-12"}, "started"),
        ({"tags": ["x" * 2001]}, "tags[0]"),
    ],
)
def test_bad_line_is_reported_with_line_and_field_and_good_lines_land(site, bad, field):
    good1, good2 = case_line(id="good-1"), case_line(id="good-2")
    _out, err, failed = run_import([good1, case_line(id="bad-line", **bad), good2])
    assert failed is not None, "a failed line must make the command exit non-zero"
    assert f"line 2: {field}:" in err
    assert set(CaseStudyPage.objects.values_list("exchange_id", flat=True)) == {"good-1", "good-2"}


def test_every_bad_field_of_a_line_is_reported_and_the_line_counts_once(site):
    line = case_line(
        id="two-faults",
        title="",
        agency={"name": "Skatteverket", "org_number": "1"},
        lessons=[{"kind": "worked", "text": "Bra."}, {"kind": "worked", "text": " "}],
    )
    out, err, failed = run_import([case_line(id="fine"), line])
    assert err.splitlines() == [
        "line 2: title: is required",
        "line 2: agency.org_number: must be NNNNNN-NNNN, not '1'",
        "line 2: lessons[1].text: is required",
    ]
    assert "1 created, 0 updated, 0 unchanged, 1 failed" in out
    assert str(failed) == "1 line(s) failed; the other lines were imported"


def test_malformed_json_names_the_line(site):
    lines = [case_line(id="ok-1"), '{"id": "broken", ', case_line(id="ok-2")]
    _out, err, failed = run_import(lines)
    assert failed is not None
    assert "line 2: json: malformed JSON" in err
    assert CaseStudyPage.objects.count() == 2


def test_a_line_that_half_validates_leaves_nothing_behind(site):
    """The agency would be created before the page fails: the whole line rolls back."""
    line = case_line(id="half", agency={"name": "Ny myndighet som inte finns"}, title="x" * 300)
    _out, err, failed = run_import([line])
    assert failed is not None and "line 1: title" in err
    assert not CaseStudyPage.objects.filter(exchange_id="half").exists()
    assert not Agency.objects.filter(name="Ny myndighet som inte finns").exists()

    # Fails at write time (translation target in the same language): rolled back too.
    run_import([case_line(id="src")])
    _out, err, failed = run_import(
        [case_line(id="tr", translation_of="src", agency={"name": "Annan ny myndighet"})]
    )
    assert failed is not None and "line 1: translation_of" in err
    assert not Agency.objects.filter(name="Annan ny myndighet").exists()
    assert not CaseStudyPage.objects.filter(exchange_id="tr").exists()


def test_translation_may_come_before_its_source_in_the_file(site):
    _out, err, failed = run_import(
        [
            case_line(id="late-en", language="en", translation_of="late", title="English first"),
            case_line(id="late", title="Svenska sist"),
        ]
    )
    assert failed is None, err
    sv = CaseStudyPage.objects.get(exchange_id="late")
    en = CaseStudyPage.objects.get(exchange_id="late-en")
    assert en.translation_key == sv.translation_key
    assert en.url.startswith("/en/cases/")


def test_agencies_are_matched_by_org_number_then_name(site):
    run_import([case_line(id="m1", agency={"name": "Skatteverket", "org_number": "202100-5448"})])
    run_import(
        [case_line(id="m2", agency={"name": "Skatteverket (Solna)", "org_number": "202100-5448"})]
    )
    run_import([case_line(id="m3", agency={"name": "Skatteverket"})])
    assert Agency.objects.filter(locale__language_code="sv").count() == 1


def test_draft_import_does_not_publish(site):
    _out, err, failed = run_import([case_line(id="draft-1")], "--draft")
    assert failed is None, err
    case = CaseStudyPage.objects.get(exchange_id="draft-1")
    assert not case.live
    assert export_text() == ""


# --- inspired_by ------------------------------------------------------------------


def test_inspired_by_may_name_a_later_line_and_round_trips(site):
    lines = [
        case_line(id="builds-1", title="Byggde vidare", inspired_by=["source-2", "source-1"]),
        case_line(id="source-1", title="Första källan"),
        case_line(id="source-2", title="Andra källan", inspired_by=["source-1"]),
    ]
    _out, err, failed = run_import(lines)
    assert failed is None, err
    page = CaseStudyPage.objects.get(exchange_id="builds-1")
    assert sorted(page.inspired_by.values_list("exchange_id", flat=True)) == [
        "source-1",
        "source-2",
    ]
    first = export_text()
    records = {json.loads(line)["id"]: json.loads(line) for line in first.splitlines()}
    assert records["builds-1"]["inspired_by"] == ["source-1", "source-2"]  # sorted
    assert records["source-1"]["inspired_by"] == []

    CaseStudyPage.objects.all().delete()
    Agency.objects.all().delete()
    _out, err, failed = run_import(first.splitlines())
    assert failed is None, err
    assert export_text() == first
    out, _err, failed = run_import(first.splitlines())
    assert "0 created, 0 updated, 3 unchanged" in out


def test_inspired_by_may_name_a_case_already_in_the_site_and_circles_link(site):
    run_import([case_line(id="old-case", title="Redan här")])
    _out, err, failed = run_import(
        [
            case_line(id="ring-a", inspired_by=["ring-b", "old-case"]),
            case_line(id="ring-b", inspired_by=["ring-a"]),
        ]
    )
    assert failed is None, err
    a = CaseStudyPage.objects.get(exchange_id="ring-a")
    b = CaseStudyPage.objects.get(exchange_id="ring-b")
    assert set(a.inspired_by.values_list("exchange_id", flat=True)) == {"ring-b", "old-case"}
    assert list(b.inspired_by.values_list("exchange_id", flat=True)) == ["ring-a"]
    # The link is in the published revision too, so the next edit keeps it.
    assert a.get_latest_revision_as_object().inspired_by.count() == 2


def test_unknown_inspired_by_names_the_line_and_field_and_the_line_is_not_imported(site):
    _out, err, failed = run_import(
        [case_line(id="good-line"), case_line(id="bad-line", inspired_by=["no-such-case"])]
    )
    assert failed is not None
    assert "line 2" in err and "inspired_by" in err and "no-such-case" in err
    assert CaseStudyPage.objects.filter(exchange_id="good-line").exists()
    assert not CaseStudyPage.objects.filter(exchange_id="bad-line").exists()


def test_a_case_cannot_build_on_itself(site):
    _out, err, failed = run_import([case_line(id="self-ref", inspired_by=["self-ref"])])
    assert failed is not None and "inspired_by" in err
    assert not CaseStudyPage.objects.filter(exchange_id="self-ref").exists()


def test_case_page_links_to_the_cases_it_builds_on_in_both_languages(client, site):
    run_import(
        [
            case_line(id="base-sv", title="Grundfallet"),
            case_line(id="base-en", language="en", translation_of="base-sv", title="Base case"),
            case_line(id="next-sv", title="Nästa fall", inspired_by=["base-sv"]),
            case_line(
                id="next-en",
                language="en",
                translation_of="next-sv",
                title="Next case",
                inspired_by=["base-sv"],
            ),
        ]
    )
    sv = client.get(CaseStudyPage.objects.get(exchange_id="next-sv").url).content.decode()
    assert "Bygger på" in sv and "Grundfallet" in sv
    en = client.get(CaseStudyPage.objects.get(exchange_id="next-en").url).content.decode()
    # The English page links to the English translation of the case it built on.
    assert "Builds on" in en and "Base case" in en
