"""The search page, fallback when the engine is down, /healthz, lessons, autocomplete."""

import pytest
from django.test import Client

from search.models import LoggedQuery

pytestmark = pytest.mark.search

DOWN_ENGINE = {
    # Port 9 on loopback: nothing listens, so the engine is unreachable.
    "default": {
        "BACKEND": "search.backends.opensearch3",
        "URLS": ["http://127.0.0.1:9"],
        "INDEX_PREFIX": "down_",
        "TIMEOUT": 1,
        "OPTIONS": {"max_retries": 0},
    },
    "fallback": {"BACKEND": "search.backends.database"},
}


def test_chosen_filters_without_hits_keep_their_names(make_case, page):
    make_case(id="a", title="Chattbot", themes=["ai-automation"], stage="pilot")
    for path, theme, stage in (
        ("/sok/", "Informationssäkerhet", "Behov och problem"),
        ("/en/search/", "Information security", "Identifying needs and problems"),
    ):
        html = page(path, q="chattbot", theme="security", stage="problem").content.decode()
        assert f'{theme} <span class="count">(0)</span>' in html
        assert f'{stage} <span class="count">(0)</span>' in html
        assert ">security<" not in html and "problem (0)" not in html


def test_swedish_and_english_search_pages(make_case, page):
    make_case(
        id="sv", title="Chattbot för deklarationen", approach="Vi byggde en chattbot för frågor."
    )
    response = page("/sok/", q="chattbot")
    assert response.status_code == 200
    html = response.content.decode()
    assert "<mark>" in html
    assert "Chattbot för deklarationen" in html
    assert 'role="combobox"' in html
    make_case(id="en", language="en", title="A chatbot for tax returns", summary="Summary.")
    response = page("/en/search/", q="chatbot")
    assert response.status_code == 200
    assert "A chatbot for tax returns" in response.content.decode()


def test_result_card_shows_where_the_words_were_found(make_case, page):
    make_case(
        id="a",
        title="Digital brevlåda",
        summary="Breven blev digitala.",
        approach="Vi byggde en chattbot som svarar på frågor om breven.",
    )
    html = page("/sok/", q="chattbot").content.decode()
    card = html[html.index('<article class="case-card') : html.index("</article>")]
    assert "<mark>chattbot</mark>" in card  # the passage, inside its card
    assert "Breven blev digitala." not in html  # instead of the summary, not beside it
    # Found by its title only: the summary, once.
    html = page("/sok/", q="brevlåda").content.decode()
    assert html.count("Breven blev digitala.") == 1


def test_zero_results_shows_filters_with_remove_links(make_case, page):
    make_case(id="a", title="Chattbot")
    response = page("/sok/", q="chattbot", theme="security")
    html = response.content.decode()
    assert "Inga träffar" in html
    assert "?q=chattbot" in html  # the link that removes the theme filter


def test_bad_parameter_on_the_page_is_announced(site, page):
    response = page("/sok/", page="zero")
    assert response.status_code == 400
    assert 'role="alert"' in response.content.decode()


def test_fallback_to_the_database_when_the_engine_is_down(make_case, settings):
    settings.WAGTAILSEARCH_BACKENDS = DOWN_ENGINE
    make_case(id="bot", title="Chattbot som svarar")
    response = Client().get("/api/search/", {"q": "chattbot"})
    assert response.status_code == 200
    data = response.json()
    assert data["backend"] == "database"
    assert data["degraded"] is True
    assert [r["id"] for r in data["results"]] == ["bot"]
    html = Client().get("/sok/", {"q": "chattbot"}).content.decode()
    assert "Sökmotorn svarar inte just nu" in html
    assert "Chattbot som svarar" in html


def test_healthz_reports_degraded_search(site, settings):
    settings.WAGTAILSEARCH_BACKENDS = DOWN_ENGINE
    data = Client().get("/healthz").json()
    assert data == {"database": "ok", "search": "degraded", "backend": "opensearch"}


