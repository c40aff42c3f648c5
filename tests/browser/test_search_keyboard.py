"""The search page by keyboard alone: the autocomplete combobox (arrow keys,
Enter opens the chosen case), submitting a query, and narrowing the results
with a facet ticked with Space."""

import pytest

from tests.browser.conftest import WIDTHS

pytestmark = pytest.mark.browser


def tab_to(page, condition, limit=80):
    """Press Tab until the JS expression `condition` holds for the focused element."""
    for _ in range(limit):
        page.keyboard.press("Tab")
        if page.evaluate(f"(el => {condition})(document.activeElement)"):
            return
    pytest.fail(f"nothing matching {condition} could be reached with Tab")


def result_titles(page):
    return page.locator(".search-results .case-card__title").all_inner_texts()


def test_autocomplete_by_keyboard_opens_the_chosen_case(seeded_site, new_page):
    page, console = new_page()
    page.goto("/sok/")
    tab_to(page, "el.id === 'search-q'")
    assert page.get_attribute("#search-q", "role") == "combobox"
    page.keyboard.type("röst")
    option = page.locator("#search-q-option-0")
    option.wait_for()
    assert option.inner_text() == "Röstrobot i telefonkön som avbröts"
    assert page.get_attribute("#search-q", "aria-expanded") == "true"
    page.keyboard.press("ArrowDown")
    assert page.get_attribute("#search-q", "aria-activedescendant") == "search-q-option-0"
    assert option.get_attribute("aria-selected") == "true"
    with page.expect_navigation():
        page.keyboard.press("Enter")
    assert page.url.endswith(seeded_site.paths["case_sv"])
    assert not console.errors


def test_keyboard_search_then_facet_narrows_the_results(seeded_site, new_page):
    page, console = new_page(width=WIDTHS["narrow"])
    page.goto("/sok/")
    tab_to(page, "el.id === 'search-q'")
    page.keyboard.type("utmaningen")
    # Suggestions match titles only: no list opens, so Enter submits the form.
    page.wait_for_timeout(400)
    assert page.get_attribute("#search-q", "aria-expanded") == "false"
    with page.expect_navigation():
        page.keyboard.press("Enter")
    assert "q=utmaningen" in page.url
    before = sorted(result_titles(page))
    assert before == ["Digital brevlåda i stället för papper", "Röstrobot i telefonkön som avbröts"]
    count_before = page.inner_text(".results-count")

    # At 320 px the filters are folded away behind one control; Enter opens them.
    assert not page.locator("input[name=status][value=stopped]").is_visible()
    tab_to(page, "el.tagName === 'SUMMARY'")
    page.keyboard.press("Enter")
    tab_to(page, "el.name === 'status' && el.value === 'stopped'")
    page.keyboard.press("Space")
    assert page.evaluate("document.activeElement.checked") is True
    tab_to(page, "el.type === 'submit'", limit=30)
    with page.expect_navigation():
        page.keyboard.press("Enter")
    assert "status=stopped" in page.url and "q=utmaningen" in page.url
    assert result_titles(page) == ["Röstrobot i telefonkön som avbröts"]
    assert page.inner_text(".results-count") != count_before
    assert not console.errors


def test_filters_sit_beside_the_results_on_a_wide_screen(seeded_site, new_page):
    page, console = new_page()
    page.goto("/sok/?q=utmaningen")
    assert page.locator("input[name=status][value=stopped]").is_visible()
    assert not page.locator(".filter-panel > summary").is_visible()
    assert not console.errors
