"""Input that used to answer 500 (finding 9) gets a 400 or a form error that
names the parameter in the reader's words, and the import keeps its good lines."""

import io
import json
import sys

import pytest
from django.core.management import CommandError, call_command
from django.test import Client

from activities.models import Registration
from cases.exchange import import_stream
from cases.models import CaseStudyPage
from tests.activities.test_registration import form_data
from tests.conftest import case_line
from tests.contributions.conftest import case_post, logged_in, url

pytestmark = pytest.mark.django_db

# The import's limits, as docs/exchange.md states them.
MAX_TEXT_CHARACTERS = 50_000
MAX_LESSONS = 30
SUPERSCRIPT_TWO = "²"  # "²".isdigit() is true, int("²") fails


def reader(language):
    return Client(HTTP_ACCEPT_LANGUAGE=language, raise_request_exception=False)


def shown(response):
    """The page's text, or the API's message."""
    if response["Content-Type"].startswith("application/json"):
        return response.json()["error"]["message"]
    return response.content.decode()


@pytest.mark.parametrize(
    "path, language, message",
    [
        ("/sok/", "sv", "Sidnumret måste vara ett heltal"),
        ("/en/search/", "en", "The page number must be a whole number"),
        ("/api/search/", "sv", "Sidnumret måste vara ett heltal"),  # the root speaks Swedish
    ],
)
def test_page_that_is_no_whole_number_is_a_400_in_the_readers_words(site, path, language, message):
    response = reader(language).get(path, {"page": SUPERSCRIPT_TWO})
    assert response.status_code == 400
    assert message in shown(response)


@pytest.mark.parametrize(
    "path, language, message",
    [
        ("/sok/", "sv", "Antalet träffar per sida måste vara ett heltal"),
        ("/en/search/", "en", "The number of results per page must be a whole number"),
        ("/api/search/", "sv", "Antalet träffar per sida måste vara ett heltal"),
    ],
)
def test_page_size_that_is_no_whole_number_is_a_400(site, path, language, message):
    response = reader(language).get(path, {"page_size": SUPERSCRIPT_TWO})
    assert response.status_code == 400
    assert message in shown(response)


def test_page_beyond_any_result_is_a_400_not_an_overflow(site):
    response = reader("en").get("/en/search/", {"page": "9" * 40})
    assert response.status_code == 400
    assert "The page number can be at most 10000." in shown(response)


@pytest.mark.parametrize(
    "path, status, message",
    [
        ("/erfarenheter/", 200, "Okänt värde för startår"),
        ("/en/cases/", 200, "Unknown value for year started"),
        ("/sok/", 400, "Okänt värde för startår"),
        ("/api/search/", 400, "Okänt värde för startår"),
    ],
)
def test_year_of_superscript_digits_is_an_unknown_value(make_case, path, status, message):
    make_case()
    language = "en" if path.startswith("/en/") else "sv"
    response = reader(language).get(path, {"year": SUPERSCRIPT_TWO * 4})
    assert response.status_code == status
    assert message in shown(response)


def test_case_form_refuses_year_zero_with_a_form_error(contributor):
    response = logged_in(contributor).post(url("new"), case_post(started="0000-01"))
    assert response.status_code == 200
    assert response.context["form"].errors["started"] == ["Året måste vara mellan 1900 och 2100."]
    assert not CaseStudyPage.objects.exists()


LONG_EMAIL = "a" * 250 + "@skatteverket.se"  # 266 characters: PostgreSQL stores 254


def test_registration_refuses_an_e_mail_address_over_254_characters(make_activity, client):
    activity = make_activity()
    response = client.post(activity.url, form_data(email=LONG_EMAIL))
    assert response.status_code == 200
    assert response.context["form"].errors["email"]
    assert not Registration.objects.exists()


def test_sign_up_refuses_an_e_mail_address_longer_than_an_account_name(client, agency):
    response = client.post(
        url("sign_up"),
        {
            "first_name": "Eva",
            "last_name": "Ek",
            "email": "e" * 140 + "@skatteverket.se",
            "password1": "ett-langt-losenord-42",
            "password2": "ett-langt-losenord-42",
        },
    )
    assert response.status_code == 200
    assert response.context["form"].errors["email"]


