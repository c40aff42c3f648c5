"""/api/search/: ranking, stemming, facets, languages, pagination, bad input."""

import re

import pytest
from wagtail.models import Locale

from cases.models import CaseStudyPage
from core.keys import Keys
from search.health import backend_name

pytestmark = pytest.mark.search


def ids(data):
    return [r["id"] for r in data["results"]]


def test_title_match_ranks_first(make_case, api):
    make_case(
        id="body-only",
        title="Digital brevlåda för medborgare",
        approach="Vi byggde en chattbot. Chattbot i kundtjänst, chattbot på webben.",
    )
    make_case(id="in-title", title="Chattbot som svarar på frågor om deklarationen")
    make_case(id="unrelated", title="Nya arbetssätt i handläggningen")
    status, data = api(q="chattbot")
    assert status == 200
    assert ids(data) == ["in-title", "body-only"]
    assert data["total"] == 2
    assert data["results"][0]["title"].startswith("Chattbot")


def test_hyphenated_compound_in_title_ranks_first(make_case, api):
    # "e-tjänst" is the words "e" and "tjänst": both cases have them, but
    # only one has the compound, in its title.
    make_case(
        id="parts",
        title="Eget e-arkiv för ärenden",
        approach="Tjänsten ersatte tre tjänster. Tjänster för arkivet, tjänster för "
        "registratorn och tjänsten för utlämnande.",
    )
    make_case(
        id="compound",
        title="Gemensam e-tjänst för att starta aktiebolag",
        summary="Ett flöde i en e-tjänst.",
    )
    status, data = api(q="e-tjänst")
    assert status == 200
    assert ids(data) == ["compound", "parts"]
    # "e" is marked as a word, not as the start of "ett" and "en".
    marked = re.findall(r"<mark>(.*?)</mark>", data["results"][0]["excerpt"])
    assert marked == ["e", "tjänst"]


def test_words_found_across_title_and_body(make_case, api):
    # One word in the title, the other only in the text: it holds every
    # word. Being the only one, the case holding one of them follows it.
    make_case(
        id="split",
        title="Digital brevlåda för medborgare",
        approach="Företagare fick sina beslut snabbare.",
    )
    make_case(id="title-only", title="Digital brevlåda för kommuner")
    status, data = api(q="brevlåda företagare")
    assert status == 200
    assert ids(data) == ["split", "title-only"]
    assert data["every_word_total"] == 1


def test_stop_words_are_not_required_nor_marked(make_case, api):
    make_case(
        id="bot",
        title="Chattbot i kundtjänsten",
        summary="Informationen kom snabbare i chattboten.",
    )
    make_case(id="other", title="Arbetsmiljö i hemarbete")
    status, data = api(q="en chattbot för kundtjänst")
    assert status == 200
    assert ids(data) == ["bot"]
    # "fungerar" is in no case: every other word still counts, and the case
    # is found as one holding some of the words.
    status, data = api(q="hur fungerar en chattbot")
    assert ids(data) == ["bot"]
    assert data["some_words"] is True
    data = api(q="chattbot i kundtjänst")[1]
    assert re.findall(r"<mark>(.*?)</mark>", data["results"][0]["excerpt"]) == ["chattboten"]
    # Nothing but stop words: searched as they are, not ignored.
    status, data = api(q="vad är det")
    assert status == 200 and data["query"] == "vad är det"


def test_an_english_word_whose_stem_is_spelt_otherwise_finds_its_forms(make_case, api):
    # Snowball stems "sharing" as "share" and "driving" as "drive".
    make_case(
        id="en-share",
        language="en",
        title="Sharing data between agencies",
        summary="Agencies shared their registers.",
    )
    make_case(id="en-drive", language="en", title="Digital driving logs")
    assert ids(api(q="sharing", lang="en")[1]) == ["en-share"]
    assert ids(api(q="share", lang="en")[1]) == ["en-share"]
    assert ids(api(q="driving", lang="en")[1]) == ["en-drive"]


