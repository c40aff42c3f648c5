"""Who runs the portal: the contact page, the footer, the accessibility
statement and the privacy notice show the Organisation setting, in both
languages, and follow an editor's change of it."""

import datetime
import hashlib
import re

import pytest
from django.contrib.auth import get_user_model

from core.models import Organisation
from portal import site_content
from portal.models import StandardPage
from portal.site_setup import update_existing_site


def text(response):
    assert response.status_code == 200
    return response.content.decode()


def section(page, heading):
    """The HTML from an <h2> with this text to the next <h2>."""
    start = page.index(f"<h2>{heading}</h2>")
    end = page.find("<h2>", start + 1)
    return page[start : end if end != -1 else None]


@pytest.fixture
def organisation(site):
    organisation = Organisation.load()
    organisation.name = "Partsrådet"
    organisation.name_en = "The Partnership Council"
    organisation.org_number = "802000-1234"
    organisation.address = "Box 1234\n103 65 Stockholm"
    organisation.email = "kontakt@example.se"
    organisation.phone = "08-000 00 00"
    organisation.dpo_email = "dataskyddsombud@example.se"
    organisation.accessibility_assessed = datetime.date(2026, 11, 16)
    organisation.save()
    return organisation


@pytest.mark.parametrize(
    "path, name", [("/kontakt/", "Partsrådet"), ("/en/contact/", "The Partnership Council")]
)
def test_contact_page_shows_who_runs_the_portal(client, organisation, path, name):
    page = text(client.get(path))
    details = page[page.index('<dl class="organisation-details">') :]
    details = details[: details.index("</dl>")]
    assert name in details
    assert "Box 1234<br>103 65 Stockholm" in details
    assert "802000-1234" in details and "08-000 00 00" in details
    assert 'href="mailto:kontakt@example.se"' in details
    assert 'href="mailto:dataskyddsombud@example.se"' in details


def test_contact_page_follows_a_change_of_the_setting(client, organisation):
    assert "Partsrådet" in text(client.get("/kontakt/"))
    organisation.name = "Arbetsgivarverket"
    organisation.phone = ""
    organisation.email = "info@example.se"
    organisation.save()
    page = text(client.get("/kontakt/"))
    assert "Arbetsgivarverket" in page and "Partsrådet" not in page
    assert "08-000 00 00" not in page and "Telefon" not in page
    assert 'href="mailto:info@example.se"' in page and "kontakt@example.se" not in page
    # The privacy notice and the accessibility statement name the new one too.
    assert "Arbetsgivarverket (organisationsnummer 802000-1234)" in text(
        client.get("/personuppgifter/")
    )
    assert "Arbetsgivarverket står bakom" in text(client.get("/tillganglighet/"))


@pytest.mark.parametrize(
    "path, run_by, contact",
    [
        ("/om/", "Drivs av Partsrådet", '<a href="/kontakt/">Kontakt</a>'),
        ("/en/about/", "Run by The Partnership Council", '<a href="/en/contact/">Contact</a>'),
    ],
)
def test_footer_names_the_organisation_and_links_to_the_contact_page(
    client, organisation, path, run_by, contact
):
    page = text(client.get(path))
    footer = page[page.index('<footer class="site-footer">') :]
    assert run_by in footer and contact in footer


def test_footer_names_no_one_when_the_setting_is_empty(client, site):
    footer = text(client.get("/om/")).split('<footer class="site-footer">')[1]
    assert "Drivs av" not in footer


@pytest.mark.parametrize(
    "path, parts",
    [
        (
            "/tillganglighet/",
            [
                "Partsrådet står bakom den här webbplatsen",
                "<h2>Hur tillgänglig är webbplatsen?</h2>",
                "<h2>Vad kan du göra om du inte kan använda delar av webbplatsen?</h2>",
                "<h2>Rapportera brister i webbplatsens tillgänglighet</h2>",
                "<h2>Tillsynsmyndighet</h2>",
                '<a href="https://www.digg.se/tdosanmalan">',
                "<h3>Innehåll som inte är tillgängligt</h3>",
                "<h2>Hur vi testat webbplatsen</h2>",
                "Senaste bedömningen gjordes den 16 november 2026",
                "Redogörelsen uppdaterades senast den",
            ],
        ),
        (
            "/en/accessibility/",
            [
                "The Partnership Council is responsible for this website",
                "<h2>How accessible is the website?</h2>",
                "<h2>What to do if you cannot use parts of the website</h2>",
                "<h2>Report shortcomings in accessibility</h2>",
                "<h2>Enforcement procedure</h2>",
                '<a href="https://www.digg.se/tdosanmalan">',
                "<h3>Content that is not accessible</h3>",
                "<h2>How we tested the website</h2>",
                "The latest assessment was made on 16 November 2026",
                "This statement was last updated on",
            ],
        ),
    ],
)
def test_accessibility_statement_follows_diggs_model(client, organisation, path, parts):
    page = text(client.get(path))
    positions = [page.index(part) for part in parts]
    assert positions == sorted(positions)  # in the model statement's order
    report = page[positions[3] : positions[4]]
    assert 'href="mailto:kontakt@example.se"' in report
    updated = page[positions[-1] :].split("</p>")[0]
    assert re.search(r"\d{4}", updated)


