"""Misspelt words are corrected, editors' synonyms widen a search, and a
search that finds nothing offers ways on: on every backend."""

import logging
import re

import pytest

from search.models import LoggedQuery, SynonymGroup
from search.reports import weekly_report
from search.spelling import suggest

pytestmark = pytest.mark.search


def ids(data):
    return [r["id"] for r in data["results"]]


def is_engine(data):
    return data["backend"] != "database"


@pytest.fixture
def cases(make_case):
    make_case(
        id="bot",
        title="Chattbot som svarar på frågor om deklarationen",
        summary="En chattbot svarar dygnet runt.",
    )
    make_case(
        id="video",
        title="Videoförhandlingar i domstolen",
        summary="Videoförhandlingar ersatte resor.",
    )
    make_case(
        id="security",
        title="Korta utbildningar i informationssäkerhet",
        summary="Informationssäkerhet för alla anställda.",
    )
    make_case(
        id="en-transcription",
        language="en",
        title="Transcription of interviews in our own environment",
        summary="Speech to text for recorded interviews.",
    )


@pytest.mark.parametrize(
    "typed, corrected, expected",
    [
        ("chatbott", "chattbot", "bot"),
        ("videoförhandlngar", "videoförhandlingar", "video"),
        ("informationssäkrhet", "informationssäkerhet", "security"),
    ],
)
def test_a_misspelt_swedish_word_finds_the_case(cases, api, typed, corrected, expected):
    status, data = api(q=typed)
    assert status == 200
    assert ids(data) == [expected]
    assert data["query"] == typed
    # The engine's fuzzy search may find it as typed, and "chatbott" stems
    # as "chatbot" of the synonyms: then nothing is corrected.
    assert data.get("corrected_query", corrected) == corrected
    if typed != "chatbott" and not is_engine(data):
        assert data["corrected_query"] == corrected


def test_a_misspelt_english_word_finds_the_case(cases, api):
    data = api(q="transcriptoin", lang="en")[1]
    assert ids(data) == ["en-transcription"]
    if not is_engine(data):
        assert data["corrected_query"] == "transcription"


def test_the_correction_applies_when_the_engine_finds_nothing_either(cases, api):
    # Three letters wrong: too many for the engine's fuzzy matching (two at
    # most), near enough for the correction.
    data = api(q="infomationssäkrhett")[1]
    assert ids(data) == ["security"]
    assert data["corrected_query"] == "informationssäkerhet"


def test_the_page_says_what_it_searched_and_offers_the_words_as_typed(cases, page):
    html = page("/sok/", q="infomationssäkrhett").content.decode()
    assert "Visar resultat för <em>informationssäkerhet</em>." in html
    assert (
        'Sök i stället efter <a href="?q=infomationss%C3%A4krhett&amp;correct=0">'
        "infomationssäkrhett</a>." in html
    )
    assert "Korta utbildningar i informationssäkerhet" in html
    # The words as typed: nothing, and the spelling offered as before.
    typed = page("/sok/", q="infomationssäkrhett", correct="0").content.decode()
    assert "Visar resultat för" not in typed
    assert "Inga träffar" in typed
    assert "Menade du" in typed
    # Three letters wrong: beyond the engine's fuzzy matching too.
    english = page("/en/search/", q="trnascriptoinn").content.decode()
    assert "Showing results for <em>transcription</em>." in english
    assert "Search instead for" in english


def test_known_words_are_not_corrected(cases, api):
    # "chattbot" is a word of the cases: it finds one case, nothing else is tried.
    data = api(q="chattbot")[1]
    assert ids(data) == ["bot"]
    assert "corrected_query" not in data
    assert api(q="xylofonerna")[1]["total"] == 0
    assert "corrected_query" not in api(q="xylofonerna")[1]


def test_a_word_only_a_cases_text_holds_is_no_typo(make_case, api):
    make_case(id="short", title="Korta svar i chatten")
    make_case(
        id="queue",
        title="Ny telefonkö",
        challenge="Kunderna ville ha kortare väntan och färre handläggningstider.",
    )
    # "kortare" and "handläggningstider" stand in no title or summary, but a
    # case's text holds them: no nearer title word ("korta") replaces them.
    assert suggest(["kortare", "handläggningstider"], ["sv"]) == ""
    assert suggest(["kortta"], ["sv"]) == "korta"
    data = api(q="kortare handläggningstider")[1]
    assert ids(data)[0] == "queue"
    assert "corrected_query" not in data


def test_a_word_more_than_a_typo_away_is_not_corrected(make_case, api):
    make_case(id="en-done", language="en", title="What the pilot achieved")
    # "archive" is three edits from "achieved": another word, not a typo of
    # it, so the words as typed are not replaced (an engine's own fuzzy
    # matching of stems, "archiv" and "achiev", is another matter).
    data = api(q="archive", lang="en")[1]
    assert "corrected_query" not in data
    assert data.get("suggestion") != "achieved"
    data = api(q="acheived", lang="en")[1]
    assert ids(data) == ["en-done"]


