"""Swedish compounds on every backend: a part finds the compounds that hold
it, a compound finds cases about its parts, below the cases with the
compound itself. English words are not split."""

import pytest

pytestmark = pytest.mark.search


def ids(data):
    return [r["id"] for r in data["results"]]


def test_a_part_finds_the_compounds_that_hold_it(make_case, api):
    make_case(
        id="compound",
        title="Informationssäkerhet i molnet",
        summary="Vi klassade informationen innan flytten.",
        approach="Informationssäkerheten granskades av en extern part.",
    )
    make_case(
        id="word",
        title="Säkerhet i kundmötet",
        summary="Säkerhet för personalen i receptionen.",
    )
    make_case(id="unrelated", title="Ny växel för kundtjänsten")
    status, data = api(q="säkerhet")
    assert status == 200
    assert ids(data) == ["word", "compound"]


def test_tjanst_finds_e_tjanst(make_case, api):
    make_case(id="e-service", title="Gemensam e-tjänst för bygglov")
    make_case(id="unrelated", title="Ny växel för telefonin", themes=["sustainability"])
    status, data = api(q="tjänst")
    assert status == 200
    assert ids(data) == ["e-service"]


def test_a_part_finds_the_compounds_it_begins(make_case, api):
    make_case(
        id="compound",
        title="Pilot med molntjänster för samarbete",
        summary="Molntjänsterna prövades i ett år.",
    )
    make_case(
        id="word",
        title="Moln och öppna data",
        summary="Ett moln av frågor om vädret.",
    )
    make_case(id="unrelated", title="Ny växel för telefonin", themes=["sustainability"])
    status, data = api(q="moln")
    assert status == 200
    assert ids(data) == ["word", "compound"]


def test_a_compound_finds_cases_about_its_parts_below_exact_matches(make_case, api):
    make_case(
        id="parts",
        title="Hantering av varje ärende i en gemensam kö",
        summary="Varje ärende får en handläggare direkt.",
    )
    make_case(
        id="exact",
        title="Nytt system för ärendehantering",
        summary="Ärendehantering i en kö.",
    )
    make_case(id="unrelated", title="Ny växel för telefonin", themes=["sustainability"])
    status, data = api(q="ärendehantering")
    assert status == 200
    assert ids(data) == ["exact", "parts"]


def test_a_compound_no_case_holds_finds_the_cases_holding_a_part(make_case, api, page):
    make_case(
        id="cloud",
        title="Pilot med en molntjänst för samarbete",
        summary="Molntjänsten prövades i ett år.",
    )
    make_case(id="training", title="Utbildning för handläggare", summary="Utbildningen tog tid.")
    make_case(id="unrelated", title="Ny rutin för bygglov", themes=["sustainability"])
    status, data = api(q="molntjänstutbildning")
    assert status == 200
    assert sorted(ids(data)) == ["cloud", "training"]
    assert data["some_words"] is True
    assert data["every_word_total"] == 0
    # The part each case holds is marked in its excerpt.
    excerpts = {r["id"]: r["excerpt"] for r in data["results"]}
    assert "<mark>Molntjänsten</mark>" in excerpts["cloud"]
    assert "<mark>Utbildningen</mark>" in excerpts["training"]
    html = page("/sok/", q="molntjänstutbildning").content.decode()
    assert (
        "Ingen erfarenhet innehåller ”molntjänstutbildning”. "
        "Här visas de som innehåller en del av ordet." in html
    )
    # Each part alone, with how many cases it finds.
    assert "molntjänst (1 erfarenhet)" in html
    assert "utbildning (1 erfarenhet)" in html


def test_english_words_are_not_split(make_case, api):
    make_case(
        id="warehouse",
        language="en",
        title="A new warehouse for archived records",
        summary="The records moved to a warehouse.",
        themes=["sustainability"],
    )
    make_case(id="e-service", language="en", title="A shared e-service for permits")
    status, data = api(q="house", lang="en")
    assert status == 200
    assert ids(data) == []
    status, data = api(q="service", lang="en")
    assert ids(data) == ["e-service"]


