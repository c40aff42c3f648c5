"""/api/cases.csv and /api/cases.jsonl: the cases the listing or search page
shows, all of them, from the links on those pages; no e-mail address."""

import csv
import datetime
import html
import io
import json
import re
from urllib.parse import urlsplit

import pytest
from django.db import connection
from django.test import Client
from django.test.utils import CaptureQueriesContext

from cases.exchange import read_line
from cases.snippets import DigitalisationStage, Theme

pytestmark = pytest.mark.search

CARD_LINK = re.compile(r'class="case-card__title"><a href="([^"]+)"')
EXPORT_LINK = re.compile(r'<a href="(/api/cases\.(?:csv|jsonl)\?[^"]*)" download>')


@pytest.fixture
def cases(case_factory):
    """Swedish and English cases across themes, statuses and years, each with
    a contact e-mail address; a draft that no export may show."""
    made = {}
    rows = [
        ("sv", "Chattbot i kundtjänsten", ["ai-automation"], "ongoing", 2021),
        ("sv", "Chattbot för deklarationen", ["ai-automation", "skills"], "completed", 2019),
        ("sv", "Kompetens för framtiden", ["skills"], "stopped", 2019),
        ("sv", "Digital brevlåda", ["digital-services"], "ongoing", 2022),
        ("en", "A chatbot for tax returns", ["ai-automation"], "completed", 2019),
        ("en", "Skills for the future", ["skills"], "ongoing", 2020),
    ]
    for n, (language, title, themes, status, year) in enumerate(rows):
        made[title] = case_factory(
            language=language,
            title=title,
            themes=themes,
            status=status,
            started=datetime.date(year, 3, 1),
            ended=datetime.date(year + 1, 1, 1) if status != "ongoing" else None,
            stopped_reason_kind="cost" if status == "stopped" else "",
            published=datetime.date(2024, 1, 1 + n),
            contact_email=f"kontakt{n}@myndighet.se",
        )
    case_factory(title="Chattbot i utkast", live=False, contact_email="utkast@myndighet.se")
    return made


def content(response):
    return b"".join(response.streaming_content).decode("utf-8")


def csv_rows(response):
    text = content(response)
    assert text.startswith("\ufeff")
    header = text[1:].split("\r\n", 1)[0]
    assert header.startswith("id;language;translation_of;title;url;")
    return list(csv.DictReader(io.StringIO(text[1:]), delimiter=";"))


def jsonl_records(response):
    return [json.loads(line) for line in content(response).splitlines()]


def card_paths(page_html):
    return [html.unescape(href) for href in CARD_LINK.findall(page_html)]


def export_links(page_html):
    links = [html.unescape(link) for link in EXPORT_LINK.findall(page_html)]
    assert len(links) == 2, "the page offers CSV and JSON Lines"
    return links


def assert_exports_match(page_html, in_order=True):
    """Both export links of the page give exactly the page's cards (newest
    first: in the page's order unless it ranks by relevance)."""
    paths = card_paths(page_html)
    csv_link, jsonl_link = export_links(page_html)
    client = Client()
    response = client.get(csv_link)
    assert response.status_code == 200
    assert response["Content-Type"] == "text/csv; charset=utf-8"
    assert re.match(r'attachment; filename="[\w-]+\.csv"$', response["Content-Disposition"])
    rows = csv_rows(response)
    exported = [urlsplit(row["url"]).path for row in rows]
    assert exported == paths if in_order else sorted(exported) == sorted(paths)
    response = client.get(jsonl_link)
    assert response.status_code == 200
    assert response["Content-Disposition"].endswith('.jsonl"')
    records = jsonl_records(response)
    assert [record["id"] for record in records] == [row["id"] for row in rows]
    return rows, records


@pytest.mark.parametrize(
    "path, filters, expected",
    [
        ("/erfarenheter/", {}, 4),
        ("/erfarenheter/", {"theme": "ai-automation"}, 2),
        ("/erfarenheter/", {"year": "2019", "theme": ["skills", "security"]}, 2),
        ("/erfarenheter/", {"status": "stopped", "stopped_reason": "cost"}, 1),
        ("/en/cases/", {}, 2),
        ("/en/cases/", {"theme": "skills", "status": "ongoing"}, 1),
        ("/en/cases/", {"theme": "security"}, 0),
    ],
)
def test_export_links_give_the_filtered_listing(cases, page, path, filters, expected):
    listing = page(path, **filters).content.decode()
    rows, records = assert_exports_match(listing)
    assert len(rows) == len(records) == expected
    language = "en" if path.startswith("/en/") else "sv"
    assert {row["language"] for row in rows} <= {language}


