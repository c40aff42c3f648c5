"""Sign-up and the case form after a failed submit: an error summary linking
to each field in error (the first choice of a group, a lesson's row), an
"Error:" title, nothing typed lost; optional fields say so, optional rows do
not claim to be required."""

import pytest
from django.test import Client

from tests.form_pages import (
    OPTIONAL,
    SUMMARY_TITLE,
    TITLE_PREFIX,
    labels,
    marked_optional,
    soup,
    summary,
    title,
)

from .conftest import case_post, logged_in, url

ROW = {"sv": "Lärdom 1", "en": "Lesson 1"}


@pytest.mark.parametrize("language", ["sv", "en"])
def test_sign_up_links_each_field_in_error(agency, language):
    response = Client().post(
        url("sign_up", language=language),
        {"first_name": "Eva", "email": "eva@skatteverket.se", "password1": "kort"},
    )
    assert response.status_code == 200
    heading, links, _texts = summary(response)
    assert heading == SUMMARY_TITLE[language]
    assert links == ["#id_last_name", "#id_password1", "#id_password2"]
    assert title(response).startswith(TITLE_PREFIX[language])
    html = soup(response)
    assert html.select_one("#id_first_name")["value"] == "Eva"
    assert html.select_one("#id_email")["value"] == "eva@skatteverket.se"
    assert marked_optional(response, language) == []  # every field is needed


@pytest.mark.parametrize("language", ["sv", "en"])
def test_sending_an_incomplete_case_links_to_fields_groups_and_rows(contributor, language):
    client = logged_in(contributor)
    data = case_post(action="submit", summary="", themes=[], stage="", language=language)
    data["lessons-0-text"] = ""
    response = client.post(url("new", language=language), data)
    assert response.status_code == 200
    heading, links, texts = summary(response)
    assert heading == SUMMARY_TITLE[language]
    assert links == ["#id_summary", "#id_themes_0", "#id_stage_0", "#id_lessons-0-text"]
    assert texts[-1].startswith(ROW[language] + ", ")
    html = soup(response)
    for target in links:
        assert html.select_one(target) is not None
    assert title(response).startswith(TITLE_PREFIX[language])
    assert html.select_one("#id_title")["value"] == "Digital post till alla företag"
    assert html.select_one("#id_approach").get_text().strip() == "Vi byggde en brevlåda."


@pytest.mark.parametrize("language", ["sv", "en"])
def test_the_case_form_marks_optional_fields_and_no_row_as_required(contributor, language):
    response = logged_in(contributor).get(url("new", language=language))
    optional = marked_optional(response, language)
    for name in ("id_results", "id_ended", "id_tags", "id_joint_work", "id_hero_image"):
        assert name in optional
    # Required to send, required only in some cases, and the rows of lessons and links.
    for name in (
        "id_title",
        "id_summary",
        "id_stage_0",
        "id_stopped_reason_text",
        "id_hero_alt",
        "id_lessons-0-text",
        "id_lessons-1-kind",
        "id_links-0-title",
        "id_links-0-url",
    ):
        assert name not in optional
    texts = labels(response).values()
    assert not any("(obligatoriskt)" in t or "(required)" in t for t in texts)
    assert any(OPTIONAL[language] in t for t in texts)