def test_a_newly_published_compound_is_found_by_its_part(make_case, api):
    make_case(id="first", title="Pilot med molntjänster för samarbete")
    status, data = api(q="moln")
    assert ids(data) == ["first"]
    make_case(id="second", title="Molnlagring av arkivet", themes=["sustainability"])
    status, data = api(q="moln")
    assert status == 200
    assert sorted(ids(data)) == ["first", "second"]


def test_an_everyday_word_finds_the_compounds_it_begins(make_case, api):
    make_case(id="police", title="Polismyndigheten prövar taligenkänning i förhör")
    make_case(id="unrelated", title="Ny växel för telefonin", themes=["sustainability"])
    status, data = api(q="polis")
    assert status == 200
    assert ids(data) == ["police"]


def test_a_word_and_its_definite_form_find_each_other(make_case, api):
    # The stemmer leaves "kontoret" and "ansvaret" whole, not "kontor" and
    # "ansvar": each form must still find the other.
    make_case(
        id="definite",
        title="Lärdomar från kontoret",
        summary="Ansvaret för kontoret låg hos förvaltningen.",
    )
    # Enough cases with the other form that an engine tolerates no typos.
    for n, topic in enumerate(["e-arkiv", "e-tjänster", "digital post"]):
        make_case(
            id=f"base-{n}",
            title=f"Ett kontor med {topic}",
            summary="Vem har ansvar för arkivet?",
        )
    make_case(id="unrelated", title="Ny växel för telefonin", themes=["sustainability"])
    found = ["base-0", "base-1", "base-2", "definite"]
    for query in ["kontor", "kontoret", "ansvar", "ansvaret"]:
        status, data = api(q=query)
        assert status == 200
        assert sorted(ids(data)) == found, query
    # The form as typed first.
    status, data = api(q="kontoret")
    assert ids(data)[0] == "definite"


def test_a_definite_form_finds_what_its_word_finds(make_case, api):
    # "molnet" (the cloud) stems to itself; its word "moln" holds "molntjänster".
    make_case(id="cloud", title="Pilot med molntjänster för samarbete")
    make_case(id="unrelated", title="Ny växel för telefonin", themes=["sustainability"])
    status, data = api(q="molnet")
    assert status == 200
    assert ids(data) == ["cloud"]


def test_a_word_finds_the_forms_the_stemmer_keeps_apart(make_case, api):
    # Snowball leaves "frågan", "telefonkön" and "effektivt" whole, while
    # "frågor", "telefonköer" and "effektiva" lose their endings; it stems
    # "avbrutna" apart from "avbrutet".
    make_case(id="question", title="Frågan om öppettider avgjordes i en enkät")
    make_case(id="queue", title="Kortare telefonköer till kundtjänst")
    make_case(id="definite-queue", title="Telefonkön till växeln kortades")
    make_case(id="meetings", title="Effektiva möten i förvaltningen")
    make_case(id="unrelated", title="Ny växel för arkivet", themes=["sustainability"])
    make_case(id="stopped", title="Ett avbrutet försök med blockkedjor")
    make_case(id="stopped-plural", title="Två avbrutna piloter med röststyrning")
    expected = {
        "avbrutna": ["stopped", "stopped-plural"],
        "avbrutet": ["stopped", "stopped-plural"],
        "frågor": ["question"],
        "fråga": ["question"],
        "telefonköer": ["definite-queue", "queue"],
        "telefonkön": ["definite-queue", "queue"],
        "effektivt": ["meetings"],
    }
    for query, found in expected.items():
        status, data = api(q=query)
        assert status == 200
        assert sorted(ids(data)) == found, query
    # The form as typed first.
    assert ids(api(q="telefonkön")[1])[0] == "definite-queue"