@pytest.mark.parametrize(
    "query",
    [
        {"search": '"'},
        {"search": "\x00"},
        {"search": "a\x1fb"},
        {"offset": "9" * 30},
        {"child_of": "9" * 30},
        {"id": "9" * 30},
        {"search": "digital", "search_operator": "x"},
    ],
)
def test_pages_api_answers_400_for_hostile_parameters(make_case, query):
    make_case()
    response = reader("en").get("/api/v2/pages/", query)
    assert response.status_code == 400
    assert "message" in response.json()


@pytest.mark.parametrize("endpoint", ["images", "documents"])
@pytest.mark.parametrize("query", [{"search": "a", "search_operator": "²"}, {"search": "\x00"}])
def test_images_and_documents_api_answer_400_for_hostile_parameters(db, endpoint, query):
    response = reader("en").get(f"/api/v2/{endpoint}/", query)
    assert response.status_code == 400
    assert "message" in response.json()


def test_pages_api_searches_the_words_of_text_with_quotes(make_case):
    make_case(title="Digital brevlåda för företag")
    words = reader("en").get("/api/v2/pages/", {"search": "brevlåda"})
    quoted = reader("en").get("/api/v2/pages/", {"search": '"brevlåda'})
    assert quoted.status_code == 200
    assert quoted.json() == words.json()


@pytest.mark.parametrize("query", [{"search": "a", "search_operator": "x"}, {"search": "\x00"}])
def test_pages_api_checks_parameters_of_one_page_too(make_case, query):
    case = make_case()
    response = reader("en").get(f"/api/v2/pages/{case.pk}/", query)
    assert response.status_code == 400


def run_command(text):
    """import_cases reading standard input; (stdout, stderr, CommandError or None)."""
    out, err, stdin = io.StringIO(), io.StringIO(), sys.stdin
    sys.stdin = io.TextIOWrapper(
        io.BytesIO(text.encode("utf-8", "surrogatepass")),
        encoding="utf-8",
        errors="surrogateescape",
    )
    try:
        call_command("import_cases", "-", stdout=out, stderr=err)
        failed = None
    except CommandError as exc:
        failed = exc
    finally:
        sys.stdin = stdin
    return out.getvalue(), err.getvalue(), failed


def test_import_reports_each_hostile_line_and_keeps_the_good_ones(site):
    lines = [
        json.dumps(case_line(id="good-1")),
        json.dumps(case_line(id="year-zero", started="0000-01")),
        '{"id": ' + "[" * 5000 + "]" * 5000 + "}",
        json.dumps(case_line(id="surrogate", title="Fall \ud800")),  # escaped: \\ud800
        json.dumps(case_line(id="huge", challenge="x" * (MAX_TEXT_CHARACTERS + 1))),
        json.dumps(case_line(id="lessons", lessons=[{"kind": "worked", "text": "Ja."}] * 5000)),
        json.dumps(case_line(id="good-2")),
    ]
    out, err, failed = run_command("\n".join(lines) + "\n")
    assert "2 created" in out and "5 failed" in out
    assert err.splitlines() == [
        "line 2: started: must be a year from 1900 to 2100, not 0000",
        "line 3: json: is nested too deeply",
        "line 4: title: contains a lone surrogate (U+D800)",
        f"line 5: challenge: is longer than {MAX_TEXT_CHARACTERS} characters",
        f"line 6: lessons: has more than {MAX_LESSONS} items",
    ]
    assert failed is not None
    assert sorted(CaseStudyPage.objects.values_list("exchange_id", flat=True)) == [
        "good-1",
        "good-2",
    ]


def test_import_reports_a_line_that_is_not_utf_8_and_goes_on(site):
    good = json.dumps(case_line(id="good-1")).encode()
    report = import_stream([b'{"title": "\xff"}\n', good])
    assert report.errors == [(1, "line", "is not UTF-8 (byte 12)")]
    assert report.created == 1
