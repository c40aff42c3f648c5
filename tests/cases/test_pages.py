"""What a reader sees: home, listing with filters and counts, case page, languages."""

import re

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.utils import timezone

from cases.models import CaseStudyPage

pytestmark = pytest.mark.django_db


def text(response):
    return re.sub(r"\s+", " ", response.content.decode())


def test_home_pages_render_in_both_languages(client, make_case):
    make_case(title="Svensk erfarenhet om AI", themes=["ai-automation"])
    make_case(id="en-1", language="en", title="English case on AI", themes=["ai-automation"])
    sv = client.get("/")
    en = client.get("/en/")
    assert sv.status_code == en.status_code == 200
    assert '<html lang="sv">' in sv.content.decode()
    assert '<html lang="en">' in en.content.decode()
    assert "Svensk erfarenhet om AI" in text(sv) and "English case on AI" not in text(sv)
    assert "English case on AI" in text(en)
    assert "AI och automatisering" in text(sv) and "AI and automation" in text(en)
    assert "Senaste erfarenheterna" in text(sv)
    assert "Latest cases" in text(en)
    assert 'href="/dela/">Dela en erfarenhet</a>' in text(sv)
    assert 'href="/en/share/">Share a case</a>' in text(en)


def test_featured_cases_keep_the_editors_order_and_only_public_ones_show(client, make_case):
    from wagtail.models import PageViewRestriction

    from portal.models import HomeFeaturedCase, HomePage

    second = make_case(title="Andra utvalda fallet")
    first = make_case(title="Första utvalda fallet")
    hidden = make_case(title="Utvalt fall bakom lösenord")
    gone = make_case(title="Utvalt fall som togs ned")
    english = make_case(language="en", title="A featured English case")
    home = HomePage.objects.get(locale__language_code="sv")
    for position, case in enumerate([first, hidden, second, gone, english]):
        HomeFeaturedCase.objects.create(page=home, case=case, sort_order=position)
    PageViewRestriction.objects.create(
        page=hidden, restriction_type=PageViewRestriction.PASSWORD, password="hemligt"
    )
    gone.unpublish()
    featured = text(client.get("/")).split('id="h-featured"', 1)[1].split("</section>", 1)[0]
    assert featured.index("Första utvalda fallet") < featured.index("Andra utvalda fallet")
    for title in (
        "Utvalt fall bakom lösenord",
        "Utvalt fall som togs ned",
        "A featured English case",
    ):
        assert title not in featured


def test_cases_published_the_same_day_come_in_the_same_order_on_home_and_listing(client, make_case):
    for name in ("Alfa", "Beta", "Gamma"):
        make_case(title=f"Samma dag {name}", published="2024-03-01")

    def order(html):
        return sorted(("Alfa", "Beta", "Gamma"), key=lambda name: html.index(f"Samma dag {name}"))

    latest = text(client.get("/")).split('id="h-latest"', 1)[1]
    assert order(latest) == order(text(client.get("/erfarenheter/"))) == ["Gamma", "Beta", "Alfa"]


def test_listing_filters_combine_and_show_counts(client, make_case):
    make_case(title="Ett", themes=["ai-automation"], stage="pilot", status="completed")
    make_case(
        title="Två", themes=["ai-automation", "skills"], stage="implementation", status="stopped"
    )
    make_case(
        title="Tre",
        themes=["skills"],
        stage="pilot",
        status="ongoing",
        started="2019-05",
        agency={"name": "Lantmäteriet"},
    )
    page = text(client.get("/erfarenheter/"))
    assert "3 erfarenheter" in page
    assert re.search(r"AI och automatisering <span class=\"count\">\(2\)</span>", page)
    assert re.search(r"Kompetensförsörjning <span class=\"count\">\(2\)</span>", page)

    # OR within a facet, AND between facets; the filters stay in the URL.
    response = client.get("/erfarenheter/?theme=ai-automation&theme=skills&stage=pilot")
    page = text(response)
    assert "2 erfarenheter" in page and "Ett" in page and "Tre" in page
    assert "Två</a>" not in page
    assert 'name="theme" value="skills" checked' in page

    page = text(client.get("/erfarenheter/?status=stopped"))
    assert "1 erfarenhet" in page and "Två" in page and "Avbrutet" in page
    page = text(client.get("/erfarenheter/?year=2019&agency=Lantmäteriet"))
    assert "1 erfarenhet" in page and "Tre" in page


def test_listing_shows_stage_facet_in_lifecycle_order(client, make_case):
    for stage in ("spreading", "problem", "evaluation"):
        make_case(stage=stage)
    page = text(client.get("/erfarenheter/"))
    positions = [
        page.index(name) for name in ("Behov och problem", "Utvärdering", "Spridning och skalning")
    ]
    assert positions == sorted(positions)