def test_queries_are_logged_with_their_hits(make_case, api):
    from django.utils import timezone

    make_case(id="a", title="Chattbot")
    before = timezone.now()
    api(q="Chattbot")
    api(q="kvantdator")
    api(q="chattbot", page=2)
    logged = sorted(LoggedQuery.objects.values_list("query", "language", "hits"))
    assert logged == [("chattbot", "sv", 1), ("kvantdator", "sv", 0)]
    # When: the reports count the queries of the last days by it.
    assert (
        LoggedQuery.objects.filter(searched_at__gte=before, searched_at__lte=timezone.now()).count()
        == 2
    )


def test_autocomplete_suggests_case_titles(make_case, api):
    make_case(id="a", title="Chattbot för deklarationen")
    make_case(id="b", title="Digital chattbot i vården")
    make_case(id="c", title="Arbetsmiljö")
    status, data = api("/api/search/autocomplete/", q="chatt")
    assert status == 200
    assert [r["title"] for r in data["results"]] == [
        "Chattbot för deklarationen",
        "Digital chattbot i vården",
    ]
    assert data["results"][0]["url"].startswith("/erfarenheter/")


def test_lessons_view_lists_lessons_by_kind_theme_and_stage(make_case, page):
    make_case(
        id="ai",
        title="AI-stöd",
        themes=["ai-automation"],
        stage="pilot",
        agency={"name": "Skatteverket"},
        lessons=[
            {"kind": "avoid", "text": "Undvik att träna modellen på gamla beslut."},
            {"kind": "worked", "text": "Små tester fungerade."},
        ],
    )
    make_case(
        id="ai2",
        title="AI i kundtjänst",
        themes=["ai-automation"],
        stage="implementation",
        agency={"name": "Försäkringskassan"},
        lessons=[{"kind": "avoid", "text": "Undvik stora leveranser."}],
    )
    make_case(
        id="other",
        title="Hemarbete",
        themes=["work-environment"],
        lessons=[{"kind": "avoid", "text": "Undvik möten utan agenda."}],
    )
    html = page("/lardomar/", kind="avoid", theme="ai-automation").content.decode()
    assert "Undvik att träna modellen på gamla beslut." in html
    assert "Undvik stora leveranser." in html
    assert "Små tester fungerade." not in html
    assert "Undvik möten utan agenda." not in html
    assert "från 2 myndigheter" in html
    assert "Försäkringskassan" in html
    html = page("/lardomar/", kind="avoid", stage="pilot").content.decode()
    assert "Undvik att träna modellen" in html and "Undvik stora leveranser." not in html
    html = page("/lardomar/", q="leveranserna").content.decode()
    assert "Undvik stora leveranser." in html and "Undvik möten" not in html
    # Words such as "om" and "med" are not required in every lesson.
    html = page("/lardomar/", q="om de stora leveranserna").content.decode()
    assert "Undvik stora leveranser." in html and "Undvik möten" not in html
    assert page("/lardomar/", kind="sometimes").status_code == 400
    assert page("/en/lessons/").status_code == 200


def test_editors_see_frequent_and_zero_hit_searches(make_case, api, django_user_model):
    make_case(id="a", title="Chattbot")
    for q in ("chattbot", "chattbot", "kvantdator"):
        api(q=q)
    editor = django_user_model.objects.create_superuser("redaktor", "r@example.se", "pw-12345678")
    client = Client()
    client.force_login(editor)
    html = client.get("/admin/reports/search-log/").content.decode()
    frequent, zero = html.split(
        "Searches that found nothing" if "Searches that" in html else "Sökningar utan träffar", 1
    )
    assert "chattbot" in frequent and "kvantdator" in frequent
    assert "kvantdator" in zero and "chattbot" not in zero


