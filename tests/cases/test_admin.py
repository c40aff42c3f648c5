"""Editors in the Wagtail admin: the "substantial change" mark and the snippets."""

import datetime

import pytest
from django.contrib.auth import get_user_model
from wagtail.test.utils.form_data import inline_formset, nested_form_data, rich_text

pytestmark = pytest.mark.django_db


@pytest.fixture
def editor_client(client):
    user = get_user_model().objects.create_superuser("redaktor", "r@example.org", "pw-12345678")
    client.force_login(user)
    return client


def edit_form(case, **changes):
    data = {
        "title": case.title,
        "slug": case.slug,
        "summary": case.summary,
        "agency": case.agency_id,
        "stage": case.stage_id,
        "status": case.status,
        "started": "2022-03-01",
        "ended": "",
        "tags": "",
        "challenge": rich_text("Utmaningen."),
        "approach": rich_text("Så."),
        "results": rich_text(""),
        "joint_work": rich_text(""),
        "lessons": inline_formset([{"kind": "worked", "text": "Börja smått."}]),
        "links": inline_formset([]),
        "attachments": inline_formset([]),
        "follow_ups": inline_formset([]),
        "pinned_related": inline_formset([]),
        "comments": inline_formset([]),
        "contact_name": "",
        "contact_role": "",
        "contact_email": "",
        "hero_alt": "",
        "change_note": "",
        "seo_title": "",
        "search_description": "",
        "action-publish": "publish",
    }
    data.update(changes)
    form = nested_form_data(data)
    form["themes"] = [t.pk for t in case.themes.all()]
    return form


def test_updated_date_moves_only_when_editor_marks_substantial(editor_client, make_case, client):
    case = make_case(published="2023-05-04")
    url = f"/admin/pages/{case.pk}/edit/"
    response = editor_client.post(url, edit_form(case, summary="Ny sammanfattning."))
    assert response.status_code == 302, response.context["form"].errors
    case.refresh_from_db()
    assert case.summary == "Ny sammanfattning." and case.updated is None

    # Marked substantial without a note: refused, nothing lost.
    response = editor_client.post(url, edit_form(case, substantial_change="on", summary="Behålls."))
    assert response.status_code == 200
    assert "change_note" in response.context["form"].errors
    assert "Behålls." in response.content.decode()

    response = editor_client.post(
        url, edit_form(case, substantial_change="on", change_note="Nya resultat från 2024.")
    )
    assert response.status_code == 302
    case.refresh_from_db()
    assert case.updated is not None
    page = client.get(case.url).content.decode()
    assert "Uppdaterad" in page and "Nya resultat från 2024." in page


def test_image_without_alt_text_is_refused(editor_client, make_case):
    from wagtail.images import get_image_model

    from cases.demo_images import draw_hero

    image = get_image_model().objects.create(title="bild", file=draw_hero("x", "skills"))
    case = make_case()
    response = editor_client.post(
        f"/admin/pages/{case.pk}/edit/", edit_form(case, hero_image=image.pk)
    )
    assert response.status_code == 200
    assert "hero_alt" in response.context["form"].errors


@pytest.mark.parametrize(
    "path",
    [
        "/admin/snippets/cases/agency/",
        "/admin/snippets/cases/theme/",
        "/admin/snippets/cases/digitalisationstage/",
    ],
)
def test_editors_manage_taxonomy_and_agencies(editor_client, site, path):
    assert editor_client.get(path).status_code == 200


def test_an_editor_pins_related_cases_shown_first(editor_client, make_case, client):
    case = make_case(themes=["security"], stage="evaluation")
    make_case(title="Delar tema och skede", themes=["security"], stage="evaluation")
    pinned = make_case(title="Vald för hand", themes=["sustainability"], stage="problem")
    form = edit_form(case)
    form.update(
        {
            key: value
            for key, value in nested_form_data(
                {"pinned_related": inline_formset([{"case": pinned.pk}])}
            ).items()
        }
    )
    response = editor_client.post(f"/admin/pages/{case.pk}/edit/", form)
    assert response.status_code == 302, response.context["form"].errors
    page = client.get(case.url).content.decode()
    related = page[page.index("Relaterade erfarenheter") :]
    assert related.index("Vald för hand") < related.index("Delar tema och skede")


def test_case_editor_lists_each_partner_and_theme_once(editor_client, make_case):
    """Agencies and themes exist once per language; the editor's checkboxes
    offer those of the case's language."""
    from wagtail.models import Locale

    from cases.snippets import Agency, Theme

    case = make_case(themes=["skills"])
    english = Locale.objects.get(language_code="en")
    for agency in Agency.objects.filter(locale=case.locale):
        if not Agency.objects.filter(translation_key=agency.translation_key, locale=english):
            agency.copy_for_translation(english).save()
    html = editor_client.get(f"/admin/pages/{case.pk}/edit/").content.decode()
    offered = {
        "partner_agencies": html.count('name="partner_agencies" value='),
        "themes": html.count('name="themes" value='),
    }
    for name, model in (("partner_agencies", Agency), ("themes", Theme)):
        assert model.objects.filter(locale=english).exists()
        assert offered[name] == model.objects.filter(locale=case.locale).count(), name


def test_the_editor_sees_when_a_case_was_last_updated(editor_client, make_case):
    case = make_case(published="2023-05-04")
    url = f"/admin/pages/{case.pk}/edit/"
    html = editor_client.get(url).content.decode()
    assert "Inte uppdaterad sedan publiceringen" in html
    assert ">\n    None\n</div>" not in html

    case.updated = datetime.date(2024, 3, 2)
    case.save_revision().publish()
    html = editor_client.get(url).content.decode()
    assert "2 mars 2024" in html