def test_unknown_filter_value_says_so(client, make_case):
    make_case()
    response = client.get("/erfarenheter/?theme=nonsense")
    assert response.status_code == 200
    assert "Okänt värde för tema: nonsense" in text(response)
    # The filter is named as the reader sees it, in the page's language.
    assert "Okänt värde för startår: 0000" in text(client.get("/erfarenheter/?year=0000"))
    assert "Unknown value for year started: 20x1" in text(client.get("/en/cases/?year=20x1"))


def test_a_bad_filter_value_keeps_the_other_filters(client, make_case):
    make_case(title="Om AI", themes=["ai-automation"])
    make_case(title="Om säkerhet", themes=["security"])
    page = text(client.get("/erfarenheter/?year=abc&theme=ai-automation&stage=nonsense"))
    assert "Okänt värde för startår: abc" in page and "Okänt värde för skede: nonsense" in page
    assert re.search(r'value="ai-automation" checked', page)
    assert "Om AI" in page and "Om säkerhet" not in page


def test_listing_paginates_newest_first(client, make_case):
    for day in range(1, 23):
        make_case(title=f"Fall {day:02d}", published=f"2024-03-{day:02d}")
    first = text(client.get("/erfarenheter/"))
    assert first.index("Fall 22") < first.index("Fall 21")
    assert "Fall 02" not in first
    second = text(client.get("/erfarenheter/?page=2"))
    assert "Fall 02" in second and "Fall 01" in second and "Fall 22" not in second


@pytest.mark.parametrize(
    "path", ["/", "/erfarenheter/", "/sok/?q=testfall", "/api/search/?q=testfall", "/api/search/"]
)
def test_query_count_does_not_grow_with_cases(client, make_case, path):
    # Every page that shows case cards or results reads them in a fixed
    # number of queries, however many cases it shows.
    make_case()
    client.get(path)  # warm Wagtail's caches and the cached fragments
    with CaptureQueriesContext(connection) as one:
        assert client.get(path).status_code == 200
    for _ in range(19):
        make_case(themes=["skills", "security"], partner_agencies=[{"name": "Digg"}])
    client.get(path)  # the new cases changed the fragments' keys: warm them again
    with CaptureQueriesContext(connection) as twenty:
        response = client.get(path)
    assert response.status_code == 200 and "Testfall" in response.content.decode()
    assert len(twenty) == len(one), [q["sql"][:120] for q in twenty.captured_queries]


def test_listing_home_and_case_page_read_as_many_queries_for_3_cases_as_for_30(client, make_case):
    case = make_case(themes=["skills"], stage="pilot")

    def queries():
        counts = {}
        for path in ("/", "/erfarenheter/", case.url):
            client.get(path)  # warm Wagtail's caches and the cached fragments
            with CaptureQueriesContext(connection) as captured:
                assert client.get(path).status_code == 200
            counts[path] = len(captured)
        return counts

    for _ in range(2):
        make_case(themes=["skills"], stage="pilot")
    few = queries()
    for n in range(27):
        make_case(
            themes=["skills", "security"],
            stage="pilot",
            status="completed" if n % 2 else "ongoing",
            started=f"{2010 + n % 10}-05",
            agency={"name": f"Myndighet {n}"},
            partner_agencies=[{"name": "Digg"}],
        )
    assert queries() == few


def test_counts_without_words_follow_publishing_at_once(client, make_case):
    # The listing's and the empty search's counts are kept until content
    # changes: a case published or unpublished since is counted at once.
    def listing():
        return text(client.get("/erfarenheter/"))

    def search_total():
        return client.get("/api/search/", {"lang": "sv"}).json()["total"]

    make_case(title="Ett", themes=["ai-automation"])
    assert "1 erfarenhet" in listing() and search_total() == 1
    second = make_case(title="Två", themes=["ai-automation"], stage="implementation")
    page = listing()
    assert "2 erfarenheter" in page
    assert re.search(r"AI och automatisering <span class=\"count\">\(2\)</span>", page)
    assert search_total() == 2
    second.unpublish()
    page = listing()
    assert "1 erfarenhet" in page and "Två" not in page
    assert re.search(r"AI och automatisering <span class=\"count\">\(1\)</span>", page)
    assert search_total() == 1


