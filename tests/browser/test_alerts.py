"""Alerts in a browser: follow a filtered listing, confirm through the mailed
link, get a digest, open its case and unsubscribe from it; every page on the
way passes axe at 1280 and 320 px, in both languages."""

import re
from io import StringIO
from urllib.parse import urlsplit

import pytest
from axe_playwright_python.sync_playwright import Axe
from django.core import mail
from django.core.management import call_command

from alerts.models import Alert
from tests.browser.conftest import WIDTHS
from tests.browser.test_accessibility import AXE_OPTIONS, describe

pytestmark = pytest.mark.browser

WORDS = {
    "sv": {
        "listing": "/erfarenheter/?theme=ai-automation",
        "follow": "Bevaka via e-post",
        "daily": "Varje dag",
        "send": "Skicka länk för att bekräfta",
        "confirm": "Bekräfta bevakningen",
        "confirmed": "Din bevakning är igång",
        "manage": "Se och ändra dina bevakningar",
        "save": "Spara",
        "end": "Avsluta bevakningen",
        "ended": "Bevakningen är avslutad",
        "theme": "AI och automatisering",
        "title": "Chattbot i kundtjänsten",
    },
    "en": {
        "listing": "/en/cases/?theme=ai-automation",
        "follow": "Follow by e-mail",
        "daily": "Daily",
        "send": "Send confirmation link",
        "confirm": "Confirm alert",
        "confirmed": "Your alert is on",
        "manage": "See and change your alerts",
        "save": "Save",
        "end": "End the alert",
        "ended": "The alert has ended",
        "theme": "AI and automation",
        "title": "A chatbot in customer service",
    },
}


def path_of(url):
    parts = urlsplit(url)
    return parts.path + (f"?{parts.query}" if parts.query else "")


def links_in(message):
    return re.findall(r"https?://\S+", message.body)


def accessible(page, where):
    """axe's violations of the page at both widths, and sideways scrolling."""
    problems = []
    for name, width in WIDTHS.items():
        page.set_viewport_size({"width": width, "height": 900})
        violations = Axe().run(page, options=AXE_OPTIONS).response["violations"]
        if violations:
            problems.append(f"{where} at {name}:\n{describe(violations)}")
        overflow = page.evaluate(
            "document.documentElement.scrollWidth - document.documentElement.clientWidth"
        )
        if overflow > 0:
            problems.append(f"{where} at {name}: scrolls sideways by {overflow}px")
    page.set_viewport_size({"width": WIDTHS["desktop"], "height": 900})
    return problems


@pytest.mark.parametrize("language", ["sv", "en"])
def test_follow_confirm_receive_and_unsubscribe(language, seeded_site, new_page, case_factory):
    words = WORDS[language]
    page, console = new_page()
    problems = []
    mail.outbox.clear()

    page.goto(words["listing"])
    page.get_by_role("link", name=words["follow"]).click()
    page.wait_for_url(re.compile(r"(bevakning|alerts)/\?theme=ai-automation"))
    assert words["theme"] in page.locator("main").inner_text()
    problems += accessible(page, "alert form")
    # A bad address is named and kept.
    page.get_by_label(re.compile("e-post|e-mail", re.I)).fill("inte en adress")
    page.get_by_role("button", name=words["send"]).click()
    assert page.get_by_label(re.compile("e-post|e-mail", re.I)).input_value() == "inte en adress"
    problems += accessible(page, "alert form with an error")
    page.get_by_label(re.compile("e-post|e-mail", re.I)).fill("lasare@example.se")
    page.get_by_label(words["daily"]).check()
    page.get_by_role("button", name=words["send"]).click()
    page.get_by_role("heading", level=1).wait_for()
    problems += accessible(page, "check your e-mail")
    assert Alert.objects.get().confirmed_at is None

    [confirmation] = mail.outbox
    confirm = next(
        url for url in links_in(confirmation) if "/bekrafta/" in url or "/confirm/" in url
    )
    page.goto(path_of(confirm))
    problems += accessible(page, "confirm")
    page.get_by_role("button", name=words["confirm"]).click()
    page.get_by_text(words["confirmed"]).first.wait_for()
    problems += accessible(page, "confirmed")
    page.get_by_role("link", name=words["manage"]).click()
    page.get_by_role("button", name=words["save"]).wait_for()
    problems += accessible(page, "manage")

    new = case_factory(
        language=language,
        title=words["title"],
        themes=["ai-automation"],
        published=None,  # published now, after the alert was confirmed
    )
    mail.outbox.clear()
    call_command("send_digests", "--frequency", "daily", stdout=StringIO())
    [digest] = mail.outbox
    assert words["title"] in digest.body
    case_link = next(url for url in links_in(digest) if urlsplit(url).path == new.url)
    page.goto(path_of(case_link))
    assert page.get_by_role("heading", level=1).inner_text() == words["title"]

    unsubscribe = digest.extra_headers["List-Unsubscribe"].strip("<>")
    assert unsubscribe in links_in(digest)
    page.goto(path_of(unsubscribe))
    problems += accessible(page, "unsubscribe")
    page.get_by_role("button", name=words["end"]).click()
    page.get_by_role("heading", name=words["ended"]).wait_for()
    problems += accessible(page, "ended")
    assert not Alert.objects.exists()

    assert not console.errors, console.errors
    # A damaged link: a page that says so (the 400 is its only console message).
    response = page.goto(
        "/bevakning/bekrafta/trasig/" if language == "sv" else "/en/alerts/confirm/broken/"
    )
    assert response.status == 400
    problems += accessible(page, "a broken link")
    assert not problems, "\n".join(problems)
