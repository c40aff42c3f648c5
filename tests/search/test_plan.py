"""Plan your project: POST /api/plan/ and the plan page (/planera/, /en/plan/)."""

import json
import logging

import pytest
from django.test import Client

from search.models import LoggedQuery

pytestmark = pytest.mark.search

CHATBOT_PLAN = (
    "Vi planerar en chattbot som ska svara på medborgarnas frågor om bostadsbidrag "
    "dygnet runt. Chattboten ska kopplas till vår kundtjänst och lämna över till en "
    "handläggare när den inte kan svara."
)


@pytest.fixture
def plan_api(isolated_search_index):
    """POST /api/plan/ with the index refreshed first; returns (status, json)."""

    def _post(body, **headers):
        if isolated_search_index is not None:
            isolated_search_index.refresh()
        data = body if isinstance(body, (str, bytes)) else json.dumps(body)
        response = Client(**headers).post("/api/plan/", data, content_type="application/json")
        return response

    return _post


@pytest.fixture
def chatbot_cases(make_case):
    make_case(
        id="chatbot-stopped",
        title="Chattbot för bostadsbidrag",
        summary="En chattbot som svarade på frågor om bostadsbidrag.",
        status="stopped",
        stopped_reason={"kind": "technology", "text": "Chattboten förstod inte frågorna."},
        lessons=[
            # As relevant as the advice (two of the words): after it.
            {"kind": "worked", "text": "Chattboten var snabb med enkla frågor."},
            {
                "kind": "avoid",
                "text": "Undvik att lansera chattboten utan att frågor kan gå vidare "
                "till en handläggare i kundtjänst.",
            },
            {"kind": "advice", "text": "Träna chattboten på riktiga frågor."},
        ],
    )
    make_case(
        id="chatbot-completed",
        title="Digital assistent i kundtjänst",
        summary="En chattbot som hjälper kundtjänsten med vanliga frågor.",
        status="completed",
        lessons=[{"kind": "advice", "text": "Mät hur många frågor chattboten klarar."}],
    )
    make_case(
        id="archive",
        title="E-arkiv för allmänna handlingar",
        summary="Ett nytt arkiv för diariet.",
        status="stopped",
        stopped_reason={"kind": "cost", "text": "Arkivet blev för dyrt."},
        lessons=[{"kind": "avoid", "text": "Undvik stora upphandlingar."}],
    )


def test_chatbot_description_returns_the_chatbot_lessons_and_cases(chatbot_cases, plan_api, caplog):
    response = plan_api({"text": CHATBOT_PLAN, "lang": "sv"})
    assert response.status_code == 200
    # Answered by the configured backend, the engine too: no fallback.
    assert not [r for r in caplog.records if r.name == "search.service"]
    data = response.json()
    # The avoid and advice lessons of the chatbot cases first, then what worked.
    kinds = [(lesson["case"], lesson["kind"]) for lesson in data["lessons"]]
    assert kinds[0] == ("chatbot-stopped", "avoid")
    # Two advice lessons as relevant as each other: in the order of their
    # cases' relevance, which synonyms ("digital assistent") may change.
    assert {kinds[1], kinds[2]} == {("chatbot-stopped", "advice"), ("chatbot-completed", "advice")}
    assert {kind for _case, kind in kinds[:3]} <= {"avoid", "advice"}
    assert ("chatbot-stopped", "worked") in kinds
    assert kinds.index(("chatbot-stopped", "worked")) > kinds.index(("chatbot-stopped", "advice"))
    assert "archive" not in {case for case, _kind in kinds}
    first = data["lessons"][0]
    assert first["title"] == "Chattbot för bostadsbidrag"
    assert first["url"].startswith("/") and first["text"].startswith("Undvik att lansera")
    # Similar cases of any status; the unrelated archive is not one.
    ids = [case["id"] for case in data["cases"]]
    assert set(ids) == {"chatbot-stopped", "chatbot-completed"}
    assert data["cases"][0]["agency"] == "Skatteverket"
    assert {case["status"] for case in data["cases"]} == {"stopped", "completed"}


def test_stopped_holds_only_stopped_cases_with_their_reason(chatbot_cases, plan_api):
    data = plan_api({"text": CHATBOT_PLAN}, HTTP_ACCEPT_LANGUAGE="sv").json()
    assert [case["id"] for case in data["stopped"]] == ["chatbot-stopped"]
    assert data["stopped"][0]["stopped_reason"] == {
        "kind": "technology",
        "text": "Chattboten förstod inte frågorna.",
    }


def test_a_description_matching_nothing_returns_empty_lists(chatbot_cases, plan_api):
    data = plan_api({"text": "Xylofonorkester zebrafink", "lang": "sv"}).json()
    assert data == {"lessons": [], "stopped": [], "cases": []}


@pytest.mark.parametrize(
    "body, parameter",
    [
        ({"text": ""}, "text"),
        ({"text": "   "}, "text"),
        ({"text": "a" * 5001}, "text"),
        ({}, "text"),
        ({"text": 42}, "text"),
        ({"text": "chattbot", "lang": "de"}, "lang"),
        ("not json", "body"),
        ([1, 2], "body"),
    ],
)
def test_bad_input_is_a_400_naming_the_parameter(site, plan_api, body, parameter):
    response = plan_api(body, HTTP_ACCEPT_LANGUAGE="en")
    assert response.status_code == 400
    error = response.json()["error"]
    assert error["parameter"] == parameter
    assert error["message"]