def test_case_page_shows_sections_lessons_by_kind_and_links(client, make_case):
    case = make_case(
        title="Röstrobot som stoppades",
        status="stopped",
        ended="2023-01",
        lessons=[
            {"kind": "avoid", "text": "Undvik att lova för mycket."},
            {"kind": "worked", "text": "Små tester."},
            {"kind": "avoid", "text": "Glöm inte supporten."},
        ],
        themes=["ai-automation"],
        published="2023-05-04",
    )
    page = text(client.get(case.url))
    for heading in ("Utmaningen", "Så gjorde vi", "Resultat", "Lärdomar", "Partsgemensamt arbete"):
        assert f">{heading}</h2>" in page
    assert "<h3>Det här fungerade</h3>" in page and "<h3>Undvik det här</h3>" in page
    avoid = page[page.index("Undvik det här</h3>") :]
    assert avoid.index("Undvik att lova för mycket.") < avoid.index("Glöm inte supporten.")
    assert "Avbrutet" in page and "Avbrutet projekt" in page
    assert 'href="/erfarenheter/?theme=ai-automation"' in page
    assert 'href="/erfarenheter/?stage=pilot"' in page
    assert "/erfarenheter/?agency=Skatteverket" in page
    assert "Publicerad" in page and "4 maj 2023" in page
    assert "Uppdaterad" not in page


def _attach(case, title, filename):
    from django.core.files.base import ContentFile
    from wagtail.documents import get_document_model

    from cases.models import CaseAttachment

    document = get_document_model().objects.create(
        title=title, file=ContentFile(b"%PDF-1.4 test", name=filename)
    )
    CaseAttachment.objects.create(page=case, document=document, sort_order=case.attachments.count())
    return document


def test_case_page_shows_its_child_rows_in_order_in_a_fixed_number_of_queries(client, make_case):
    def more_about(case):
        client.get(case.url)  # the cached fragments, once
        with CaptureQueriesContext(connection) as queries:
            html = text(client.get(case.url))
        return html[html.index('id="h-more"') :], html, len(queries)

    small = make_case(
        tags=["ett"],
        links=[{"title": "Rapporten", "url": "https://example.se/r"}],
        partner_agencies=[{"name": "Digg"}],
    )
    _attach(small, "Slutrapport", "slutrapport.pdf")
    _, _, small_queries = more_about(small)

    big = make_case(
        tags=["chattbot", "kundtjänst", "röst"],
        links=[{"title": f"Länk {n}", "url": f"https://example.se/{n}"} for n in (1, 2, 3)],
        partner_agencies=[
            {"name": "Verket för innovation"},
            {"name": "Arbetsförmedlingen"},
            {"name": "Digg"},
        ],
        themes=["ai-automation", "skills"],
    )
    first = _attach(big, "Förstudie", "forstudie.pdf")
    second = _attach(big, "Utvärdering", "utvardering.docx")
    more, page, big_queries = more_about(big)
    assert big_queries == small_queries  # not one more query per row
    assert more.index("Länk 1") < more.index("Länk 2") < more.index("Länk 3")
    assert 'href="https://example.se/2"' in more
    assert more.index("Förstudie") < more.index("Utvärdering")
    assert f'href="{first.url}">Förstudie</a> (PDF)' in more
    assert f'href="{second.url}">Utvärdering</a> (DOCX)' in more
    for tag in ("chattbot", "kundtjänst", "röst"):
        assert f"<li>{tag}</li>" in more
    partners = page[page.index("Samarbetspartner") :]
    assert (
        partners.index("Arbetsförmedlingen")
        < partners.index("Digg")
        < partners.index("Verket för innovation")
    )
    assert 'href="/erfarenheter/?theme=ai-automation"' in page
    assert 'href="/erfarenheter/?theme=skills"' in page


def test_case_tags_show_on_the_page_and_in_its_structured_data(client, make_case):
    import json

    case = make_case(tags=["chattbot", "kundtjänst"])
    client.get(case.url)  # the cached fragments, once
    with CaptureQueriesContext(connection) as queries:
        html = client.get(case.url).content.decode()
    tags = html[html.index("<h3>Taggar</h3>") :]
    assert "<li>chattbot</li>" in tags and "<li>kundtjänst</li>" in tags
    blocks = [
        json.loads(found)
        for found in re.findall(r'<script type="application/ld\+json">(.*?)</script>', html, re.S)
    ]
    article = next(block for block in blocks if block.get("@type") == "Article")
    assert sorted(article["keywords"]) == ["chattbot", "kundtjänst"]
    # Read at most once (not at all while the article's fragment is cached).
    assert sum("taggit_tag" in q["sql"] for q in queries.captured_queries) <= 1


