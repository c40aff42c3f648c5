"""The pages of "We tried this" and of the case contact: axe finds nothing
at both widths in both languages, with records and with errors shown; the
contact form works with the keyboard alone."""

import pytest

from tests.browser.test_accessibility import audit

pytestmark = pytest.mark.browser


@pytest.fixture
def reuse_site(seeded_site, agency, contributor_cookies, case_factory):
    """A case of another agency with a record of the contributor's agency,
    and one of the contributor's own agency (for the contact change)."""
    from wagtail.models import Locale

    from contributions.models import Reuse

    theirs = case_factory(title="Chattbot hos Lantmäteriet", agency="Lantmäteriet")
    theirs_en = theirs.copy_for_translation(Locale.objects.get(language_code="en"))
    theirs_en.title = "A chatbot at Lantmäteriet"
    theirs_en.save_revision().publish()
    ours = case_factory(title="Vår egen brevlåda", agency=agency)
    Reuse.objects.create(
        case=theirs, agency=agency, kind="adapted", note="Vi gjorde en egen version.", own_case=ours
    )
    return {"theirs": theirs, "theirs_en": theirs_en, "ours": ours}


@pytest.mark.parametrize("language", ["sv", "en"])
def test_reuse_and_contact_pages_pass_axe(language, reuse_site, new_page, contributor_cookies):
    theirs = reuse_site["theirs" if language == "sv" else "theirs_en"]
    prefix = "" if language == "sv" else "/en"
    reuse_path = "/vi-har-provat/" if language == "sv" else "/we-tried-this/"
    contact_path = "/dela/{}/kontakt/" if language == "sv" else "/share/{}/contact/"
    pages = [
        ("case page with a reuse record", theirs.url),
        (
            "listing with reuse counts",
            f"{prefix}/{'erfarenheter' if language == 'sv' else 'cases'}/",
        ),
        ("we tried this (a record to change)", f"{prefix}{reuse_path}{theirs.pk}/"),
        ("contact change", prefix + contact_path.format(reuse_site["ours"].pk)),
    ]
    problems = audit(language, pages, new_page, storage_state={"cookies": contributor_cookies})
    assert not problems, "\n".join(problems)


@pytest.mark.parametrize("language", ["sv", "en"])
def test_contact_form_with_errors_passes_axe_and_sends_by_keyboard(language, seeded_site, new_page):
    from django.core import mail

    for width in (1280, 320):
        page, console = new_page(width=width)
        page.goto(seeded_site.paths[f"case_{language}"] + "contact/")
        page.fill("#id_name", "Sara Sökande")
        page.fill("#id_email", "inte-en-adress")
        page.click("button[type=submit]")
        assert page.locator("#id_email[aria-invalid=true]").count() == 1
        from axe_playwright_python.sync_playwright import Axe

        from tests.browser.test_accessibility import AXE_OPTIONS, describe

        violations = Axe().run(page, options=AXE_OPTIONS).response["violations"]
        assert not violations, describe(violations)
        assert page.input_value("#id_name") == "Sara Sökande"

    page.fill("#id_email", "sara@kommun.se")
    page.fill("#id_agency", "Kommunen")
    page.fill("#id_message", "Hur gick det?")
    page.focus("#id_message")
    # From the message past the privacy notice's link to the button.
    for _ in range(3):
        page.keyboard.press("Tab")
        if page.evaluate("document.activeElement.type") == "submit":
            break
    page.keyboard.press("Enter")
    page.wait_for_url("**/contact/sent/")
    assert page.locator("[role=status]").count() == 1
    assert [message.to for message in mail.outbox][-1] == ["sara@kommun.se"]
