"""Property-based fuzzing (Hypothesis): arbitrary parameters on every public
GET endpoint and arbitrary fields in the registration and contributor forms
never make the portal answer 5xx. Runs on SQLite and on PostgreSQL.

The number of inputs tried is printed at the end of the run
(tests/portal/conftest.py: "fuzz: N inputs, 0 server errors")."""

from collections import Counter

import pytest
from django.test import Client
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from tests.activities.test_registration import form_data
from tests.contributions.conftest import case_post, url

pytestmark = pytest.mark.django_db

# What the fuzz tried and what answered 5xx, read by the session summary.
TRIED = Counter()

FUZZ = settings(
    max_examples=60,
    deadline=None,
    database=None,  # nothing written into the repository
    suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow],
)

# Values that broke the portal before, and the shapes a hostile client tries.
NASTY = [
    "²",
    "²²²²",
    "٢٠٢٣",
    "0",
    "-1",
    "1e9",
    "9" * 30,
    "9" * 5000,
    "0000-01",
    "2023-13",
    '"',
    "'",
    "\\",
    "*",
    "(",
    ")",
    "OR",
    "AND NOT",
    "%",
    "_",
    "\x00",
    "\x1f",
    "\x7f",
    "\x85",
    "a\x00b",
    "\u202e",
    "\ufeff",
    " ",
    "",
    "<script>",
    "NaN",
    "Infinity",
    "true",
    "x" * 5000,
    "sv",
    "en",
    "all",
    "relevance",
    "newest",
    "and",
    "or",
]
ANY_TEXT = st.text(st.characters(blacklist_categories=("Cs",)), max_size=40)
TEXT = st.one_of(
    # Known hostile values most often, so that every run meets them.
    st.sampled_from(NASTY),
    st.sampled_from(NASTY),
    st.sampled_from(NASTY),
    # Any Unicode but lone surrogates, which no HTTP client can send.
    ANY_TEXT,
    st.integers(min_value=-(10**30), max_value=10**30).map(str),
)
SEARCH = ["q", "page", "page_size", "lang", "sort", "theme", "stage", "agency", "status", "year"]
API = [
    "search",
    "search_operator",
    "offset",
    "limit",
    "fields",
    "order",
    "type",
    "child_of",
    "ancestor_of",
    "descendant_of",
    "translation_of",
    "locale",
    "site",
    "id",
    "title",
    "slug",
    "format",
    "q",
]
# Each public GET endpoint with its parameters (any other name is tried too).
ENDPOINTS = {
    "home": ("/", ["page"]),
    "home-en": ("/en/", ["page"]),
    "listing": ("/erfarenheter/", SEARCH),
    "listing-en": ("/en/cases/", SEARCH),
    "search": ("/sok/", SEARCH),
    "search-en": ("/en/search/", SEARCH),
    "api-search": ("/api/search/", SEARCH),
    "autocomplete": ("/api/search/autocomplete/", ["q", "lang"]),
    "lessons": ("/lardomar/", ["q", "kind", "page", "theme"]),
    "lessons-en": ("/en/lessons/", ["q", "kind", "page", "theme"]),
    "rss": ("/feeds/cases.rss", []),
    "atom-en": ("/en/feeds/cases.atom", []),
    "theme-rss": ("/feeds/themes/digital-services.rss", []),
    "api-pages": ("/api/v2/pages/", API),
    "api-page": ("/api/v2/pages/{case}/", API),
    "api-images": ("/api/v2/images/", API),
    "api-documents": ("/api/v2/documents/", API),
    "case": ("{case_url}", ["page"]),
    "activity": ("{activity_url}", ["page"]),
    "activities": ("{activities_url}", ["page", "type"]),
    "archive": ("{activities_url}arkiv/", ["page", "type", "year"]),
    "ical": ("{activity_url}ical/", []),
    "sitemap": ("/sitemap.xml", ["page"]),
    "robots": ("/robots.txt", []),
}


def queries(names):
    return st.dictionaries(
        st.one_of(st.sampled_from([*names, "page"]), st.text(max_size=8)),
        st.lists(TEXT, min_size=1, max_size=3),  # repeated parameters too
        max_size=4,
    )


def visitor():
    return Client(HTTP_ACCEPT_LANGUAGE="sv", raise_request_exception=False)


def check(response, what):
    TRIED["inputs"] += 1
    if response.status_code >= 500:
        TRIED["server errors"] += 1
    assert response.status_code < 500, what


@pytest.fixture
def content(make_case, make_activity):
    """A case in each language, an activity in both languages: something to show."""
    case = make_case(title="Digital brevlåda", tags=["post"])
    make_case(language="en", title="Digital mailbox", translation_of=case.exchange_id)
    activity = make_activity(english=True, capacity=5)
    return {"case": case, "activity": activity}


@pytest.mark.parametrize("endpoint", ENDPOINTS)
@settings(FUZZ, max_examples=25)
@given(data=st.data())
def test_public_get_endpoints_never_answer_5xx(content, endpoint, data):
    template, names = ENDPOINTS[endpoint]
    activity = content["activity"]
    path = template.format(
        case=content["case"].pk,
        case_url=content["case"].url,
        activity_url=activity.url,
        activities_url=activity.get_parent().url,
    )
    query = data.draw(queries(names), label="query")
    check(visitor().get(path, query), (path, query))


def fields(valid, strategy=TEXT):
    """Each field either valid or drawn from the hostile text."""
    return st.fixed_dictionaries(
        {name: st.one_of(st.just(value), strategy) for name, value in valid.items()}
    )


@settings(FUZZ, max_examples=80)
@given(post=fields(form_data(email="anna@example.se", dietary_needs="", accessibility_needs="")))
def test_registration_form_never_answers_5xx(content, post):
    check(visitor().post(content["activity"].url, post), post)


@settings(FUZZ, max_examples=60)
@given(
    post=fields(
        {
            "first_name": "Eva",
            "last_name": "Ek",
            "email": "eva@skatteverket.se",
            "password1": "ett-langt-losenord-42",
            "password2": "ett-langt-losenord-42",
            "website": "",
        }
    )
)
def test_sign_up_form_never_answers_5xx(agency, post):
    check(visitor().post(url("sign_up"), post), post)


@settings(FUZZ, max_examples=40)
@given(post=fields({"username": "anna@skatteverket.se", "password": "ett-langt-losenord-42"}))
def test_login_form_never_answers_5xx(contributor, post):
    check(visitor().post(url("login"), post), post)


CASE_FIELDS = case_post(links=[("Rapport", "https://example.org/r")])


# Fewer: each valid post writes a draft page, about a second each.
@settings(FUZZ, max_examples=30)
@given(post=fields(CASE_FIELDS), action=st.sampled_from(["save", "submit", "preview"]))
def test_case_form_never_answers_5xx(contributor, post, action):
    client = visitor()
    client.force_login(contributor)
    check(client.post(url("new"), {**post, "action": action}), post)
