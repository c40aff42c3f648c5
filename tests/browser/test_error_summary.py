"""After a failed submit focus lands on the error summary at the top of the
form, its links move focus to the fields in error, and the page with errors
passes axe at both widths: the activity registration, contributor sign-up
and the case form, in both languages."""

import pytest
from axe_playwright_python.sync_playwright import Axe
from playwright.sync_api import expect

from tests.browser.conftest import WIDTHS
from tests.browser.test_accessibility import AXE_OPTIONS, describe

pytestmark = pytest.mark.browser

# name: (Swedish path, English path, submit button, a field in error, its label)
FORMS = {
    "registration": (
        "{activity_sv}",
        "{activity_en}",
        "form.registration-form button[type=submit]",
        "#id_role",
        "label[for=id_role]",
    ),
    "sign-up": (
        "/konto/registrera/",
        "/en/account/sign-up/",
        "main form button[type=submit]",
        "#id_password1",
        "label[for=id_password1]",
    ),
    "case form": (
        "/dela/",
        "/en/share/",
        "button[value=submit]",
        "#id_themes_0",
        "fieldset:has(#id_themes_0) > legend",
    ),
}


def shown(page, selector):
    """Waits until the whole element is in the viewport (the scroll is smooth)."""
    expect(page.locator(selector).first).to_be_in_viewport(ratio=1)


@pytest.mark.parametrize("language", ["sv", "en"])
@pytest.mark.parametrize("form", FORMS)
def test_a_failed_submit_focuses_the_summary_whose_links_reach_the_fields(
    form, language, seeded_site, new_page, contributor_cookies
):
    sv_path, en_path, submit, field, label = FORMS[form]
    path = (sv_path if language == "sv" else en_path).format(**seeded_site.paths)
    cookies = {"storage_state": {"cookies": contributor_cookies}} if form == "case form" else {}
    for width in WIDTHS.values():
        page, console = new_page(width=width, **cookies)
        page.goto(path)
        assert page.locator("[data-error-summary]").count() == 0
        with page.expect_navigation():
            page.click(submit)
        assert page.evaluate("document.activeElement.hasAttribute('data-error-summary')")
        shown(page, "[data-error-summary] h2")
        assert page.title().startswith("Fel: " if language == "sv" else "Error: ")

        violations = Axe().run(page, options=AXE_OPTIONS).response["violations"]
        assert not violations, f"{form} at {width}px:\n{describe(violations)}"

        page.click(f"[data-error-summary] a[href='{field}']")
        assert page.evaluate("document.activeElement.id") == field[1:]
        shown(page, label)
        shown(page, field)
        assert not console.errors


def test_the_summary_links_work_by_keyboard(seeded_site, new_page):
    page, console = new_page()
    page.goto("/konto/registrera/")
    page.fill("input[name=first_name]", "Anna")
    with page.expect_navigation():
        page.click("main form button[type=submit]")
    page.keyboard.press("Tab")
    assert page.evaluate("document.activeElement.getAttribute('href')") == "#id_last_name"
    page.keyboard.press("Enter")
    assert page.evaluate("document.activeElement.id") == "id_last_name"
    assert page.input_value("input[name=first_name]") == "Anna"
    assert not console.errors