def test_editors_can_promote_a_case_for_a_query(make_case, page):
    from wagtail.contrib.search_promotions.models import Query, SearchPromotion

    promoted = make_case(id="promoted", title="Deklarationsstöd för företag")
    make_case(id="other", title="Chattbot")
    assert "Redaktionen rekommenderar" not in page("/sok/", q="chattbot").content.decode()
    promotion = SearchPromotion.objects.create(
        query=Query.get("chattbot"), page=promoted, sort_order=0
    )
    html = page("/sok/", q="  Chattbot ").content.decode()
    assert "Redaktionen rekommenderar" in html
    assert "Deklarationsstöd för företag" in html
    promotion.delete()
    assert "Redaktionen rekommenderar" not in page("/sok/", q="chattbot").content.decode()


def test_a_misspelt_word_leads_to_the_case(make_case, api, page):
    """The engine finds the case despite the typo; the database searches the
    corrected spelling instead. Searched exactly as typed (correct=0), no
    backend tolerates the typo, and the page suggests the word ("Menade
    du"). A letter missing before the ending: the stem no longer matches
    either."""
    make_case(id="permits", title="Snabbare handläggning av bygglov")
    make_case(id="other", title="Chattbot i kundtjänsten")
    data = api(q="handlägning")[1]
    assert [r["id"] for r in data["results"]] == ["permits"]
    if data["backend"] == "database":
        assert data["corrected_query"] == "handläggning"
    data = api(q="handlägning", correct="0")[1]
    assert data["total"] == 0
    assert data["suggestion"] == "handläggning"
    html = page("/sok/", q="handlägning", lang="all", correct="0").content.decode()
    assert "Menade du" in html
    assert '<a href="?q=handl%C3%A4ggning&amp;lang=all">handläggning</a>' in html
    # A word near nothing any case has gets no suggestion, nor does a
    # spelling that would find nothing either ("the" is no Swedish word).
    assert "suggestion" not in api(q="xylofonerna")[1]
    assert "suggestion" not in api(q="the handlägning")[1]


def test_no_hits_in_one_language_points_to_the_other(make_case, page):
    make_case(
        id="en-bot", language="en", title="A chatbot for tax questions", summary="A short summary."
    )
    make_case(id="sv-other", title="Arbetsmiljö i hemarbete")
    html = page("/sok/", q="chatbot").content.decode()
    assert "Inga träffar" in html
    assert "1 erfarenhet på det andra språket matchar." in html
    assert 'href="?q=chatbot&amp;lang=all"' in html
    # English stop words count as such in the English count: the case has no "the".
    assert (
        "1 erfarenhet på det andra språket matchar."
        in page("/sok/", q="the chatbot").content.decode()
    )
    both = page("/sok/", q="chatbot", lang="all").content.decode()
    assert "A chatbot for tax questions" in both
    english = page("/en/search/", q="hemarbete").content.decode()
    assert "1 case in the other language matches." in english
    # Nothing in either language: no such hint.
    assert "andra språket" not in page("/sok/", q="xylofon").content.decode()


def test_search_log_is_for_editors_only(api, django_user_model):
    from django.contrib.auth.models import Group, Permission

    api(q="anna andersson")
    group = Group.objects.create(name="Statistik")
    group.permissions.add(Permission.objects.get(codename="access_admin"))
    reader = django_user_model.objects.create_user("lasare", "l@example.se", "pw-12345678")
    reader.groups.add(group)
    client = Client()
    client.force_login(reader)
    response = client.get("/admin/reports/search-log/")
    assert response.status_code == 403
    assert "anna andersson" not in response.content.decode()
    assert "/admin/reports/search-log/" not in client.get("/admin/").content.decode()
    editor = django_user_model.objects.create_user("redaktor", "r@example.se", "pw-12345678")
    editor.groups.add(Group.objects.get(name="Editors"))
    client.force_login(editor)
    assert "anna andersson" in client.get("/admin/reports/search-log/").content.decode()
    assert "/admin/reports/search-log/" in client.get("/admin/").content.decode()
