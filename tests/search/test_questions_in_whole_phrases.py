"""Readers ask in whole phrases ("lärdomar om chattbot", "what went wrong
with cloud services"): words that find few cases or none together also find
the cases that hold some of them, ranked below, and the portal's words for
what every case holds narrow nothing. On every backend."""

import pytest

from search.health import backend_name
from search.models import LoggedQuery
from search.reports import weekly_report
from search.service import SOME_WORDS_BELOW

pytestmark = pytest.mark.search


def ids(data):
    return [r["id"] for r in data["results"]]


def holding_every_word(data):
    """The results that hold every word: all, or the first `every_word_total`."""
    return ids(data)[: data.get("every_word_total", data["total"])]


@pytest.fixture
def cases(make_case):
    make_case(
        id="bot",
        title="Chattbot som svarar på frågor om deklarationen",
        summary="En chattbot svarar dygnet runt på frågor om deklarationen.",
    )
    make_case(
        id="bot-2",
        title="Chattbot i växeln",
        summary="En chattbot svarar på enkla frågor i telefonväxeln.",
    )
    make_case(
        id="permits",
        title="Snabbare handläggning av bygglov",
        summary="Handläggarna fick en ny rutin för bygglov.",
    )
    make_case(
        id="en-bot",
        language="en",
        title="A chatbot answers questions about the tax return",
        summary="The chatbot answers around the clock.",
    )


def test_the_verbs_of_a_question_narrow_nothing(cases, api):
    # "fick" is in the permits case only: the question is about chatbots.
    data = api(q="Hur fick ni en chattbot?")[1]
    assert sorted(ids(data)) == ["bot", "bot-2"]
    assert "some_words" not in data
    data = api(q="how could we get a chatbot", lang="en")[1]
    assert ids(data) == ["en-bot"]
    # A question of nothing else is searched as it is.
    assert ids(api(q="fick")[1])[0] == "permits"


def test_words_that_find_nothing_together_find_the_cases_holding_some(cases, api):
    # No case is about both: each holding one of the words is found.
    data = api(q="chattbot bygglov")[1]
    assert sorted(ids(data)) == ["bot", "bot-2", "permits"]
    assert data["total"] == 3
    assert data["some_words"] is True
    assert "corrected_query" not in data
    # The case holding more of the words ranks above those holding fewer.
    data = api(q="chattbot deklarationen bygglov")[1]
    assert ids(data)[0] == "bot"
    assert set(ids(data)) == {"bot", "bot-2", "permits"}
    assert data["every_word_total"] == 0
    # Words that find one case together: it first, then those holding some.
    data = api(q="chattbot deklarationen")[1]
    assert ids(data) == ["bot", "bot-2"]
    assert data["some_words"] is True
    assert data["every_word_total"] == 1
    # One word that finds nothing stays a search without hits.
    data = api(q="xylofonerna")[1]
    assert data["total"] == 0
    assert "some_words" not in data


def test_words_that_find_enough_cases_together_find_only_those(make_case, api):
    every = [f"mail-{n}" for n in range(SOME_WORDS_BELOW)]
    for n, case_id in enumerate(every):
        make_case(id=case_id, title=f"Digital brevlåda för företagare {n}")
    make_case(id="mail-only", title="Digital brevlåda för privatpersoner")
    data = api(q="brevlåda företagare", page_size="50")[1]
    assert sorted(ids(data)) == sorted(every)
    assert "some_words" not in data


def test_words_that_find_fewer_than_half_a_page_together_add_those_holding_some(make_case, api):
    every = [f"mail-{n}" for n in range(SOME_WORDS_BELOW - 1)]
    for n, case_id in enumerate(every):
        make_case(id=case_id, title=f"Digital brevlåda för företagare {n}")
    make_case(id="mail-only", title="Digital brevlåda för privatpersoner")
    data = api(q="brevlåda företagare", page_size="50")[1]
    # Those holding every word first, then the one holding some.
    assert sorted(ids(data)[:-1]) == sorted(every)
    assert ids(data)[-1] == "mail-only"
    assert data["some_words"] is True
    assert data["every_word_total"] == len(every)


