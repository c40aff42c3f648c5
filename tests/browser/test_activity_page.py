"""An activity page: schema.org Event in JSON-LD, share links, and the listen
button reading the activity but not the registration form."""

import json

import pytest

from tests.browser.test_listen import RECORDING_SPEECH

pytestmark = pytest.mark.browser


def json_ld(page):
    blocks = page.locator("script[type='application/ld+json']").all_text_contents()
    return [json.loads(text) for text in blocks]


@pytest.mark.parametrize("language", ["sv", "en"])
def test_activity_page_describes_an_event(language, seeded_site, new_page, live_server):
    from activities.models import ActivityPage

    path = seeded_site.paths[f"activity_{language}"]
    activity = ActivityPage.objects.get(
        url_path__endswith=path.rstrip("/").split("/")[-1] + "/", locale__language_code=language
    )
    page, console = new_page()
    page.goto(path)
    events = [data for data in json_ld(page) if data.get("@type") == "Event"]
    assert len(events) == 1
    event = events[0]
    assert event["@context"] == "https://schema.org"
    assert event["name"] == activity.title
    assert event["description"] == activity.summary
    assert event["inLanguage"] == language
    assert event["url"].endswith(path)
    assert event["startDate"] == activity.starts_at.isoformat()
    assert event["endDate"] == activity.ends_at.isoformat()
    assert event["eventStatus"] == "https://schema.org/EventScheduled"
    assert event["eventAttendanceMode"] == "https://schema.org/OfflineEventAttendanceMode"
    assert event["location"]["name"] == activity.venue
    assert event["location"]["address"]["@type"] == "PostalAddress"
    assert event["organizer"] == {"@type": "Organization", "name": activity.organiser}

    # Share links point to the activity's own address.
    mail_link = page.locator(".page-tools a[href^='mailto:']")
    assert mail_link.count() == 1
    assert "linkedin.com" in page.locator(".page-tools").inner_html()
    assert not console.errors


def test_listen_reads_the_activity_but_not_the_registration_form(seeded_site, new_page):
    page, console = new_page(init_script=RECORDING_SPEECH)
    page.goto(seeded_site.paths["activity_sv"])
    assert page.locator("[data-listen]").is_visible()
    assert page.locator("form.registration-form").is_visible()
    page.get_by_role("button", name="Lyssna").click()
    spoken = []
    for _ in range(60):
        current = page.evaluate("__speech.current()")
        if current is None:
            break
        spoken.append(current["text"])
        page.evaluate("__speech.end()")
    text = " ".join(spoken)
    assert page.inner_text("h1") in text
    assert "Kaffe och registrering" in text  # the programme
    heading = page.inner_text("#h-registration")
    label = page.inner_text("form.registration-form label >> nth=0")
    assert heading not in spoken and label not in text
    assert not console.errors