def test_swedish_inflected_form_finds_base_form(make_case, api):
    make_case(id="procurement", title="Gemensam upphandling av en molntjänst")
    make_case(id="other", title="Arbetsmiljö i hemarbete")
    status, data = api(q="molntjänsterna")
    assert status == 200
    assert ids(data) == ["procurement"]
    status, data = api(q="myndigheterna")
    assert ids(data) == []
    make_case(id="agency", title="Tre myndighet samarbetar")
    assert ids(api(q="myndigheterna")[1]) == ["agency"]


def test_english_inflected_form_finds_base_form(make_case, api):
    make_case(
        id="en-agency",
        language="en",
        title="One agency shares its data",
        summary="A short summary.",
    )
    status, data = api(q="agencies", lang="en")
    assert status == 200
    assert ids(data) == ["en-agency"]


def test_lessons_and_agency_and_theme_names_are_searched(make_case, api):
    make_case(id="lesson", lessons=[{"kind": "avoid", "text": "Undvik leverantörsinlåsning."}])
    make_case(id="agency", agency={"name": "Försäkringskassan"})
    assert ids(api(q="leverantörsinlåsning")[1]) == ["lesson"]
    assert ids(api(q="försäkringskassan")[1]) == ["agency"]


def test_an_agency_is_found_by_its_name_in_either_language(make_case, api):
    tax = {"name": "Skatteverket", "org_number": "202100-5448"}
    agency = make_case(id="bot", title="Chattbot i kundtjänsten", agency=tax).agency
    english = agency.copy_for_translation(Locale.objects.get(language_code="en"))
    english.name = "Swedish Tax Agency"
    english.save()
    make_case(
        id="bot-en", language="en", translation_of="bot", title="A chatbot in customer service"
    )
    make_case(
        id="other-en",
        language="en",
        title="A digital mailbox",
        agency={"name": "Swedish Enforcement Authority", "org_number": "202100-5927"},
    )
    # Readers name an agency as it is known, in either language's search.
    assert ids(api(q="skatteverket", lang="en")[1]) == ["bot-en"]
    assert ids(api(q="tax agency", lang="en")[1]) == ["bot-en"]
    assert ids(api(q="skatteverket")[1]) == ["bot"]


def test_an_editors_new_name_for_an_agency_or_theme_finds_its_cases(make_case, api):
    enforcement = {"name": "Kronofogdemyndigheten", "org_number": "202100-5927"}
    case = make_case(id="mail", title="Digital brevlåda", agency=enforcement)
    make_case(id="other", title="Chattbot i kundtjänsten", themes=["sustainability"])
    assert ids(api(q="kfm")[1]) == []
    # The editor adds the short name readers know, and renames a theme.
    agency = case.agency
    agency.short_name = "KFM"
    agency.save()
    theme = case.themes.get()
    theme.name = "Digitala tjänster och e-förvaltning"
    theme.save()
    assert ids(api(q="kfm")[1]) == ["mail"]
    assert ids(api(q="e-förvaltning")[1]) == ["mail"]


def test_a_word_found_in_a_lesson_is_shown_in_the_results_excerpt(make_case, api, page):
    make_case(
        id="lesson",
        lessons=[
            {"kind": "worked", "text": "Korta möten varje vecka höll takten uppe."},
            {"kind": "avoid", "text": "Undvik leverantörsinlåsning i upphandlingen."},
        ],
    )
    make_case(id="other", title="Leverantörsinlåsning i molnet")
    results = {r["id"]: r for r in api(q="leverantörsinlåsning")[1]["results"]}
    assert results["lesson"]["excerpt"] == (
        "Undvik <mark>leverantörsinlåsning</mark> i upphandlingen."
    )
    html = page("/sok/", q="leverantörsinlåsning").content.decode()
    assert "Undvik <mark>leverantörsinlåsning</mark> i upphandlingen." in html


