"""Submitting starts Wagtail's workflow; editors approve, request changes or
reject in the admin; the contributor gets an e-mail for each outcome."""

import pytest
from django.core import mail
from django.test import Client
from django.urls import reverse
from wagtail.users.models import UserProfile

from cases.models import CaseStudyPage
from contributions.states import case_state

from .conftest import case_post, logged_in, url


@pytest.fixture
def submitted(contributor):
    client = logged_in(contributor)
    response = client.post(url("new"), case_post(action="submit"))
    assert response.status_code == 302
    mail.outbox.clear()
    return CaseStudyPage.objects.get()


def editor_action(editor, page, action, comment=""):
    task_state = page.current_workflow_task_state
    client = Client()
    client.force_login(editor)
    data = {"comment": comment} if comment or action != "approve" else {}
    return client.post(
        reverse("wagtailadmin_pages:workflow_action", args=[page.pk, action, task_state.pk]), data
    )


def test_submit_puts_the_case_in_review(contributor, editor):
    client = logged_in(contributor)
    client.post(url("new"), case_post(action="submit"))
    page = CaseStudyPage.objects.get()
    assert page.workflow_in_progress
    assert page.get_workflow().name == "Case moderation"
    assert case_state(page).code == "in_review"
    assert not page.live
    assert [m.to for m in mail.outbox] == [[editor.email]]  # the editors hear of it


def test_contributor_cannot_edit_while_in_review(contributor, submitted):
    response = logged_in(contributor).post(url("edit", submitted.pk), case_post())
    assert response.status_code == 302
    assert submitted.get_latest_revision_as_object().title == "Digital post till alla företag"
    assert CaseStudyPage.objects.get().latest_revision_id == submitted.latest_revision_id


def test_editor_approves_and_the_case_is_published(contributor, editor, submitted):
    response = editor_action(editor, submitted, "approve")
    assert response.status_code in (200, 302)
    page = CaseStudyPage.objects.get()
    assert page.live
    assert case_state(page).code == "published"
    assert Client().get(page.url).status_code == 200
    assert len(mail.outbox) == 1
    assert mail.outbox[0].to == [contributor.email]
    assert (
        "publicerad" in mail.outbox[0].subject.lower()
        or "published" in mail.outbox[0].subject.lower()
    )


def test_editor_requests_changes_and_contributor_resubmits(contributor, editor, submitted):
    editor_action(editor, submitted, "reject", "Beskriv resultaten med siffror.")
    page = CaseStudyPage.objects.get()
    state = case_state(page)
    assert state.code == "changes_requested"
    assert state.comment == "Beskriv resultaten med siffror."
    assert not page.live
    assert len(mail.outbox) == 1 and mail.outbox[0].to == [contributor.email]
    assert "Beskriv resultaten med siffror." in mail.outbox[0].body

    client = logged_in(contributor)
    data = case_post(action="submit", results="42 procent av breven är digitala.")
    del data["language"]
    mail.outbox.clear()
    assert client.post(url("edit", page.pk), data).status_code == 302
    page = CaseStudyPage.objects.get()
    assert case_state(page).code == "in_review"
    editor_action(editor, page, "approve")
    page = CaseStudyPage.objects.get()
    assert page.live and "42 procent" in page.results
    assert mail.outbox[-1].to == [contributor.email]


def test_editor_rejects_with_comment(contributor, editor, submitted):
    editor_action(editor, submitted, "decline", "Fallet handlar inte om en myndighet.")
    page = CaseStudyPage.objects.get()
    state = case_state(page)
    assert state.code == "rejected"
    assert state.comment == "Fallet handlar inte om en myndighet."
    assert not page.live and not page.workflow_in_progress
    assert len(mail.outbox) == 1 and mail.outbox[0].to == [contributor.email]
    assert "Fallet handlar inte om en myndighet." in mail.outbox[0].body
    # A rejected case cannot be edited any more.
    response = logged_in(contributor).get(url("edit", page.pk))
    assert response.status_code == 302


def test_request_changes_needs_a_comment(editor, submitted):
    editor_action(editor, submitted, "reject", "")
    assert case_state(CaseStudyPage.objects.get()).code == "in_review"


