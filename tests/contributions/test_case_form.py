"""The front-end case form: drafts are Wagtail revisions, nothing typed is lost."""

from django.test import Client

from cases.models import CaseStudyPage

from .conftest import case_post, logged_in, url


def test_save_draft_creates_unpublished_case_page_under_the_index(contributor, agency):
    client = logged_in(contributor)
    response = client.post(url("new"), case_post(links=[("Rapport", "https://example.se/r")]))
    assert response.status_code == 302
    page = CaseStudyPage.objects.get()
    assert not page.live
    assert page.get_parent().specific_class.__name__ == "CaseIndexPage"
    assert page.locale.language_code == "sv"
    assert page.owner == contributor
    assert page.agency.translation_key == agency.translation_key
    draft = page.get_latest_revision_as_object()
    assert draft.title == "Digital post till alla företag"
    assert [lesson.kind for lesson in draft.lessons.all()] == ["worked", "avoid"]
    assert [link.url for link in draft.links.all()] == ["https://example.se/r"]
    assert sorted(t.slug for t in draft.themes.all()) == ["collaboration", "digital-services"]
    assert {t.name for t in draft.tags.all()} == {"digital post", "brevlåda"}
    # Anonymous readers do not see the draft.
    assert Client().get(page.url or "/erfarenheter/digital-post-till-alla-foretag/") \
        .status_code == 404


def test_draft_needs_only_a_title(contributor):
    client = logged_in(contributor)
    data = {k: v for k, v in case_post().items() if k.endswith("FORMS") or k in (
        "action", "language", "title")}
    response = client.post(url("new"), data)
    assert response.status_code == 302
    page = CaseStudyPage.objects.get()
    response = client.get(url("edit", page.pk))
    assert response.status_code == 200
    assert "Digital post till alla företag" in response.content.decode()


def test_submit_with_missing_required_field_keeps_every_other_field(contributor):
    client = logged_in(contributor)
    data = case_post(action="submit", challenge="",
                     links=[("Rapport om posten", "https://example.se/rapport")])
    response = client.post(url("new"), data)
    assert response.status_code == 200
    html = response.content.decode()
    assert 'role="alert"' in html
    assert 'aria-invalid="true"' in html and "id_challenge" in html
    for value in ("Digital post till alla företag", "Vi gick över till digital post",
                  "Vi byggde en brevlåda.", "Hälften av breven är digitala.",
                  "Parterna träffades varje månad.", "digital post, brevlåda",
                  "Anna Andersson", "Projektledare", "anna@skatteverket.se",
                  "Börja med de största avsändarna.", "Undvik att kräva e-legitimation",
                  "Rapport om posten", "https://example.se/rapport", "2022-03", "2023-06"):
        assert value in html, value
    form = response.context["form"]
    assert form["themes"].value() == ["digital-services", "collaboration"]
    assert form["stage"].value() == "implementation"
    assert form["status"].value() == "completed"
    assert not CaseStudyPage.objects.exists()


def test_submit_needs_a_lesson(contributor):
    data = case_post(action="submit")
    for key in [k for k in data if k.startswith("lessons-0") or k.startswith("lessons-1")]:
        del data[key]
    response = logged_in(contributor).post(url("new"), data)
    assert response.status_code == 200
    assert "Write at least one lesson" in response.content.decode() or \
        "minst en lärdom" in response.content.decode()


def test_expired_session_keeps_the_post_and_restores_it_after_login(contributor):
    client = Client()
    response = client.post(url("new"), case_post(summary="Det här får inte försvinna."))
    assert response.status_code == 302
    assert response["Location"].startswith(url("login"))
    response = client.post(response["Location"], {
        "username": contributor.email, "password": "ett-langt-losenord-42",
        "next": response["Location"].split("next=", 1)[1].replace("%3F", "?")
                .replace("%3D", "=")})
    assert response.status_code == 302
    response = client.get(response["Location"])
    assert response.status_code == 200
    assert "Det här får inte försvinna." in response.content.decode()
    assert not CaseStudyPage.objects.exists()  # kept, not saved behind the person's back


def test_published_case_edit_keeps_the_live_version(contributor, make_case):
    page = make_case(title="Publicerat fall")
    client = logged_in(contributor)
    data = case_post(title="Publicerat fall, andra versionen")
    del data["language"]
    response = client.post(url("edit", page.pk), data)
    assert response.status_code == 302
    page.refresh_from_db()
    assert page.live and page.has_unpublished_changes
    assert page.title == "Publicerat fall"
    assert Client().get(page.url).status_code == 200
    assert "andra versionen" not in Client().get(page.url).content.decode()


def test_preview_renders_the_draft_with_the_case_template(contributor):
    client = logged_in(contributor)
    client.post(url("new"), case_post())
    page = CaseStudyPage.objects.get()
    response = client.get(url("preview", page.pk))
    assert response.status_code == 200
    html = response.content.decode()
    assert "Digital post till alla företag" in html
    assert "Börja med de största avsändarna." in html
    assert any(t.name == "cases/case_study_page.html" for t in response.templates)


def test_english_form_creates_an_english_case(contributor):
    client = logged_in(contributor)
    response = client.get(url("new", language="en"))
    assert "Share a case" in response.content.decode()
    client.post(url("new", language="en"), case_post(language="en", title="Digital mail"))
    page = CaseStudyPage.objects.get()
    assert page.locale.language_code == "en"
    assert page.agency.locale.language_code == "en"


def test_pages_for_a_signed_in_contributor_and_previews_are_never_stored(contributor, settings):
    from django.utils.cache import cc_delim_re

    settings.PAGE_CACHE_SECONDS = 300
    client = logged_in(contributor)
    client.post(url("new"), case_post(title="Utkast som ingen annan ser"))
    page = CaseStudyPage.objects.get()
    for address in (url("new"), url("edit", page.pk), url("preview", page.pk),
                    url("my_contributions"), "/"):
        response = client.get(address)
        assert response.status_code == 200
        control = set(cc_delim_re.split(response.get("Cache-Control", "")))
        assert {"private", "no-store"} <= control, address
        assert "X-Page-Cache" not in response