def test_excerpt_marks_the_word_and_escapes_the_rest(make_case, api):
    make_case(id="x", approach="Vi testade <script>alert(1)</script> och en chattbot för svar.")
    data = api(q="chattbot")[1]
    excerpt = data["results"][0]["excerpt"]
    assert "<mark>chattbot</mark>" in excerpt
    assert "<script>" not in excerpt
    assert "&lt;script&gt;" in excerpt


def test_result_fields_follow_the_contract(make_case, api):
    make_case(
        id="skv",
        title="Chattbot",
        themes=["ai-automation"],
        stage="implementation",
        status="completed",
        published="2023-05-04",
    )
    data = api(q="chattbot")[1]
    assert set(data) >= {"query", "total", "page", "page_size", "backend", "results", "facets"}
    result = data["results"][0]
    assert result["id"] == "skv"
    assert result["agency"] == "Skatteverket"
    assert result["themes"] == ["ai-automation"]
    assert result["stage"] == "implementation"
    assert result["status"] == "completed"
    assert result["language"] == "sv"
    assert result["url"].startswith("/erfarenheter/")
    assert data["backend"] in {"database", "opensearch", "elasticsearch"}


def test_an_engine_s_matches_select_the_same_cases_in_the_database(make_case):
    """An engine's matching keys, thousands of them at most, reach the
    database as one parameter (SQLite and PostgreSQL alike)."""
    cases = [make_case(id=f"k{n}", title=f"Fall nummer {n}") for n in range(3)]
    keys = Keys([cases[0].pk, str(cases[2].pk)])  # the engine's ids are text
    selected = CaseStudyPage.objects.filter(pk__in=keys).values_list("exchange_id", flat=True)
    assert len(keys) == 2
    assert sorted(selected) == ["k0", "k2"]
    assert not CaseStudyPage.objects.filter(pk__in=Keys([])).exists()


def test_facets_count_the_whole_result_set(make_case, api):
    make_case(
        id="a",
        title="Chattbot ett",
        themes=["ai-automation", "digital-services"],
        stage="implementation",
        status="completed",
        started="2021-03",
        agency={"name": "Skatteverket"},
        evidence_level=4,
    )
    make_case(
        id="b",
        title="Chattbot två",
        themes=["ai-automation"],
        stage="problem",
        status="ongoing",
        started="2023-01",
        agency={"name": "Försäkringskassan"},
        evidence_level=4,
    )
    make_case(
        id="c",
        title="Chattbot tre",
        themes=["security"],
        stage="pilot",
        status="stopped",
        stopped_reason={"kind": "cost", "text": "Det blev för dyrt."},
        started="2023-06",
        agency={"name": "Skatteverket"},
    )
    make_case(id="d", title="Något annat", themes=["security"], evidence_level=2)
    data = api(q="chattbot", page_size=1)[1]
    assert not data.get("degraded")  # counted by the backend itself
    assert data["total"] == 3
    assert len(data["results"]) == 1
    facets = data["facets"]
    assert facets["theme"] == {"ai-automation": 2, "digital-services": 1, "security": 1}
    assert list(facets["stage"]) == ["problem", "pilot", "implementation"]  # stage order
    assert facets["agency"] == {"Försäkringskassan": 1, "Skatteverket": 2}
    assert facets["status"] == {"ongoing": 1, "completed": 1, "stopped": 1}
    assert facets["year"] == {"2023": 2, "2021": 1}
    assert facets["evidence"] == {"4": 2}
    assert facets["stopped_reason"] == {"cost": 1}
    assert facets["language"] == {"sv": 3}