def test_accessibility_statement_without_an_assessment_date_says_so(client, site):
    assert "(inget datum angivet)" in text(client.get("/tillganglighet/"))


PURPOSES = {
    "sv": [
        "Kontaktpersoner i erfarenheter",
        "Meddelanden till kontaktpersoner",
        "Vi har provat detta",
        "Konton för bidragsgivare",
        "Misslyckade inloggningar",
        "Anmälan till aktiviteter",
        "Bevakningar",
        "Sökningar",
    ],
    "en": [
        "Contact persons in cases",
        "Messages to contact persons",
        "We tried this",
        "Contributor accounts",
        "Failed log-ins",
        "Activity registrations",
        "Alerts",
        "Searches",
    ],
}


@pytest.mark.parametrize(
    "language, path, controller, basis, period, rights",
    [
        (
            "sv",
            "/personuppgifter/",
            "Partsrådet (organisationsnummer 802000-1234) är personuppgiftsansvarig",
            "Rättslig grund:",
            "Hur länge:",
            "Dina rättigheter",
        ),
        (
            "en",
            "/en/privacy/",
            "The Partnership Council (organisation number 802000-1234) is the controller",
            "Legal basis:",
            "How long:",
            "Your rights",
        ),
    ],
)
def test_privacy_notice_names_controller_basis_and_retention_per_purpose(
    client, organisation, language, path, controller, basis, period, rights
):
    page = text(client.get(path))
    assert controller in page
    assert 'href="mailto:dataskyddsombud@example.se"' in page.split("</h2>", 2)[1]
    for purpose in PURPOSES[language]:
        part = section(page, purpose)
        assert basis in part and period in part, purpose
    rights_part = section(page, rights)
    for article in range(15, 22):
        assert f"{article})" in rights_part
    assert 'href="mailto:dataskyddsombud@example.se"' in rights_part
    assert "https://www.imy.se/" in page


def test_privacy_notice_names_the_contact_e_mail_for_the_dpo_when_none_is_set(client, organisation):
    organisation.dpo_email = ""
    organisation.save()
    controller = text(client.get("/personuppgifter/")).split("</h2>", 2)[1]
    assert controller.count('href="mailto:kontakt@example.se"') == 2


def test_sign_up_links_to_the_contact_page(client, organisation):
    assert 'href="/kontakt/">Kontakta redaktörerna</a>' in text(client.get("/konto/registrera/"))
    page = text(client.get("/en/account/sign-up/"))
    assert 'href="/en/contact/">Contact the editors</a>' in page


def _digest(value):
    return hashlib.sha256(value.encode()).hexdigest()[:16]


def test_an_existing_site_gets_the_new_texts_but_keeps_an_editors(
    client, organisation, monkeypatch
):
    privacy = StandardPage.objects.get(slug="personuppgifter")
    privacy.body = "<p>Text som installerades förr.</p>"
    privacy.save_revision().publish()
    accessibility = StandardPage.objects.get(slug="accessibility")
    accessibility.body = "<p>An editor's own statement.</p>"
    accessibility.save_revision().publish()
    StandardPage.objects.filter(slug__in=["kontakt", "contact"]).delete()
    monkeypatch.setattr(
        site_content, "EARLIER_TEXTS", {_digest("<p>Text som installerades förr.</p>")}
    )

    update_existing_site()

    assert "personuppgiftsansvarig" in text(client.get("/personuppgifter/"))
    assert "An editor's own statement." in text(client.get("/en/accessibility/"))
    assert "Partsrådet" in text(client.get("/kontakt/"))
    assert Organisation.load().contact_url("en") == "/en/contact/"
    update_existing_site()  # again: nothing changes
    assert StandardPage.objects.filter(slug="kontakt").count() == 1


def test_the_installed_texts_are_not_taken_for_earlier_ones():
    for texts in site_content.STANDARD_PAGES:
        for values in texts.values():
            assert _digest(values["body"]) not in site_content.EARLIER_TEXTS
            assert _digest(values["intro"]) not in site_content.EARLIER_TEXTS


def test_an_editor_changes_the_organisation_in_the_admin(client, organisation):
    admin = get_user_model().objects.create_superuser("admin", "admin@example.org", "losenord-42")
    client.force_login(admin)
    form_url = f"/admin/settings/core/organisation/{organisation.pk}/"
    assert text(client.get(form_url))
    contact = Organisation.load().contact_page_id
    response = client.post(
        form_url,
        {
            "name": "Arbetsgivarverket",
            "name_en": "",
            "org_number": "202100-5208",
            "address": "Box 3267\r\n103 65 Stockholm",
            "email": "registrator@example.se",
            "phone": "",
            "dpo_email": "dso@example.se",
            "accessibility_assessed": "2026-12-01",
            "open_data_licence": "cc-by-4.0",
            "contact_page": contact,
        },
    )
    assert response.status_code == 302
    client.logout()
    page = text(client.get("/en/contact/"))
    assert "Arbetsgivarverket" in page and "Partsrådet" not in page
    assert "Run by Arbetsgivarverket" in page
    assert "The latest assessment was made on 1 December 2026" in text(
        client.get("/en/accessibility/")
    )
