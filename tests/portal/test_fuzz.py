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
    max_examples=400,
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
TEXT = st.one_of(
    st.sampled_from(NASTY),
    # Any Unicode but lone surrogates, which no HTTP client can send.
    st.text(st.characters(blacklist_categories=("Cs",)), max_size=40),
    st.integers(min_value=-(10**30), max_value=10**30).map(str),
)
PARAMETERS = [
    "q",
    "page",
    "page_size",
    "lang",
    "sort",
    "theme",
    "stage",
    "agency",
    "status",
    "year",
    "kind",
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
    "kept",
]
QUERIES = st.dictionaries(
    st.one_of(st.sampled_from(PARAMETERS), st.text(max_size=8)),
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


def public_paths(content):
    activity = content["activity"]
    return [
        "/",
        "/en/",
        "/erfarenheter/",
        "/en/cases/",
        "/sok/",
        "/en/search/",
        "/api/search/",
        "/api/search/autocomplete/",
        "/lardomar/",
        "/en/lessons/",
        "/feeds/cases.rss",
        "/feeds/cases.atom",
        "/en/feeds/cases.rss",
        "/feeds/themes/digital-services.rss",
        "/en/feeds/themes/digital-services.atom",
        "/api/v2/pages/",
        f"/api/v2/pages/{content['case'].pk}/",
        "/api/v2/images/",
        "/api/v2/documents/",
        content["case"].url,
        activity.url,
        activity.get_parent().url,
        activity.get_parent().url + "arkiv/",
        activity.url + "ical/",
        "/sitemap.xml",
        "/robots.txt",
    ]


@FUZZ
@given(data=st.data(), query=QUERIES)
def test_public_get_endpoints_never_answer_5xx(content, data, query):
    path = data.draw(st.sampled_from(public_paths(content)), label="path")
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
