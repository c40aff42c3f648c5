"""Writing to a case's contact person: the address is never public, the form
sends the message with a copy to the sender, and it is rate-limited."""

import pytest
from django.core import mail
from django.test import Client, override_settings

from cases.exchange import export_lines

pytestmark = pytest.mark.django_db

ADDRESS = "hemlig.kontakt@skatteverket.se"
CONTACT = {"name": "Karin Kontakt", "role": "Projektledare", "email": ADDRESS}


def sender(**changes):
    data = {
        "name": "Sara Sökande",
        "email": "sara@kommun.se",
        "agency": "Kommunen",
        "message": "Hur gjorde ni med upphandlingen?",
    }
    data.update(changes)
    return data


@pytest.fixture
def cases(make_case):
    sv = make_case(id="contact-sv", title="Digital brevlåda för företag", contact=CONTACT)
    en = make_case(
        id="contact-en",
        language="en",
        translation_of="contact-sv",
        title="Digital mailbox for companies",
        contact=CONTACT,
    )
    return sv, en


def test_the_contact_address_is_in_no_public_response(client, cases):
    sv, en = cases
    bodies = {}
    for path in (
        sv.url,
        en.url,
        sv.url + "contact/",
        en.url + "contact/",
        "/erfarenheter/",
        "/en/cases/",
        "/",
        "/en/",
        "/api/search/?q=brevlåda",
        "/api/search/?q=mailbox&lang=en",
        "/api/search/?lang=all",
        "/api/v2/pages/?type=cases.CaseStudyPage&fields=*",
        f"/api/v2/pages/{sv.pk}/",
        f"/api/v2/pages/{en.pk}/",
        "/feeds/cases.rss",
        "/feeds/cases.atom",
        "/en/feeds/cases.rss",
        "/en/feeds/cases.atom",
        "/feeds/themes/digital-services.rss",
        "/sitemap.xml",
    ):
        response = client.get(path)
        assert response.status_code == 200, path
        bodies[path] = response.content.decode()
    # The pages were read: the case and its contact's name are there.
    assert "Karin Kontakt" in bodies[sv.url] and "Karin Kontakt" in bodies[en.url]
    assert sv.title in bodies["/api/search/?q=brevlåda"]
    assert en.title in bodies["/api/v2/pages/?type=cases.CaseStudyPage&fields=*"]
    assert sv.title in bodies["/feeds/cases.rss"]
    for path, body in bodies.items():
        assert ADDRESS not in body, path
        assert "hemlig.kontakt" not in body, path
    # Only the operators' export keeps it.
    assert any(ADDRESS in line for line in export_lines())


def test_the_case_page_links_to_the_form_only_when_there_is_an_address(client, make_case):
    with_address = make_case(contact=CONTACT)
    without = make_case(contact={"name": "Utan Adress", "role": "Chef", "email": ""})
    assert f'href="{with_address.url}contact/"' in client.get(with_address.url).content.decode()
    page = client.get(without.url).content.decode()
    assert "Utan Adress" in page and "contact/" not in page
    assert client.get(without.url + "contact/").status_code == 404


@pytest.mark.parametrize("language", ["sv", "en"])
def test_the_form_sends_to_the_contact_with_a_copy_to_the_sender(cases, language):
    page = cases[0] if language == "sv" else cases[1]
    client = Client()
    form = client.get(page.url + "contact/")
    assert form.status_code == 200
    assert "no-store" in form["Cache-Control"] or "no-cache" in form["Cache-Control"]
    assert ("Kontakta Karin Kontakt" if language == "sv" else "Contact Karin Kontakt") in (
        form.content.decode()
    )
    response = client.post(page.url + "contact/", sender(), follow=True)
    assert response.status_code == 200
    text = response.content.decode()
    assert (
        "Ditt meddelande har skickats" in text
        if language == "sv"
        else ("Your message has been sent" in text)
    )
    assert ADDRESS not in text
    to_contact, copy = mail.outbox
    assert to_contact.to == [ADDRESS] and to_contact.reply_to == ["sara@kommun.se"]
    assert "Hur gjorde ni med upphandlingen?" in to_contact.body
    assert "Sara Sökande" in to_contact.body and "Kommunen" in to_contact.body
    assert copy.to == ["sara@kommun.se"]
    assert "Hur gjorde ni med upphandlingen?" in copy.body
    assert ADDRESS not in copy.body and ADDRESS not in copy.subject


def test_the_form_is_protected_by_csrf(cases):
    client = Client(enforce_csrf_checks=True)
    assert client.post(cases[0].url + "contact/", sender()).status_code == 403
    assert mail.outbox == []


def test_bad_input_is_named_and_what_was_typed_is_kept(client, cases):
    response = client.post(
        cases[0].url + "contact/", sender(email="inte-en-adress", message="Min långa fråga")
    )
    assert response.status_code == 400
    text = response.content.decode()
    assert "Min långa fråga" in text and "inte-en-adress" in text and "Sara Sökande" in text
    assert 'aria-invalid="true"' in text
    assert mail.outbox == []


@override_settings(CASES_CONTACT_RATE_LIMIT=2)
def test_the_form_is_rate_limited_per_client(cases):
    client = Client(REMOTE_ADDR="10.0.0.7")
    for _ in range(2):
        assert client.post(cases[0].url + "contact/", sender()).status_code == 302
    refused = client.post(cases[0].url + "contact/", sender(message="En tredje fråga"))
    assert refused.status_code == 429
    text = refused.content.decode()
    assert "Vänta en timme" in text and "En tredje fråga" in text
    assert len(mail.outbox) == 4  # two messages, two copies
    # Another client may still write.
    other = Client(REMOTE_ADDR="10.0.0.8")
    assert other.post(cases[1].url + "contact/", sender()).status_code == 302


@pytest.mark.parametrize("language", ["sv", "en"])
@override_settings(BASE_URL="https://erfarenhetsbanken.partsradet.se")
def test_the_message_links_to_the_case_at_the_portals_address(cases, language):
    """Not at the address the sender's request came in on (testserver)."""
    page = cases[0] if language == "sv" else cases[1]
    Client().post(page.url + "contact/", sender())
    to_contact = mail.outbox[0]
    assert f"https://erfarenhetsbanken.partsradet.se{page.url}" in to_contact.body
    assert "testserver" not in to_contact.body