def test_a_bad_correction_parameter_is_named(api):
    status, data = api(q="chattbot", correct="ja")
    assert status == 400
    assert data["error"]["parameter"] == "correct"


def test_the_log_marks_corrected_and_zero_hit_searches(cases, api):
    api(q="infomationssäkrhett")
    api(q="xylofonerna")
    api(q="chattbot")
    logged = {q.query: q for q in LoggedQuery.objects.all()}
    assert logged["infomationssäkrhett"].corrected_query == "informationssäkerhet"
    assert logged["infomationssäkrhett"].hits == 1
    assert logged["xylofonerna"].hits == 0
    _monday, _frequent, zero = weekly_report(weeks=1)[0]
    assert ("xylofonerna", 1, "") in zero
    assert ("infomationssäkrhett", 1, "informationssäkerhet") in zero
    assert not any(row[0] == "chattbot" for row in zero)


# Synonyms (the starter list, search/migrations/0006_seed_synonyms.py)


@pytest.fixture
def stopped(make_case):
    make_case(id="cloud", title="Pilot med molntjänster som avbröts", status="stopped")
    make_case(
        id="ledger",
        title="Test av blockkedja för fastighetsöverlåtelser",
        summary="Försöket stoppades efter ett år.",
        status="stopped",
    )
    make_case(
        id="archive",
        title="Eget e-arkiv för ärenden",
        summary="Projektet lades ned till förmån för en gemensam tjänst.",
        status="stopped",
    )
    make_case(id="fine", title="Snabbare handläggning av bygglov", status="completed")


def test_a_readers_word_finds_the_cases_described_otherwise(stopped, api):
    data = api(q="misslyckades")[1]
    assert sorted(ids(data)) == ["archive", "cloud", "ledger"]
    assert "corrected_query" not in data
    # The words the cases use still find them, and no more.
    assert ids(api(q="avbröts")[1]) == ["cloud"] or "cloud" in ids(api(q="avbröts")[1])
    assert "fine" not in ids(api(q="avbrutet")[1])


def test_a_synonym_is_found_in_its_definite_form(make_case, api):
    # Snowball stems "sjukfrånvaron" apart from "sjukfrånvaro", a synonym of
    # "sjukskrivningar" in the starter list.
    make_case(id="absence", title="Sjukfrånvaron minskade med nya arbetssätt")
    make_case(id="other", title="Nya arbetssätt i kundtjänsten")
    assert ids(api(q="sjukskrivningar")[1]) == ["absence"]


def test_a_participles_plural_finds_its_synonyms(stopped, api):
    # "avbrutna" is stemmed apart from "avbrutet", a term of the starter group.
    data = api(q="avbrutna")[1]
    assert sorted(ids(data)) == ["archive", "cloud", "ledger"]
    assert "corrected_query" not in data


def test_equivalent_words_find_each_other(make_case, api):
    make_case(id="bot", title="Chattbot i kundtjänsten")
    make_case(id="en-bot", language="en", title="A virtual assistant answers tax questions")
    assert ids(api(q="chatbot")[1]) == ["bot"]
    assert ids(api(q="digital assistent")[1]) == ["bot"]
    assert ids(api(q="chatbot", lang="en")[1]) == ["en-bot"]


def test_e_identification_finds_bankid_in_english(make_case, api):
    make_case(
        id="en-bankid",
        language="en",
        title="Logging in with BankID for applicants",
        summary="Applicants sign in with BankID.",
    )
    make_case(id="en-other", language="en", title="Open data without fees")
    assert ids(api(q="e-identification", lang="en")[1]) == ["en-bankid"]
    assert ids(api(q="e-ID", lang="en")[1]) == ["en-bankid"]


def test_a_readers_everyday_words_find_the_agencies_terms(make_case, api):
    make_case(
        id="wait",
        title="Kortare handläggningstid för bygglov",
        joint_work="Ledningen och medarbetarna arbetade tillsammans.",
    )
    make_case(
        id="union",
        title="Schemat togs fram med de fackliga organisationerna",
        themes=["sustainability"],
    )
    make_case(id="en-wait", language="en", title="Shorter processing times for permits")
    assert ids(api(q="väntetid")[1]) == ["wait"]
    assert ids(api(q="fackförbund")[1]) == ["union"]
    assert ids(api(q="waiting time", lang="en")[1]) == ["en-wait"]


def test_the_union_as_readers_name_it_finds_the_unions_by_name(make_case, api):
    make_case(
        id="named",
        title="Chattbot i upplysningen",
        joint_work="ST och Saco-S var med i referensgruppen från start.",
    )
    make_case(
        id="en-named",
        language="en",
        title="A chatbot for the information service",
        joint_work="ST and Saco-S were in the reference group from the start.",
    )
    for n, language in enumerate(["sv", "en"]):
        make_case(
            id=f"other-{n}",
            language=language,
            title="Ny växel" if language == "sv" else "A new switchboard",
            joint_work="Ledningen informerade." if language == "sv" else "Management informed.",
        )
    # First: an engine tolerating typos may add "fallet" below.
    assert ids(api(q="hur fick ni med facket?")[1])[0] == "named"
    assert ids(api(q="the trade union", lang="en")[1])[0] == "en-named"


