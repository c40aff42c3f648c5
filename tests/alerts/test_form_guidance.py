"""The alert form after a failed submit: the error summary links to the
fields in error, in both languages, and keeps what was typed."""

import pytest

from tests.alerts.conftest import PATHS
from tests.form_pages import SUMMARY_TITLE, TITLE_PREFIX, soup, summary, title

pytestmark = pytest.mark.django_db


@pytest.mark.parametrize("language", ["sv", "en"])
def test_the_summary_links_to_the_address_and_the_frequency(client, site, language):
    response = client.post(PATHS[language], {"email": "inte-en-adress", "q": "kundtjänst"})
    heading, links, _texts = summary(response)
    assert heading == SUMMARY_TITLE[language]
    assert links == ["#id_email", "#id_frequency_0"]
    assert title(response).startswith(TITLE_PREFIX[language])
    assert soup(response).select_one("#id_email")["value"] == "inte-en-adress"
