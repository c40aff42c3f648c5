"""The page factories build what readers see: a published case is served and
listed in its language, a draft is neither, a translation links to its source."""

import datetime

from tests.factories import ActivityPageFactory, StandardPageFactory


def test_a_factory_case_is_served_and_listed(client, case_factory):
    case = case_factory(
        title="Chattbot i kundtjänsten",
        themes=["ai-automation", "digital-services"],
        stage="implementation",
        agency="Försäkringskassan",
        lessons=[("worked", "Låt kunderna pröva tidigt.")],
        links=[("Rapporten", "https://example.se/rapport")],
        tags=["chattbot"],
    )
    page = client.get(case.url, HTTP_ACCEPT_LANGUAGE="sv")
    assert page.status_code == 200
    html = page.content.decode()
    assert "Chattbot i kundtjänsten" in html
    assert "Låt kunderna pröva tidigt." in html
    assert "Försäkringskassan" in html
    assert "https://example.se/rapport" in html
    assert "<li>chattbot</li>" in html
    listing = client.get(case.get_parent().url).content.decode()
    assert "Chattbot i kundtjänsten" in listing


def test_a_draft_is_neither_served_nor_listed(client, case_factory):
    draft = case_factory(title="Hemligt utkast", live=False)
    assert draft.latest_revision is not None and not draft.live
    assert client.get(draft.get_url()).status_code == 404
    assert "Hemligt utkast" not in client.get(draft.get_parent().url).content.decode()


def test_a_translation_shares_the_source_key_and_is_served_in_english(client, case_factory):
    source = case_factory(title="Digital brevlåda", published=datetime.date(2023, 5, 2))
    english = case_factory(language="en", title="Digital mailbox", translation_of=source)
    assert english.translation_key == source.translation_key
    assert english.agency.translation_key == source.agency.translation_key
    assert source.first_published_at.date() == datetime.date(2023, 5, 2)
    assert english.get_parent().specific.locale.language_code == "en"
    assert "Digital mailbox" in client.get(english.url).content.decode()


def test_standard_and_activity_pages_are_served(client, site):
    about = StandardPageFactory(title="Om tjänsten", body="<p>Så fungerar det.</p>")
    assert "Så fungerar det." in client.get(about.url).content.decode()
    activity = ActivityPageFactory(title="Innovationsdag i Umeå")
    assert "Innovationsdag i Umeå" in client.get(activity.url).content.decode()