@pytest.mark.parametrize(
    ("params", "expected"),
    [
        ({"theme": "ai-automation"}, {"a", "b"}),
        ({"theme": ["security", "digital-services"]}, {"a", "c"}),
        ({"stage": "problem"}, {"b"}),
        ({"agency": "Skatteverket"}, {"a", "c"}),
        ({"status": "stopped"}, {"c"}),
        ({"year": "2023"}, {"b", "c"}),
        ({"year": "2023", "theme": "ai-automation"}, {"b"}),
        ({"theme": "security", "stage": "problem"}, set()),  # no case passes both
        ({"evidence": "4"}, {"a"}),
        ({"evidence": ["2", "4"]}, {"a", "b"}),
        ({"stopped_reason": "cost"}, {"c"}),
        ({"agency": "Försäkringskassan", "evidence": "4"}, set()),
    ],
)
def test_each_filter_narrows_the_results(make_case, api, params, expected):
    make_case(
        id="a",
        title="Chattbot ett",
        themes=["ai-automation", "digital-services"],
        stage="implementation",
        status="completed",
        started="2021-03",
        evidence_level=4,
    )
    make_case(
        id="b",
        title="Chattbot två",
        themes=["ai-automation"],
        stage="problem",
        status="ongoing",
        started="2023-01",
        agency={"name": "Försäkringskassan"},
        evidence_level=2,
    )
    make_case(
        id="c",
        title="Chattbot tre",
        themes=["security"],
        stage="pilot",
        status="stopped",
        stopped_reason={"kind": "cost", "text": "Det blev för dyrt."},
        started="2023-06",
    )
    status, data = api(q="chattbot", **params)
    assert status == 200
    assert set(ids(data)) == expected
    assert data["total"] == len(expected)
    # Filtered and counted by the backend itself.
    assert not data.get("degraded")
    assert sum(data["facets"]["language"].values()) == len(expected)


def test_empty_query_lists_all_cases_newest_first(make_case, api):
    make_case(id="old", published="2020-01-01")
    make_case(id="new", published="2024-06-01")
    status, data = api()
    assert status == 200
    assert ids(data) == ["new", "old"]
    assert data["total"] == 2
    assert data["facets"]["theme"] == {"digital-services": 2}
    # Listed and counted by the configured backend, an engine too.
    assert data["backend"] == backend_name()
    # With a filter chosen the database lists and counts (exactly what an engine would).
    status, data = api(theme="digital-services")
    assert ids(data) == ["new", "old"]
    assert data["facets"]["theme"] == {"digital-services": 2}
    assert not data.get("degraded")


def test_sort_newest(make_case, api):
    make_case(id="title-old", title="Chattbot", published="2020-01-01")
    make_case(id="body-new", approach="En chattbot.", published="2024-06-01")
    assert ids(api(q="chattbot")[1])[0] == "title-old"
    assert ids(api(q="chattbot", sort="newest")[1]) == ["body-new", "title-old"]


def test_lang_chooses_the_languages(make_case, api):
    make_case(id="sv1", title="Chattbot på svenska")
    make_case(id="en1", language="en", title="Chattbot in English", summary="Summary.")
    assert ids(api(q="chattbot")[1]) == ["sv1"]
    assert ids(api(q="chattbot", lang="en")[1]) == ["en1"]
    data = api(q="chattbot", lang="all")[1]
    assert set(ids(data)) == {"sv1", "en1"}
    assert data["facets"]["language"] == {"sv": 1, "en": 1}
    # The default language is the request's.
    assert ids(api("/api/search/", q="chattbot")[1]) == ["sv1"]


def test_pagination_edges(make_case, api):
    for n in range(5):
        make_case(id=f"p{n}", title=f"Chattbot {n}", published=f"2024-01-0{n + 1}")
    first = api(q="chattbot", page_size=2)[1]
    summary = (first["total"], first["page"], first["page_size"], len(first["results"]))
    assert summary == (5, 1, 2, 2)
    last = api(q="chattbot", page_size=2, page=3)[1]
    assert len(last["results"]) == 1
    seen = ids(first) + ids(api(q="chattbot", page_size=2, page=2)[1]) + ids(last)
    assert sorted(seen) == [f"p{n}" for n in range(5)]
    beyond = api(q="chattbot", page_size=2, page=4)
    assert beyond[0] == 200 and beyond[1]["results"] == [] and beyond[1]["total"] == 5
    assert api(q="chattbot", page_size=100)[0] == 200


