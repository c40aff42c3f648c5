""" "We tried this" (reuse records) and contributors changing a case's contact."""

import re

import pytest
from django.core import mail
from django.test import Client

from cases.models import CaseStudyPage
from contributions.models import Reuse
from tests.contributions.conftest import logged_in, url

pytestmark = pytest.mark.django_db


@pytest.fixture
def their_case(case_factory, other_agency):
    """A published case of another agency than the contributor's."""
    return case_factory(
        title="Chattbot för föräldrapenning",
        agency=other_agency,
        contact_email="kontakt@forsakringskassan.se",
    )


@pytest.fixture
def our_case(case_factory, agency):
    return case_factory(title="Digital brevlåda", agency=agency)


def record(client, case, language="sv", **fields):
    data = {"kind": "adapted", "note": "Vi gjorde en egen version.", "own_case": ""}
    data.update(fields)
    return client.post(url("reuse", case.pk, language=language), data)


def test_anonymous_is_sent_to_log_in(their_case):
    response = Client().get(url("reuse", their_case.pk))
    assert response.status_code == 302 and "/konto/logga-in/" in response["Location"]
    response = Client().post(url("reuse", their_case.pk), {"kind": "adopted"})
    assert response.status_code == 302 and "/konto/logga-in/" in response["Location"]
    assert not Reuse.objects.exists()


def test_a_contributor_records_it_and_the_contact_gets_an_email(contributor, their_case, our_case):
    client = logged_in(contributor)
    form = client.get(url("reuse", their_case.pk))
    assert form.status_code == 200 and "Vad gjorde din myndighet?" in form.content.decode()
    response = record(client, their_case, own_case=str(our_case.pk))
    assert response.status_code == 302
    reuse = Reuse.objects.get()
    assert (reuse.case, reuse.agency.name, reuse.kind) == (their_case, "Skatteverket", "adapted")
    assert reuse.created_by == contributor and reuse.own_case == our_case
    (message,) = mail.outbox
    assert message.to == ["kontakt@forsakringskassan.se"]
    assert "Skatteverket" in message.subject and their_case.title in message.subject
    assert "Vi anpassade det efter våra behov" in message.body
    assert "Vi gjorde en egen version." in message.body

    page = Client().get(their_case.url).content.decode()
    section = page[page.index('id="h-reuse"') :]
    assert "Skatteverket" in section and "Vi anpassade det efter våra behov" in section
    assert "Vi gjorde en egen version." in section
    assert f'href="{our_case.url}"' in section
    assert re.search(r'<time datetime="\d{4}-\d{2}-\d{2}">', section)


def test_one_record_per_agency_which_a_colleague_changes_without_a_second_mail(
    contributor, colleague, their_case
):
    record(logged_in(contributor), their_case)
    response = record(logged_in(colleague), their_case, kind="tried-and-stopped", note="Dyrt.")
    assert response.status_code == 302
    reuse = Reuse.objects.get()
    assert (reuse.kind, reuse.note, reuse.updated_by) == ("tried-and-stopped", "Dyrt.", colleague)
    assert reuse.created_by == contributor
    assert len(mail.outbox) == 1
    # The English translation of the case counts as the same case.
    english = their_case.copy_for_translation(
        __import__("wagtail.models", fromlist=["Locale"]).Locale.objects.get(language_code="en")
    )
    english.save_revision().publish()
    record(logged_in(colleague), english, language="en", kind="inspired")
    assert Reuse.objects.get().kind == "inspired"
    english_page = Client().get(english.url).content.decode()
    assert "We tried this" in english_page and "We were inspired by it" in english_page


def test_another_agency_cannot_change_the_record_and_gets_its_own(
    contributor, outsider, their_case, case_factory, agency
):
    third = case_factory(title="Tredje fallet", agency="Lantmäteriet")
    record(logged_in(contributor), third)
    record(logged_in(outsider), third, kind="adopted", note="Vi införde det.")
    ours = Reuse.objects.get(agency__name="Skatteverket")
    assert (ours.kind, ours.note) == ("adapted", "Vi gjorde en egen version.")
    assert Reuse.objects.filter(agency__name="Försäkringskassan", kind="adopted").count() == 1
    # Removing removes one's own agency's record only.
    logged_in(outsider).post(url("reuse_remove", third.pk))
    assert list(Reuse.objects.values_list("agency__name", flat=True)) == ["Skatteverket"]
    # Removing needs a POST and a signed-in contributor.
    assert logged_in(contributor).get(url("reuse_remove", third.pk)).status_code == 405
    assert Client().post(url("reuse_remove", third.pk)).status_code == 302
    assert Reuse.objects.count() == 1


def test_own_agency_case_and_drafts_cannot_be_recorded(contributor, our_case, case_factory):
    record(logged_in(contributor), our_case)
    assert not Reuse.objects.exists()
    draft = case_factory(live=False, agency="Lantmäteriet")
    assert logged_in(contributor).get(url("reuse", draft.pk)).status_code == 404


def test_bad_input_is_named_and_kept(contributor, their_case):
    response = record(logged_in(contributor), their_case, kind="", note="x" * 501)
    assert response.status_code == 400
    text = response.content.decode()
    assert "x" * 501 in text and "errorlist" in text
    assert not Reuse.objects.exists()