@pytest.mark.parametrize(
    "path, params, titles",
    [
        ("/sok/", {"q": "chattbot"}, {"Chattbot i kundtjänsten", "Chattbot för deklarationen"}),
        ("/sok/", {"q": "chattbot", "year": "2019"}, {"Chattbot för deklarationen"}),
        ("/en/search/", {"q": "chatbot", "lang": "en"}, {"A chatbot for tax returns"}),
        ("/en/search/", {"q": "future", "lang": "all"}, {"Skills for the future"}),
    ],
)
def test_export_links_give_what_the_search_finds(cases, page, api, path, params, titles):
    results = page(path, **params).content.decode()
    rows, _records = assert_exports_match(results, in_order=False)
    # What /api/search/ counts for the same parameters.
    status, data = api(**{"lang": "en" if path.startswith("/en/") else "sv", **params})
    assert status == 200 and data["total"] == len(rows)
    assert titles <= {row["title"] for row in rows}
    if params.get("lang") != "all":
        assert {row["title"] for row in rows} == titles


def test_without_a_query_the_export_holds_every_published_case(cases):
    response = Client().get("/api/cases.jsonl", {"lang": "all"})
    titles = {record["title"] for record in jsonl_records(response)}
    assert titles == set(cases)


def test_no_export_holds_an_e_mail_address(cases):
    client = Client()
    for path in ("/api/cases.csv", "/api/cases.jsonl"):
        text = content(client.get(path, {"lang": "all"}))
        assert "Skatteverket" in text and "@" not in text
    record = jsonl_records(client.get("/api/cases.jsonl", {"lang": "sv"}))[0]
    assert record["contact"] == {"name": "Anna Andersson", "role": "Projektledare"}


def test_json_lines_are_the_exchange_format(cases):
    themes = set(Theme.objects.values_list("slug", flat=True))
    stages = set(DigitalisationStage.objects.values_list("slug", flat=True))
    response = Client().get("/api/cases.jsonl", {"lang": "all"})
    lines = content(response).splitlines()
    assert len(lines) == 6
    for line in lines:
        read_line(line, themes, stages)  # raises LineError for a bad line
    english = [json.loads(line) for line in lines if '"language": "en"' in line]
    assert {record["language"] for record in english} == {"en"}


def test_csv_columns_for_a_spreadsheet(cases):
    rows = csv_rows(Client().get("/api/cases.csv", {"q": "framtiden", "lang": "sv"}))
    assert len(rows) == 1
    row = rows[0]
    assert row["title"] == "Kompetens för framtiden"
    assert row["themes"] == "Kompetensförsörjning"
    assert row["stage"] == "Utveckling och test"
    assert row["status"] == "stopped"
    assert row["started"] == "2019-03" and row["ended"] == "2020-01"
    assert row["published"] == "2024-01-03"
    assert row["lessons"] == "2"
    url = urlsplit(row["url"])
    assert url.scheme == "http" and url.path == "/erfarenheter/kompetens-for-framtiden/"


@pytest.mark.parametrize(
    "params, parameter",
    [
        ({"year": "abc"}, "year"),
        ({"theme": "nonsense"}, "theme"),
        ({"lang": "de"}, "lang"),
        ({"q": "x" * 300}, "q"),
    ],
)
def test_a_bad_parameter_is_a_400_naming_it(site, params, parameter):
    for path in ("/api/cases.csv", "/api/cases.jsonl"):
        response = Client().get(path, params)
        assert response.status_code == 400
        assert response.json()["error"]["parameter"] == parameter


def test_downloads_are_limited_per_client_address(site, settings):
    settings.EXPORT_RATE_LIMIT = 2
    client = Client()
    for path in ("/api/cases.csv", "/api/cases.jsonl"):
        assert client.get(path).status_code == 200
    response = client.get("/api/cases.csv")
    assert response.status_code == 429
    assert response["Retry-After"] == str(settings.EXPORT_RATE_WINDOW)
    assert "Många nedladdningar har kommit från ditt nätverk" in response.content.decode()
    english = client.get("/api/cases.jsonl", {"lang": "en"})
    assert english.status_code == 429
    assert "Many downloads have come from your network" in english.content.decode()
    # Another address downloads as before.
    assert Client(REMOTE_ADDR="192.0.2.7").get("/api/cases.csv").status_code == 200


def test_the_export_reads_a_few_queries_however_many_cases(case_factory):
    def queries():
        with CaptureQueriesContext(connection) as captured:
            content(Client().get("/api/cases.jsonl", {"lang": "all"}))
            content(Client().get("/api/cases.csv", {"lang": "all"}))
        return len(captured)

    case_factory()
    case_factory(language="en", translation_of=case_factory())
    queries()  # the rate limit's counters started
    few = queries()
    for _n in range(6):
        case_factory(language="en", translation_of=case_factory())
    assert queries() == few