def test_a_page_number_of_zero_is_told_the_lowest_page(site, api):
    for value in ["0", "0000000000"]:
        status, data = api(page=value)
        assert status == 400
        assert data["error"]["message"] == "Sidnumret måste vara ett heltal som är minst 1."


@pytest.mark.parametrize(
    ("params", "parameter"),
    [
        ({"page": "0"}, "page"),
        ({"page": "abc"}, "page"),
        ({"page": "-1"}, "page"),
        ({"page_size": "101"}, "page_size"),
        ({"page_size": "0"}, "page_size"),
        ({"theme": "no-such-theme"}, "theme"),
        ({"stage": "nowhere"}, "stage"),
        ({"status": "paused"}, "status"),
        ({"year": "20x1"}, "year"),
        ({"year": "0000"}, "year"),
        ({"lang": "de"}, "lang"),
        ({"sort": "best"}, "sort"),
        ({"q": "x" * 10000}, "q"),
        ({"q": "!!! ... ;;; ---"}, "q"),
    ],
)
def test_bad_parameters_get_400_naming_the_parameter(site, api, params, parameter):
    status, data = api(**params)
    assert status == 400
    assert data["error"]["parameter"] == parameter
    assert data["error"]["message"]


def test_control_characters_are_stripped(make_case, api):
    make_case(id="bot", title="Chattbot")
    status, data = api(q="chatt\x00bot\x07\t")
    assert status == 200
    assert data["query"] == "chattbot"
    assert ids(data) == ["bot"]


def test_unpublished_cases_are_not_found(make_case, api):
    case = make_case(id="gone", title="Chattbot")
    case.unpublish()
    assert api(q="chattbot")[1]["total"] == 0


def test_the_next_search_follows_publishing_and_a_changed_theme(make_case, api):
    """A change an editor publishes (a new case, a changed theme, an
    unpublished case) shows in the very next search."""
    first = make_case(id="first", title="Chattbot ett", themes=["security"])
    assert api(q="chattbot", theme="security")[1]["total"] == 1
    make_case(id="second", title="Chattbot två", themes=["security"])
    data = api(q="chattbot", theme="security")[1]
    assert (data["total"], set(ids(data))) == (2, {"first", "second"})
    first.themes.set([])
    first.save_revision().publish()
    data = api(q="chattbot", theme="security")[1]
    assert (data["total"], ids(data)) == (1, ["second"])
    assert api(q="chattbot")[1]["facets"]["theme"] == {"security": 1}
    first.unpublish()
    assert api()[1]["total"] == 1


def test_a_filter_pages_through_its_own_cases_not_the_best_ranked(make_case, api):
    """The cases a filter leaves out may rank above every case it keeps: the
    page still holds the kept cases, best first, in both sort orders."""
    for n in range(4):
        make_case(id=f"other-{n}", title=f"Chattbot nummer {n}", themes=["digital-services"])
    make_case(
        id="kept-title",
        title="Säkrare inloggning",
        approach="En chattbot.",
        themes=["security"],
        published="2020-01-01",
    )
    make_case(
        id="kept-body",
        title="Säkrare arkiv",
        approach="Arkivet fick en enkel sökfunktion och senare en chattbot.",
        themes=["security"],
        published="2024-06-01",
    )
    data = api(q="chattbot", theme="security", page_size=1)[1]
    assert (data["total"], len(data["results"])) == (2, 1)
    second = api(q="chattbot", theme="security", page_size=1, page=2)[1]
    assert {*ids(data), *ids(second)} == {"kept-title", "kept-body"}
    newest = api(q="chattbot", theme="security", page_size=2, sort="newest")[1]
    assert ids(newest) == ["kept-body", "kept-title"]


