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
    assert (
        Client().get(page.url or "/erfarenheter/digital-post-till-alla-foretag/").status_code == 404
    )


def test_draft_needs_only_a_title(contributor):
    client = logged_in(contributor)
    data = {
        k: v
        for k, v in case_post().items()
        if k.endswith("FORMS") or k in ("action", "language", "title")
    }
    response = client.post(url("new"), data)
    assert response.status_code == 302
    page = CaseStudyPage.objects.get()
    response = client.get(url("edit", page.pk))
    assert response.status_code == 200
    assert "Digital post till alla företag" in response.content.decode()


def test_submit_with_missing_required_field_keeps_every_other_field(contributor):
    client = logged_in(contributor)
    data = case_post(
        action="submit", challenge="", links=[("Rapport om posten", "https://example.se/rapport")]
    )
    response = client.post(url("new"), data)
    assert response.status_code == 200
    html = response.content.decode()
    assert 'role="alert"' in html
    assert 'aria-invalid="true"' in html and "id_challenge" in html
    for value in (
        "Digital post till alla företag",
        "Vi gick över till digital post",
        "Vi byggde en brevlåda.",
        "Hälften av breven är digitala.",
        "Parterna träffades varje månad.",
        "digital post, brevlåda",
        "Anna Andersson",
        "Projektledare",
        "anna@skatteverket.se",
        "Börja med de största avsändarna.",
        "Undvik att kräva e-legitimation",
        "Rapport om posten",
        "https://example.se/rapport",
        "2022-03",
        "2023-06",
    ):
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
    assert (
        "Write at least one lesson" in response.content.decode()
        or "minst en lärdom" in response.content.decode()
    )


PASSWORD = "ett-langt-losenord-42"


def _in_cache(marker):
    """Whether any entry of the (local-memory) cache holds `marker`."""
    from django.core.cache import cache

    return any(marker.encode() in value for value in cache._cache.values())


def _log_in_on_the_page(client, data, user, **extra):
    return client.post(
        url("new"), {**data, "resume": "1", "username": user.email, "password": PASSWORD, **extra}
    )


def test_a_post_after_the_session_ended_keeps_nothing_on_the_server(contributor):
    from django.contrib.sessions.models import Session

    client = Client()
    response = client.post(url("new"), case_post(summary="zqxmarker får inte försvinna."))
    assert response.status_code == 200  # the log-in form, with what they sent
    html = response.content.decode()
    assert "zqxmarker får inte försvinna." in html
    assert "nothing of it is kept" in html or "inget av det sparas" in html
    assert not _in_cache("zqxmarker")
    assert not Session.objects.exists()
    assert not CaseStudyPage.objects.exists()


def test_logging_in_on_the_form_brings_back_what_was_sent_in_the_same_session(contributor):
    client = Client()
    data = case_post(summary="Det här får inte försvinna.")
    client.post(url("new"), data)
    response = _log_in_on_the_page(client, data, contributor)
    assert response.status_code == 302
    assert response["Location"].startswith(url("new") + "?kept=")
    html = client.get(response["Location"]).content.decode()
    assert "Det här får inte försvinna." in html
    assert "inte sparat" in html or "not saved yet" in html
    assert not CaseStudyPage.objects.exists()  # kept, not saved behind the person's back
    # Taken once, and only in that session: the same link elsewhere is an empty form.
    assert "Det här får inte försvinna." not in client.get(response["Location"]).content.decode()
    other = logged_in(contributor)
    assert "Det här får inte försvinna." not in other.get(response["Location"]).content.decode()


def _kept_link(data, user):
    """The ?kept= address the form hands out to someone who sent it logged out."""
    from urllib.parse import unquote

    client = Client()
    response = client.post(url("new"), data)
    if response.status_code == 200:  # logging in on the page itself
        response = _log_in_on_the_page(client, data, user)
    location = unquote(response["Location"])
    return location[location.index(url("new")) :]


def test_a_kept_link_pre_fills_nothing_for_another_person(contributor, outsider):
    link = _kept_link(
        case_post(title="Angriparens titel", links=[("Logga in här", "https://angripare.example")]),
        outsider,
    )
    assert "?kept=" in link
    html = logged_in(contributor).get(link).content.decode()
    assert "Angriparens titel" not in html and "angripare.example" not in html


def test_a_form_too_large_to_keep_is_refused_with_a_message_and_nothing_lost(contributor, settings):
    settings.CONTRIBUTIONS_KEPT_FORM_MAX_BYTES = 2000
    client = Client()
    data = case_post(challenge="Lång text. " * 300)
    client.post(url("new"), data)
    response = _log_in_on_the_page(client, data, contributor)
    assert response.status_code == 200
    html = response.content.decode()
    assert "too large to keep" in html or "för stort för att hållas kvar" in html
    assert "Lång text. Lång text." in html  # still in the form, ready to be saved
    assert not client.session.get("contributions:kept-forms")


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
    for address in (
        url("new"),
        url("edit", page.pk),
        url("preview", page.pk),
        url("my_contributions"),
        "/",
    ):
        response = client.get(address)
        assert response.status_code == 200
        control = set(cc_delim_re.split(response.get("Cache-Control", "")))
        assert {"private", "no-store"} <= control, address
        assert "public" not in control, address


def test_a_contributed_case_is_written_as_an_imported_one(contributor, make_case):
    """Paragraphs, line breaks and the slug come out as the import makes them."""
    imported = make_case(title="Digital post till alla företag")
    client = logged_in(contributor)
    client.post(url("new"), case_post(challenge="Pappersbreven tog tid.\nOch pengar.\n\nMycket."))
    page = CaseStudyPage.objects.exclude(pk=imported.pk).get()
    assert page.get_parent().pk == imported.get_parent().pk
    assert page.slug == "digital-post-till-alla-foretag-2"
    draft = page.get_latest_revision_as_object()
    assert draft.challenge == "<p>Pappersbreven tog tid.<br/>Och pengar.</p><p>Mycket.</p>"