def test_the_regulations_short_name_finds_its_cases(make_case, api):
    make_case(
        id="rules",
        title="Personuppgifter i kundtjänsten",
        summary="Dataskyddsförordningen styrde hur länge samtalen sparas.",
    )
    make_case(
        id="en-rules",
        language="en",
        title="Personal data in customer service",
        summary="Data protection set how long calls are kept.",
    )
    make_case(id="unrelated", title="Ny växel för telefonin", themes=["sustainability"])
    assert ids(api(q="gdpr")[1]) == ["rules"]
    assert ids(api(q="gdpr", lang="en")[1]) == ["en-rules"]


def test_a_case_named_by_a_phrase_synonym_ranks_first(make_case, api):
    make_case(
        id="aside",
        language="en",
        title="Transcription of interviews",
        summary="It runs without cloud services.",
    )
    make_case(
        id="named",
        language="en",
        title="A cloud services pilot",
        summary="We tried cloud services for our collaboration tools.",
    )
    assert ids(api(q="cloud computing", lang="en")[1]) == ["named", "aside"]


def test_a_phrase_synonym_with_a_stop_word_is_found_as_typed(make_case, api):
    # "from" is no search word: "working from home" is still that synonym.
    make_case(
        id="remote",
        language="en",
        title="Evaluating remote work after the pandemic",
        summary="Most staff kept two days a week at the office.",
    )
    make_case(
        id="office",
        language="en",
        title="Working with a new office layout",
        summary="Staff moved from a home base desk to shared desks.",
    )
    # The case about it first (an engine also lists the one holding both words).
    assert ids(api(q="working from home", lang="en")[1])[0] == "remote"


def test_an_editors_change_applies_to_the_next_search(make_case, api):
    make_case(id="sirens", title="Utryckningar med färre fordon")
    make_case(id="en-sirens", language="en", title="Emergency response with fewer vehicles")
    assert api(q="blåljus")[1]["total"] == 0
    assert api(q="sirens", lang="en")[1]["total"] == 0
    SynonymGroup.objects.create(language="sv", terms="blåljus => utryckning, utryckningar")
    group = SynonymGroup.objects.create(language="en", terms="sirens, emergency response")
    assert ids(api(q="blåljus")[1]) == ["sirens"]
    # One way: the word on the right does not bring the left.
    assert ids(api(q="utryckningar")[1]) == ["sirens"]
    assert ids(api(q="sirens", lang="en")[1]) == ["en-sirens"]
    group.delete()
    assert api(q="sirens", lang="en")[1]["total"] == 0


@pytest.mark.opensearch
def test_an_engine_takes_a_change_in_one_go(make_case, api, caplog):
    make_case(id="sirens", title="Utryckningar med färre fordon")
    with caplog.at_level(logging.WARNING, logger="search.engine_synonyms"):
        SynonymGroup.objects.create(language="sv", terms="blåljus => utryckning, utryckningar")
    # Nothing failed, so nothing is queued to try again (and close the index again).
    assert not [r for r in caplog.records if r.name == "search.engine_synonyms"]
    assert ids(api(q="blåljus")[1]) == ["sirens"]


def test_a_synonym_group_needs_two_terms(db):
    from django.core.exceptions import ValidationError

    with pytest.raises(ValidationError):
        SynonymGroup(language="sv", terms="ensam").full_clean()
    with pytest.raises(ValidationError):
        SynonymGroup(language="sv", terms=" => a, b").full_clean()
    SynonymGroup(language="sv", terms="a => b, c").full_clean()


# The zero-hit page


def test_the_zero_hit_page_offers_both_languages_filters_and_related_words(make_case, page):
    make_case(id="bot", title="Chattbot för deklarationen", stage="pilot")
    make_case(id="bot-2", title="Digital assistent i kundtjänsten", stage="pilot")
    make_case(id="en-bot", language="en", title="A chatbot for tax questions")
    # English page, a word only Swedish cases use: both languages offered, with the count.
    html = page("/en/search/", q="kundtjänsten").content.decode()
    assert "No results" in html
    assert "Search both languages (1 case)" in html
    # A filter that hides the matches: removing it, with what it would find.
    html = page("/sok/", q="chattbot", stage="implementation").content.decode()
    assert "Inga träffar" in html
    match = re.search(r'<a href="([^"]*)">Ta bort filtret ([^<]*) \((\d+) erfarenhet', html)
    assert match and match.group(3) == "2"  # with its synonym "digital assistent"
    assert "stage" not in match.group(1)
    # No case holds both words: those holding one are shown, and each word
    # alone that finds something.
    html = page("/sok/", q="chattbot bygglov").content.decode()
    assert "Ingen erfarenhet innehåller alla orden" in html
    assert "Ett ord i taget" in html
    assert re.search(r'href="\?q=chattbot">chattbot \(2 erfarenheter\)', html)
    assert "bygglov (" not in html
    html = page("/en/search/", q="chatbot permits").content.decode()
    assert re.search(r'href="\?q=chatbot">chatbot \(1 case\)', html)
