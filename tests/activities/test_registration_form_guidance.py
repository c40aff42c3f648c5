"""The registration form after a failed submit: an error summary linking to
each field in error, an "Error:" title, nothing typed lost; optional fields
say so and the consent box sits beside its label."""

import pytest
from wagtail.models import Locale

from activities.models import Registration
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

CONSENT = {
    "sv": "Kryssa i rutan för att visa att du har läst det.",
    "en": "Tick the box to show that you have read it.",
}


def page_in(activity, language):
    if language == "sv":
        return activity
    return activity.get_translation(Locale.objects.get(language_code=language))


@pytest.mark.parametrize("language", ["sv", "en"])
def test_a_failed_submit_lists_each_field_in_error_with_a_link(make_activity, client, language):
    page = page_in(make_activity(english=True), language)
    response = client.post(page.url, {"name": "Anna Ek", "email": "inte-en-adress"})
    assert response.status_code == 200
    heading, links, texts = summary(response)
    assert heading == SUMMARY_TITLE[language]
    assert links == ["#id_email", "#id_role", "#id_agency", "#id_consent"]
    assert texts[-1].endswith(CONSENT[language])
    html = soup(response)
    for target in links:
        assert html.select_one(target) is not None  # each link reaches its field
    assert title(response).startswith(TITLE_PREFIX[language])
    assert html.select_one("#id_name")["value"] == "Anna Ek"
    assert html.select_one("#id_email")["value"] == "inte-en-adress"
    assert not Registration.objects.exists()


@pytest.mark.parametrize("language", ["sv", "en"])
def test_the_form_before_a_submit_has_no_summary_and_no_error_title(
    make_activity, client, language
):
    response = client.get(page_in(make_activity(english=True), language).url)
    assert summary(response) is None
    assert not title(response).startswith(TITLE_PREFIX[language])


@pytest.mark.parametrize("language", ["sv", "en"])
def test_only_the_optional_fields_are_marked_optional(make_activity, client, language):
    response = client.get(page_in(make_activity(english=True), language).url)
    assert marked_optional(response, language) == ["id_accessibility_needs", "id_dietary_needs"]
    assert all("(obligatoriskt)" not in text for text in labels(response).values())
    assert all(OPTIONAL[language] not in labels(response)[n] for n in ("id_name", "id_consent"))


@pytest.mark.parametrize("language", ["sv", "en"])
def test_the_joint_form_links_to_the_second_persons_fields(make_activity, agency, client, language):
    page = page_in(make_activity(english=True, joint_registration=True), language)
    response = client.post(page.url, {"employer_name": "Eva Ek", "consent": "on"})
    _heading, links, _texts = summary(response)
    assert links == ["#id_employer_email", "#id_employee_name", "#id_employee_email", "#id_agency"]


def test_the_consent_box_comes_first_on_the_line_of_its_label(make_activity, client):
    response = client.get(make_activity().url)
    line = soup(response).select_one("#id_consent").parent
    assert "field__choice" in line["class"]
    assert [child.name for child in line.find_all(recursive=False)] == ["input", "label"]