def test_cards_count_the_records_and_the_listing_sorts_and_filters(
    client, contributor, outsider, case_factory
):
    tried_twice = case_factory(title="Provat två gånger", agency="Lantmäteriet")
    tried_once = case_factory(title="Provat en gång", agency="Lantmäteriet")
    case_factory(title="Inte provat", agency="Lantmäteriet")  # newest
    for user in (contributor, outsider):
        record(logged_in(user), tried_twice)
    record(logged_in(contributor), tried_once)

    newest = client.get("/erfarenheter/").content.decode()
    assert newest.index("Inte provat") < newest.index("Provat två gånger")
    assert "Provat av 2 myndigheter" in newest and "Provat av 1 myndighet" in newest

    reused = client.get("/erfarenheter/?sort=reused").content.decode()
    assert (
        reused.index("Provat två gånger")
        < reused.index("Provat en gång")
        < reused.index("Inte provat")
    )
    only = client.get("/erfarenheter/?reused=1").content.decode()
    assert "Provat två gånger" in only and "Provat en gång" in only
    assert "Inte provat" not in only
    english = client.get("/en/cases/?reused=1&sort=reused").content.decode()
    assert "Only cases other agencies have tried" in english

    api = client.get("/api/search/?reused=1").json()
    assert {r["title"] for r in api["results"]} == {"Provat två gånger", "Provat en gång"}
    assert client.get("/api/search/?reused=maybe").status_code == 400


def test_contributors_of_the_case_change_its_contact_and_it_is_published(
    client, contributor, colleague, our_case
):
    client = logged_in(colleague)
    form = client.get(url("contact", our_case.pk))
    assert form.status_code == 200 and "Byt kontaktperson" in form.content.decode()
    bad = client.post(
        url("contact", our_case.pk),
        {"contact_name": "Ny Person", "contact_role": "Chef", "contact_email": "fel"},
    )
    assert bad.status_code == 400 and "Ny Person" in bad.content.decode()
    response = client.post(
        url("contact", our_case.pk),
        {
            "contact_name": "Ny Person",
            "contact_role": "Chef",
            "contact_email": "ny@skatteverket.se",
        },
    )
    assert response.status_code == 302
    page = CaseStudyPage.objects.get(pk=our_case.pk)
    assert (page.contact_name, page.contact_email) == ("Ny Person", "ny@skatteverket.se")
    assert page.live and not page.has_unpublished_changes
    assert page.get_latest_revision().user == colleague
    shown = Client().get(page.url).content.decode()
    assert "Ny Person, Chef" in shown and "ny@skatteverket.se" not in shown


def test_a_draft_waiting_keeps_its_changes_and_gets_the_new_contact(colleague, our_case):
    draft = our_case.get_latest_revision_as_object()
    draft.summary = "En ny sammanfattning i utkastet."
    draft.save_revision()
    logged_in(colleague).post(
        url("contact", our_case.pk),
        {
            "contact_name": "Ny Person",
            "contact_role": "Chef",
            "contact_email": "ny@skatteverket.se",
        },
    )
    page = CaseStudyPage.objects.get(pk=our_case.pk)
    assert page.contact_name == "Ny Person" and page.summary != draft.summary  # live
    latest = page.get_latest_revision_as_object()
    assert latest.summary == draft.summary and latest.contact_name == "Ny Person"


@pytest.mark.parametrize("who", ["anonymous", "outsider"])
def test_others_cannot_change_the_contact(who, outsider, our_case):
    client = Client() if who == "anonymous" else logged_in(outsider)
    data = {"contact_name": "Inkräktare", "contact_role": "X", "contact_email": "x@example.org"}
    for response in (
        client.get(url("contact", our_case.pk)),
        client.post(url("contact", our_case.pk), data),
    ):
        if who == "anonymous":
            assert response.status_code == 302 and "/konto/logga-in/" in response["Location"]
        else:
            assert response.status_code == 404
    assert CaseStudyPage.objects.get(pk=our_case.pk).contact_name == "Anna Andersson"


def test_editors_change_the_contact_in_the_admin(editor, our_case):
    from wagtail.admin.panels import get_edit_handler

    form_class = get_edit_handler(CaseStudyPage).get_form_class()
    assert {"contact_name", "contact_role", "contact_email"} <= set(form_class.base_fields)
    client = Client()
    client.force_login(editor)
    assert client.get(f"/admin/pages/{our_case.pk}/edit/").status_code == 200


def test_in_review_the_new_contact_waits_in_the_draft_and_the_review_goes_on(colleague, our_case):
    from cases.writing import send_for_review

    draft = our_case.get_latest_revision_as_object()
    draft.summary = "Ändrad i granskning."
    draft.save_revision()
    state = send_for_review(CaseStudyPage.objects.get(pk=our_case.pk), colleague)
    assert state is not None
    logged_in(colleague).post(
        url("contact", our_case.pk),
        {
            "contact_name": "Ny Person",
            "contact_role": "Chef",
            "contact_email": "ny@skatteverket.se",
        },
    )
    page = CaseStudyPage.objects.get(pk=our_case.pk)
    assert page.contact_name == "Anna Andersson"  # the live case waits for the review
    assert page.current_workflow_state is not None  # the review goes on
    latest = page.get_latest_revision_as_object()
    assert (latest.summary, latest.contact_name) == ("Ändrad i granskning.", "Ny Person")