def test_a_misspelt_word_still_ranks_the_cases_holding_every_word_first(make_case, api):
    faster = ["permits", "benefits", "grants"]
    for case_id, what in zip(faster, ["bygglov", "bidrag", "stöd"], strict=True):
        make_case(id=case_id, title=f"Kortare handläggningstider för {what}")
    for case_id, what in [("meetings", "möten"), ("queues", "köer"), ("waits", "väntan")]:
        make_case(id=case_id, title=f"Kortare {what}")
    data = api(q="kortare handläggnigstider")[1]
    # Corrected on the database, typos tolerated by an engine: the cases
    # holding both words come first, those holding "kortare" after them.
    assert sorted(ids(data)[:3]) == sorted(faster)
    assert sorted(ids(data)[3:]) == ["meetings", "queues", "waits"]
    assert data["some_words"] is True
    assert data["every_word_total"] == 3


def test_the_page_says_no_case_holds_every_word_and_offers_each_word(cases, page):
    html = page("/sok/", q="chattbot bygglov").content.decode()
    assert "Ingen erfarenhet innehåller alla orden i ”chattbot bygglov”." in html
    assert "Snabbare handläggning av bygglov" in html
    assert "Chattbot i växeln" in html
    assert "Inga träffar" not in html
    # Each word alone, with how many cases it finds.
    assert "Ett ord i taget" in html
    assert 'href="?q=chattbot">chattbot (2 erfarenheter)' in html
    assert 'href="?q=bygglov">bygglov (1 erfarenhet)' in html
    english = page("/en/search/", q="chatbot permits").content.decode()
    assert "No case holds all the words in “chatbot permits”." in english
    assert "A chatbot answers questions about the tax return" in english
    # One case holds every word: it comes first, and the page says so.
    html = page("/sok/", q="chattbot deklarationen").content.decode()
    assert (
        "Bara 1 erfarenhet innehåller alla orden i ”chattbot deklarationen”: "
        "den visas först, följd av de som innehåller några av dem." in html
    )
    assert html.index("Chattbot som svarar") < html.index("Chattbot i växeln")
    # One case holds every word and no other any: the page does not promise more.
    english = page("/en/search/", q="chatbot tax return").content.decode()
    assert (
        "Only 1 case holds all the words in “chatbot tax return”, "
        "and no other case holds any of them." in english
    )
    assert "followed by" not in english


def test_a_misspelt_word_among_others_still_finds_the_cases_holding_some(cases, api, page):
    # Spelt right, one case holds both words; the other chatbot case follows.
    data = api(q="chsttbot deklarationen")[1]
    assert ids(data) == ["bot", "bot-2"]
    assert data["some_words"] is True
    assert data["every_word_total"] == 1
    html = page("/sok/", q="chsttbot deklarationen").content.decode()
    assert "Chattbot i växeln" in html
    if backend_name() == "database":
        # The database searched the corrected spelling, and says so.
        assert data["corrected_query"] == "chattbot deklarationen"
        assert "Bara 1 erfarenhet innehåller alla orden i ”chattbot deklarationen”" in html
    else:
        # An engine tolerated the typo.
        assert "corrected_query" not in data
        assert "Bara 1 erfarenhet innehåller alla orden i ”chsttbot deklarationen”" in html


def test_such_a_search_is_marked_for_the_editors(cases, api):
    api(q="chattbot bygglov")
    api(q="chattbot deklarationen")
    api(q="chattbot")
    # Hits: the cases holding every word.
    logged = {q.query: q.hits for q in LoggedQuery.objects.all()}
    assert logged == {"chattbot bygglov": 0, "chattbot deklarationen": 1, "chattbot": 2}
    _monday, _frequent, zero = weekly_report(weeks=1)[0]
    assert [row[0] for row in zero] == ["chattbot bygglov"]


def test_the_open_data_export_holds_the_same_cases(cases, page):
    response = page("/api/cases.csv", q="chattbot bygglov")
    body = b"".join(response.streaming_content).decode()
    for title in ("Chattbot i växeln", "Chattbot som svarar", "Snabbare handläggning av bygglov"):
        assert title in body