def test_5000_characters_is_allowed_and_the_message_is_in_swedish(chatbot_cases, plan_api):
    text = (CHATBOT_PLAN + " ") * 30
    assert plan_api({"text": text[:5000], "lang": "sv"}).status_code == 200
    response = plan_api({"text": text[:5001], "lang": "sv"}, HTTP_ACCEPT_LANGUAGE="sv")
    assert "5000" in response.json()["error"]["message"]
    assert "tecken" in response.json()["error"]["message"]


def test_get_is_not_allowed_and_no_csrf_token_is_needed(site, plan_api):
    assert Client().get("/api/plan/").status_code == 405
    response = Client(enforce_csrf_checks=True).post(
        "/api/plan/", json.dumps({"text": "chattbot"}), content_type="application/json"
    )
    assert response.status_code == 200
    assert "no-store" in response["Cache-Control"] and "private" in response["Cache-Control"]


def test_nothing_is_stored_or_logged(chatbot_cases, plan_api, caplog):
    before = LoggedQuery.objects.count()
    secret = "Hemligprojektet Zorblax ska införa en chattbot för bostadsbidrag."
    with caplog.at_level(logging.DEBUG):
        assert plan_api({"text": secret, "lang": "sv"}).status_code == 200
        page = Client(HTTP_ACCEPT_LANGUAGE="sv").post("/planera/", {"text": secret, "lang": "sv"})
        assert page.status_code == 200
    assert LoggedQuery.objects.count() == before
    logged = " ".join(record.getMessage() + repr(record.__dict__) for record in caplog.records)
    assert "Zorblax" not in logged and "zorblax" not in logged
    assert "hemligprojektet" not in logged.lower()


def test_rate_limited_per_client(site, plan_api, settings):
    settings.SEARCH_PLAN_RATE_LIMIT = 2
    for _ in range(2):
        assert plan_api({"text": "chattbot"}).status_code == 200
    response = plan_api({"text": "chattbot"})
    assert response.status_code == 429
    assert response.json()["error"]["message"]


def test_english_description_finds_english_cases(make_case, plan_api):
    make_case(
        id="en-transcription",
        language="en",
        title="Speech transcription for court hearings",
        summary="Automatic transcription of recorded hearings.",
        lessons=[{"kind": "avoid", "text": "Avoid transcription without a human review of names."}],
        status="completed",
    )
    make_case(
        id="sv-transcription",
        title="Transkribering av förhör",
        summary="Automatisk transkribering av inspelade förhör.",
    )
    make_case(id="en-other", language="en", title="Digital mailbox for companies")
    data = plan_api(
        {
            "text": "We plan automatic transcription of recorded hearings, with a review "
            "of the transcripts by the clerks.",
            "lang": "en",
        }
    ).json()
    assert [case["id"] for case in data["cases"]] == ["en-transcription"]
    assert data["lessons"][0]["case"] == "en-transcription"
    assert data["lessons"][0]["kind"] == "avoid"


def test_page_shows_the_lists_and_the_checklist_in_swedish(chatbot_cases, isolated_search_index):
    if isolated_search_index is not None:
        isolated_search_index.refresh()
    client = Client(HTTP_ACCEPT_LANGUAGE="sv")
    form = client.get("/planera/")
    assert form.status_code == 200
    assert "no-store" in form["Cache-Control"]
    assert "Inget av det du skriver här sparas eller loggas." in form.content.decode()
    response = client.post("/planera/", {"text": CHATBOT_PLAN, "lang": "sv"})
    html = response.content.decode()
    assert response.status_code == 200
    assert "Lärdomar att ta till sig" in html
    assert "Liknande projekt som stoppades" in html
    assert "Chattboten förstod inte frågorna." in html
    assert "Tekniken fungerade inte" in html or "tekniken" in html.lower()
    assert "Liknande fall" in html
    assert "Checklista" in html
    assert 'type="checkbox"' in html
    assert "Undvik att lansera chattboten" in html
    assert "/contact/" in html and "Kontakta" in html
    # What was typed stays in the form.
    assert "dygnet runt" in html


def test_page_in_english_and_errors_keep_the_text(make_case, isolated_search_index):
    make_case(
        id="en-chatbot",
        language="en",
        title="Chatbot for housing benefit questions",
        summary="A chatbot answering questions about housing benefit.",
        lessons=[{"kind": "advice", "text": "Train the chatbot on real questions."}],
    )
    if isolated_search_index is not None:
        isolated_search_index.refresh()
    client = Client()
    response = client.post("/en/plan/", {"text": "A chatbot for housing benefit", "lang": "en"})
    html = response.content.decode()
    assert response.status_code == 200
    assert "Checklist" in html and "Train the chatbot on real questions." in html
    assert "Similar cases" in html and "Chatbot for housing benefit questions" in html
    too_long = "chatbot " * 700
    response = client.post("/en/plan/", {"text": too_long, "lang": "en"})
    assert response.status_code == 400
    html = response.content.decode()
    assert "at most 5000 characters" in html
    assert "chatbot chatbot" in html