def test_edit_of_published_case_goes_through_moderation_again(contributor, editor, case_factory):
    page = case_factory(title="Levande fall")
    data = case_post(action="submit", title="Levande fall, ny version")
    del data["language"]
    logged_in(contributor).post(url("edit", page.pk), data)
    page = CaseStudyPage.objects.get(pk=page.pk)
    assert case_state(page).code == "in_review"
    assert page.live and page.title == "Levande fall"
    editor_action(editor, page, "approve")
    page = CaseStudyPage.objects.get(pk=page.pk)
    assert page.title == "Levande fall, ny version"


def test_waiting_list_shows_oldest_first(contributor, editor, agency):
    client = logged_in(contributor)
    client.post(url("new"), case_post(action="submit", title="Första fallet"))
    client.post(url("new"), case_post(action="submit", title="Andra fallet"))
    admin = Client()
    admin.force_login(editor)
    html = admin.get(reverse("contributions_waiting")).content.decode()
    assert html.index("Första fallet") < html.index("Andra fallet")
    assert logged_in(contributor).get(reverse("contributions_waiting")).status_code == 302


def test_withdrawal_request_and_editor_decision(contributor, editor, case_factory):
    from contributions.models import WithdrawalRequest
    from contributions.withdrawals import apply_decision

    page = case_factory(title="Fall att ta bort")
    client = logged_in(contributor)
    response = client.post(url("withdraw", page.pk), {"reason": "Uppgifterna är inaktuella."})
    assert response.status_code == 302
    request = WithdrawalRequest.objects.get()
    assert mail.outbox[-1].to == [editor.email]
    assert CaseStudyPage.objects.get(pk=page.pk).live  # the editor decides
    request.decision = WithdrawalRequest.Decision.WITHDRAWN
    request.save()
    apply_decision(request, editor)
    assert not CaseStudyPage.objects.get(pk=page.pk).live
    assert mail.outbox[-1].to == [contributor.email]


def test_a_second_withdrawal_request_for_a_case_is_not_sent_again(
    contributor, colleague, editor, case_factory
):
    from contributions.models import WithdrawalRequest

    page = case_factory(title="Fall att ta bort")
    first = logged_in(contributor).post(url("withdraw", page.pk), {"reason": "Inaktuellt."})
    assert first.status_code == 302
    for client in (logged_in(contributor), logged_in(colleague)):
        response = client.post(url("withdraw", page.pk), {"reason": "Igen."}, follow=True)
        html = response.content.decode()
        assert "already been asked" in html or "redan begärts" in html
    assert WithdrawalRequest.objects.count() == 1
    assert len([m for m in mail.outbox if editor.email in m.to]) == 1


def test_withdrawal_requests_are_limited_per_contributor(
    contributor, editor, case_factory, settings
):
    from contributions.models import WithdrawalRequest

    settings.CONTRIBUTIONS_WITHDRAWALS_PER_HOUR = 2
    client = logged_in(contributor)
    pages = [case_factory(title=f"Fall {n}") for n in range(3)]
    for page in pages[:2]:
        assert client.post(url("withdraw", page.pk), {"reason": "Inaktuellt."}).status_code == 302
    response = client.post(url("withdraw", pages[2].pk), {"reason": "Inaktuellt."})
    assert response.status_code == 429
    assert "Too many" in response.content.decode() or "För många" in response.content.decode()
    assert WithdrawalRequest.objects.count() == 2
    assert len(mail.outbox) == 2


@pytest.mark.parametrize(
    "language, label, doubled",
    [
        ("sv", "Godkänn och publicera", "och Publicera"),
        ("en", "Approve and publish", "and Publish"),
    ],
)
def test_the_approve_action_says_publish_once(editor, submitted, language, label, doubled):
    client = Client(HTTP_ACCEPT_LANGUAGE=language)
    client.force_login(editor)
    profile = UserProfile.get_for_user(editor)
    profile.preferred_language = language
    profile.save()
    html = client.get(reverse("wagtailadmin_pages:edit", args=[submitted.pk])).content.decode()
    approve = html.split('data-workflow-action-name="approve"', 1)[1].split("</button>", 1)[0]
    assert label in approve
    assert doubled not in html