def test_updated_moves_only_with_a_substantial_change(client, make_case):
    case = make_case(published="2023-05-04")
    case.title = "Ändrad rubrik"
    case.save_revision().publish()
    assert "Uppdaterad" not in text(client.get(case.url))

    from cases.models import CaseStudyPageForm  # the editor's form in the admin

    form_class = CaseStudyPage.get_edit_handler().get_form_class()
    assert issubclass(form_class, CaseStudyPageForm)
    case.refresh_from_db()
    case.change_note = "Resultaten från 2024 har lagts till."
    case.updated = timezone.localdate()
    case.save_revision().publish()
    page = text(client.get(case.url))
    assert "Uppdaterad" in page and "Resultaten från 2024 har lagts till." in page


def test_related_cases_share_themes_or_stage_in_the_same_language(client, make_case):
    case = make_case(themes=["security"], stage="evaluation")
    same = [make_case(title=f"Relaterat {i}", themes=["security"]) for i in range(5)]
    make_case(title="Orelaterat", themes=["sustainability"], stage="problem")
    make_case(id="rel-en", language="en", title="English related", themes=["security"])
    page = text(client.get(case.url))
    related = page[page.index("Relaterade erfarenheter") :]
    assert len(re.findall(r"Relaterat \d", related)) == 4
    assert "Orelaterat" not in related and "English related" not in related
    assert same


def test_related_cases_rank_shared_themes_then_stage_and_follow_publishing(client, make_case):
    case = make_case(themes=["security", "skills"], stage="evaluation")
    make_case(title="Samma skede", themes=["sustainability"], stage="evaluation")
    make_case(title="Ett gemensamt tema", themes=["security"], stage="problem")
    make_case(title="Två gemensamma teman", themes=["security", "skills"], stage="problem")

    def related():
        page = text(client.get(case.url))
        return re.findall(
            r"Samma skede|Ett gemensamt tema|Två gemensamma teman|Allt gemensamt",
            page[page.index("Relaterade erfarenheter") :],
        )

    assert related() == ["Två gemensamma teman", "Ett gemensamt tema", "Samma skede"]
    # The list is kept between requests; publishing a closer case must still show at once.
    make_case(title="Allt gemensamt", themes=["security", "skills"], stage="evaluation")
    assert related() == [
        "Allt gemensamt",
        "Två gemensamma teman",
        "Ett gemensamt tema",
        "Samma skede",
    ]


def test_a_preview_shows_the_related_cases_of_its_own_themes(client, make_case):
    from cases.snippets import Theme

    case = make_case(themes=["security"], stage="evaluation")
    make_case(title="Säkerhetsfall", themes=["security"], stage="problem")
    make_case(title="Hållbarhetsfall", themes=["sustainability"], stage="problem")
    # A reader on the host Wagtail's preview uses: the live list is now kept.
    assert "Säkerhetsfall" in text(client.get(case.url, HTTP_HOST="localhost"))
    draft = CaseStudyPage.objects.get(pk=case.pk)
    draft.themes.set([Theme.objects.get(slug="sustainability", locale=case.locale)])
    page = draft.make_preview_request().content.decode()
    related = page[page.index("Relaterade erfarenheter") :]
    # The same text: the preview's own theme decides.
    assert related.index("Hållbarhetsfall") < related.index("Säkerhetsfall")


def test_case_without_translation_says_so(client, make_case):
    case = make_case(title="Bara på svenska")
    page = text(client.get(case.url))
    assert "Sidan finns inte på engelska" in page
    translated = make_case(
        id="tx-en", language="en", translation_of=case.exchange_id, title="Also in English"
    )
    page = text(client.get(case.url))
    assert f'href="{translated.url}"' in page and "Sidan finns inte på engelska" not in page
    english = text(client.get(translated.url))
    assert f'href="{case.url}"' in english and 'lang="sv"' in english


@pytest.mark.parametrize(
    "path",
    [
        "/om/",
        "/personuppgifter/",
        "/tillganglighet/",
        "/en/about/",
        "/en/privacy/",
        "/en/accessibility/",
    ],
)
def test_standard_pages_render(client, site, path):
    response = client.get(path)
    assert response.status_code == 200
    assert "<h1>" in response.content.decode()


def test_accessibility_statement_follows_diggs_structure(client, site):
    page = text(client.get("/tillganglighet/"))
    for heading in (
        "Hur tillgänglig är webbplatsen?",
        "Rapportera brister",
        "Tillsyn",
        "Innehåll som inte är tillgängligt",
    ):
        assert heading in page


def test_unpublished_case_is_not_shown(client, make_case):
    case = make_case(title="Hemligt utkast")
    case.unpublish()
    assert client.get(case.url).status_code == 404
    assert "Hemligt utkast" not in text(client.get("/erfarenheter/"))


def test_healthz_reports_database_and_search(client, db):
    response = client.get("/healthz")
    assert response.status_code == 200
    assert response.json()["database"] == "ok"