def test_the_words_for_what_every_case_holds_narrow_nothing(cases, make_case, api):
    # A case that uses the word itself is not preferred for it.
    make_case(
        id="lessons",
        title="Våra lärdomar och erfarenheter av bygglov",
        summary="Lärdomarna gällde bygglov och projektet.",
    )
    data = api(q="lärdomar om chattbot")[1]
    assert sorted(ids(data)) == ["bot", "bot-2"]
    assert "some_words" not in data
    assert sorted(ids(api(q="erfarenheter av chattbot")[1])) == ["bot", "bot-2"]
    assert sorted(ids(api(q="misstag med chattbot")[1])) == ["bot", "bot-2"]
    assert ids(api(q="mistakes with the chatbot", lang="en")[1]) == ["en-bot"]
    assert ids(api(q="lessons learned from the chatbot", lang="en")[1]) == ["en-bot"]
    # Every case is a project.
    data = api(q="projekt med chattbot")[1]
    assert sorted(ids(data)) == ["bot", "bot-2"]
    assert "some_words" not in data
    assert ids(api(q="chatbot projects", lang="en")[1]) == ["en-bot"]
    # Alone, they ask for every case: all of them, newest first.
    data = api(q="lärdomar")[1]
    assert data["total"] == 4
    assert data["query"] == "lärdomar"
    assert api(q="lessons learned", lang="en")[1]["total"] == 1


def test_a_question_about_what_went_wrong_finds_the_stopped_cases(make_case, api):
    make_case(
        id="cloud",
        title="Pilot med molntjänster för samarbetsverktyg",
        summary="Piloten avbröts efter elva månader.",
        status="stopped",
    )
    make_case(
        id="cloud-fine",
        title="Molntjänster för kartor",
        summary="Kartorna ligger nu i en molntjänst.",
        status="completed",
    )
    make_case(
        id="en-cloud",
        language="en",
        title="A cloud services pilot for collaboration tools",
        summary="The pilot was abandoned after eleven months.",
        status="stopped",
    )
    make_case(
        id="en-cloud-fine",
        language="en",
        title="Cloud services for maps",
        summary="The maps now run in a cloud service.",
        status="completed",
    )
    assert holding_every_word(api(q="vad gick fel med molntjänster")[1]) == ["cloud"]
    data = api(q="what went wrong with cloud services", lang="en")[1]
    assert ids(data)[0] == "en-cloud"
    if data["backend"] == "database":
        assert holding_every_word(data) == ["en-cloud"]
    # An engine also tolerates typos when fewer than three cases match as
    # written: the case that went well may follow.


def test_a_stopped_case_is_found_by_its_status_and_why_it_stopped(make_case, api):
    # Its text never says that it stopped: the status and reason its page shows do.
    make_case(
        id="quiet",
        title="Digitala körjournaler",
        summary="Vi byggde en app för körjournaler.",
        status="stopped",
        stopped_reason={"kind": "rules", "text": "Arkivlagen krävde papperskopior."},
    )
    make_case(id="going", title="Digitala körjournaler i regionen", status="ongoing")
    make_case(
        id="en-quiet",
        language="en",
        title="Digital driving logs",
        summary="We built an app for driving logs.",
        status="stopped",
        stopped_reason={"kind": "cost", "text": "Licences for every car cost too much."},
    )
    assert holding_every_word(api(q="körjournaler avbrutet")[1]) == ["quiet"]
    assert holding_every_word(api(q="körjournaler misslyckades")[1]) == ["quiet"]
    assert ids(api(q="arkivlagen")[1]) == ["quiet"]
    assert holding_every_word(api(q="körjournaler lagar regler")[1]) == ["quiet"]
    assert holding_every_word(api(q="driving logs failed", lang="en")[1]) == ["en-quiet"]
    assert holding_every_word(api(q="licences too costly", lang="en")[1]) == ["en-quiet"]


def test_english_words_on_the_swedish_page_offer_the_english_case(make_case, page):
    # Swedish cases hold one of the words; the English case holds them all.
    make_case(id="pilot", title="Pilot med digitala körjournaler")
    make_case(id="en-cloud", language="en", title="A cloud services pilot")
    html = page("/sok/", q="cloud services pilot").content.decode()
    assert "Pilot med digitala körjournaler" in html
    assert "Ingen erfarenhet innehåller alla orden" in html
    assert "1 erfarenhet på det andra språket matchar." in html
    assert "Sök på båda språken (1 erfarenhet)" in html
