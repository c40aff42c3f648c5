"""The contact form after a failed submit: the error summary links to the
fields in error, in both languages, and keeps what was typed."""

import pytest
from django.test import Client

from tests.form_pages import OPTIONAL, SUMMARY_TITLE, TITLE_PREFIX, labels, soup, summary, title

pytestmark = pytest.mark.django_db

CONTACT = {"name": "Karin Kontakt", "role": "Projektledare", "email": "karin@skatteverket.se"}


@pytest.mark.parametrize("language", ["sv", "en"])
def test_the_summary_links_to_each_field_in_error(make_case, language):
    sv = make_case(id="guide-sv", title="Digital brevlåda", contact=CONTACT)
    en = make_case(
        id="guide-en",
        language="en",
        translation_of="guide-sv",
        title="Digital mailbox",
        contact=CONTACT,
    )
    case = sv if language == "sv" else en
    response = Client().post(case.url + "contact/", {"name": "Sara Sökande", "email": "sara@"})
    heading, links, _texts = summary(response)
    assert heading == SUMMARY_TITLE[language]
    assert links == ["#id_email", "#id_agency", "#id_message"]
    assert title(response).startswith(TITLE_PREFIX[language])
    assert soup(response).select_one("#id_name")["value"] == "Sara Sökande"
    assert not any(OPTIONAL[language] in text for text in labels(response).values())