def test_a_case_is_found_by_the_name_of_a_theme_it_is_given(make_case, api):
    """Theme names are part of a case's searchable text. A page's themes are
    saved after the page itself, so an edit that only changes them must still
    reach the index that the next search reads."""
    case = make_case(id="themed", title="Chattbot i kundtjänsten", themes=["digital-services"])
    assert api(q="informationssäkerhet")[1]["total"] == 0
    case.themes.set([case.themes.model.objects.get(slug="security", locale=case.locale)])
    case.save_revision().publish()
    assert ids(api(q="informationssäkerhet")[1]) == ["themed"]
    case.themes.set([case.themes.model.objects.get(slug="skills", locale=case.locale)])
    case.save_revision().publish()
    assert api(q="informationssäkerhet")[1]["total"] == 0


def test_cases_behind_a_view_restriction_are_not_found(make_case, api):
    from wagtail.models import PageViewRestriction

    make_case(id="open", title="Chattbot för alla")
    hidden = make_case(id="hidden", title="Chattbot bakom lösenord")
    PageViewRestriction.objects.create(
        page=hidden, restriction_type=PageViewRestriction.PASSWORD, password="hemligt"
    )
    for params in ({"q": "chattbot"}, {"q": "chattbot", "theme": "digital-services"}, {}):
        data = api(**params)[1]
        assert ids(data) == ["open"], params
        assert data["total"] == 1


def test_a_case_unpublished_behind_the_index_s_back_is_never_shown(make_case, api):
    """An engine indexes in the background: until it catches up, a case taken
    down must not appear in the results, whatever the index says."""
    from wagtail.models import Page

    make_case(id="live", title="Chattbot som finns")
    gone = make_case(id="gone", title="Chattbot som togs bort")
    Page.objects.filter(pk=gone.pk).update(live=False)  # no signal: the index is stale
    assert ids(api(q="chattbot")[1]) == ["live"]


@pytest.mark.opensearch
def test_typos_are_tolerated_by_the_engine(make_case, api, settings):
    if "database" in settings.WAGTAILSEARCH_BACKENDS["default"]["BACKEND"]:
        pytest.fail(
            "the typo test needs SEARCH_URL to name an engine (OpenSearch or Elasticsearch)"
        )
    make_case(id="permits", title="Snabbare handläggning av bygglov")
    make_case(id="other", title="Arbetsmiljö i hemarbete")
    assert ids(api(q="handläggnig")[1]) == ["permits"]  # a letter missing
    assert ids(api(q="bygglvo")[1]) == ["permits"]  # two letters swapped
    make_case(
        id="en-bot",
        language="en",
        title="A chatbot answers tax questions",
        summary="A short summary.",
    )
    assert ids(api(q="chatbto", lang="en")[1]) == ["en-bot"]


@pytest.mark.opensearch
def test_the_word_as_written_ranks_above_its_near_misses(make_case, api, settings):
    if "database" in settings.WAGTAILSEARCH_BACKENDS["default"]["BACKEND"]:
        pytest.fail("the test needs SEARCH_URL to name an engine (OpenSearch or Elasticsearch)")
    # Too few cases hold "ledger" for the engine to stop at them: it searches
    # again with typos tolerated, which also finds "leader" in a title.
    make_case(
        id="near",
        language="en",
        title="Leader for a leaders' programme",
        summary="Each leader meets other leaders.",
    )
    make_case(
        id="exact",
        language="en",
        title="Digital archive for old records",
        summary="The ledger of the records moved to the archive.",
    )
    assert ids(api(q="ledger", lang="en")[1]) == ["exact", "near"]


@pytest.mark.opensearch
def test_a_word_too_far_from_any_gets_a_spelling_suggestion(make_case, api, settings):
    if "database" in settings.WAGTAILSEARCH_BACKENDS["default"]["BACKEND"]:
        pytest.fail(
            "the suggestion test needs SEARCH_URL to name an engine (OpenSearch or Elasticsearch)"
        )
    make_case(id="permits", title="Snabbare handläggning av bygglov")
    # Fuzzy matching keeps the first letter; the correction searched instead does not.
    status, data = api(q="vygglov")
    assert (status, data["total"], data["corrected_query"]) == (200, 1, "bygglov")
    status, data = api(q="vygglov", correct="0")
    assert (status, data["total"]) == (200, 0)
    assert data["suggestion"] == "bygglov"
