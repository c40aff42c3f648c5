"""The plan page by keyboard, with its results: the three lists and the
checklist, zero axe violations at both widths, in both languages."""

import pytest
from axe_playwright_python.sync_playwright import Axe

from tests.browser.conftest import WIDTHS
from tests.browser.test_accessibility import AXE_OPTIONS, describe
from tests.browser.test_search_keyboard import tab_to

pytestmark = pytest.mark.browser

DESCRIPTIONS = {
    "sv": ("/planera/", "Vi vill införa en röstrobot i telefonkön för kunderna."),
    "en": ("/en/plan/", "We want a voice robot in the phone queue."),
}


@pytest.mark.parametrize("language", ["sv", "en"])
def test_plan_by_keyboard_shows_results_that_pass_axe(language, seeded_site, new_page):
    path, description = DESCRIPTIONS[language]
    problems = []
    for width_name, width in WIDTHS.items():
        page, console = new_page(width=width)
        page.goto(path)
        tab_to(page, "el.tagName === 'TEXTAREA'")
        page.keyboard.type(description)
        tab_to(page, "el.type === 'submit' && el.closest('.plan-form')")
        with page.expect_navigation():
            page.keyboard.press("Enter")
        # What was typed stays; the lists and the checklist are there.
        assert page.locator("textarea").input_value() == description
        assert page.locator("#plan-stopped").count() == 1
        assert page.locator("#plan-cases").count() == 1
        assert page.locator(".checklist input[type=checkbox]").count() >= 1
        violations = Axe().run(page, options=AXE_OPTIONS).response["violations"]
        if violations:
            problems.append(f"{path} at {width_name}:\n{describe(violations)}")
        overflow = page.evaluate(
            "document.documentElement.scrollWidth - document.documentElement.clientWidth"
        )
        if overflow > 0:
            problems.append(f"{path} at {width_name}: scrolls sideways by {overflow}px")
        if console.errors:
            problems.append(f"{path} at {width_name}: {console.errors}")
    assert not problems, "\n".join(problems)


def test_an_empty_description_is_an_error_next_to_the_field(seeded_site, new_page):
    page, console = new_page()
    page.goto("/planera/")
    with page.expect_navigation():
        page.click(".plan-form button[type=submit]")
    assert page.locator("#plan-errors").inner_text() == "Beskriv ditt projekt med minst ett ord."
    assert page.get_attribute("textarea", "aria-invalid") == "true"
