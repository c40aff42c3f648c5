"""Every page type, both languages, desktop and 320 px: zero axe-core
violations of WCAG 2.1 A/AA, no horizontal scrolling, no console errors, and a
Content-Security-Policy on the response."""

import pytest
from axe_playwright_python.sync_playwright import Axe

from tests.browser.conftest import WIDTHS
from tests.browser.pages import CONTRIBUTOR_PAGES, pages_for

pytestmark = pytest.mark.browser

AXE_OPTIONS = {
    "runOnly": {"type": "tag", "values": ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa"]},
    "resultTypes": ["violations"],
}


def describe(violations):
    lines = []
    for violation in violations:
        targets = [node["target"] for node in violation["nodes"]][:5]
        lines.append(f"  {violation['id']} ({violation['impact']}): {violation['help']} {targets}")
    return "\n".join(lines)


def audit(language, pages, new_page, **context_options):
    """Problems found on each (name, path) at both widths."""
    axe = Axe()
    problems = []
    for width_name, width in WIDTHS.items():
        page, console = new_page(width=width, **context_options)
        for name, path in pages:
            response = page.goto(path)
            where = f"{name} {path} at {width_name} ({width}px)"
            if response.status >= 400 and "bad filter" not in name:
                problems.append(f"{where}: HTTP {response.status}")
                continue
            if "content-security-policy" not in response.headers:
                problems.append(f"{where}: no Content-Security-Policy header")
            assert page.evaluate("document.documentElement.lang") == language
            violations = axe.run(page, options=AXE_OPTIONS).response["violations"]
            if violations:
                problems.append(f"{where}:\n{describe(violations)}")
            overflow = page.evaluate(
                "document.documentElement.scrollWidth - document.documentElement.clientWidth"
            )
            if overflow > 0:
                problems.append(f"{where}: scrolls sideways by {overflow}px")
            if console.errors:
                problems.append(f"{where}: {console.errors}")
                console.errors.clear()
    return problems


@pytest.mark.parametrize("language", ["sv", "en"])
def test_every_page_type_passes_axe_at_both_widths(language, seeded_site, new_page):
    problems = audit(language, pages_for(language, seeded_site.paths), new_page)
    assert not problems, "\n".join(problems)


@pytest.mark.parametrize("language", ["sv", "en"])
def test_contributor_pages_pass_axe_at_both_widths(
    language, seeded_site, new_page, contributor_cookies
):
    pages = pages_for(language, seeded_site.paths, CONTRIBUTOR_PAGES)
    problems = audit(language, pages, new_page, storage_state={"cookies": contributor_cookies})
    assert not problems, "\n".join(problems)


def test_skip_link_appears_on_focus_and_moves_to_main(seeded_site, new_page):
    page, console = new_page()
    page.goto("/erfarenheter/")
    skip = page.locator(".skip-link")
    assert skip.bounding_box()["y"] < 0
    page.keyboard.press("Tab")
    assert page.evaluate("document.activeElement.className") == "skip-link"
    box = skip.bounding_box()
    assert box["y"] >= 0 and box["height"] > 10
    page.keyboard.press("Enter")
    assert page.evaluate("document.activeElement.id") == "main"
    assert not console.errors


def test_keyboard_only_filtering_of_the_listing(seeded_site, new_page):
    page, console = new_page(width=WIDTHS["narrow"])
    page.goto("/erfarenheter/")
    initial = page.inner_text(".results-count")
    # At 320 px the results come first: the filters are folded behind one
    # control, which Enter opens.
    assert not page.locator("input[name=status][value=stopped]").is_visible()
    for _ in range(40):
        page.keyboard.press("Tab")
        if page.evaluate("document.activeElement.tagName") == "SUMMARY":
            break
    else:
        pytest.fail("the control that shows the filters could not be reached with Tab")
    page.keyboard.press("Enter")
    # Tab until the checkbox for the status "stopped" has focus.
    for _ in range(80):
        page.keyboard.press("Tab")
        focused = page.evaluate("[document.activeElement.name, document.activeElement.value]")
        if focused == ["status", "stopped"]:
            break
        outline = page.evaluate("getComputedStyle(document.activeElement).outlineWidth")
        assert outline not in ("0px", ""), f"no visible focus on {focused}"
    else:
        pytest.fail("the status filter could not be reached with Tab")
    outline = page.evaluate("getComputedStyle(document.activeElement).outlineStyle")
    assert outline != "none"
    page.keyboard.press("Space")
    assert page.evaluate("document.activeElement.checked") is True
    # On to the Filter button and submit it.
    for _ in range(30):
        page.keyboard.press("Tab")
        if page.evaluate("document.activeElement.type") == "submit":
            break
    with page.expect_navigation():
        page.keyboard.press("Enter")
    assert "status=stopped" in page.url
    assert page.inner_text(".results-count") != initial
    titles = page.locator(".case-card__title").all_inner_texts()
    assert titles == ["Röstrobot i telefonkön som avbröts"]
    # The active filter can be removed by keyboard too.
    remove = page.locator(".active-filters a").first
    remove.focus()
    with page.expect_navigation():
        page.keyboard.press("Enter")
    assert "status=stopped" not in page.url
    assert not console.errors
