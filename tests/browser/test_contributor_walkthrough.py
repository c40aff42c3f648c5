"""A contributor's whole way in the browser: sign up with an address at an
agency's domain, follow the activation link from the e-mail, log in, write a
case, save a draft, send it for review; an editor approves it (Wagtail's
workflow action, posted by the test) and the case is public and searchable."""

import importlib
import re

import pytest
from django.core import mail

pytestmark = pytest.mark.browser

PASSWORD = "ett-langt-losenord-42"
TITLE = "Chattbot som svarar på frågor om deklarationen"


@pytest.fixture
def moderation_workflow(seeded_site):
    """The workflow the contributions migration creates; a transactional test
    before this one may have flushed it."""
    from django.apps import apps

    migration = importlib.import_module("contributions.migrations.0002_case_moderation_workflow")
    migration.create_workflow(apps, None)


@pytest.fixture
def editor(moderation_workflow):
    from django.contrib.auth import get_user_model

    return get_user_model().objects.create_superuser(
        "redaktor@example.org", "redaktor@example.org", "redaktorens-losenord-1"
    )


def fill_case(page):
    page.select_option("select[name=language]", "sv")
    page.fill("input[name=title]", TITLE)
    page.fill("textarea[name=summary]", "En chattbot svarar på vanliga frågor om deklarationen.")
    page.check("input[name=themes][value=ai-automation]")
    page.check("input[name=stage][value=implementation]")
    page.check("input[name=status][value=completed]")
    page.fill("input[name=started]", "2022-03")
    page.fill("input[name=ended]", "2023-06")
    page.fill("textarea[name=challenge]", "Telefonköerna var långa under deklarationstiden.")
    page.fill("textarea[name=approach]", "Vi byggde en chattbot för de vanligaste frågorna.")
    page.select_option("select[name=lessons-0-kind]", "worked")
    page.fill("textarea[name=lessons-0-text]", "Börja med de tio vanligaste frågorna.")
    page.fill("input[name=contact_name]", "Anna Andersson")
    page.fill("input[name=contact_role]", "Projektledare")
    page.fill("input[name=contact_email]", "anna@skatteverket.se")


def test_sign_up_write_submit_approve_and_find(seeded_site, agency, editor, new_page):
    from django.test import Client
    from django.urls import reverse

    from cases.models import CaseStudyPage

    page, console = new_page()
    mail.outbox.clear()

    # Sign up with an address at the agency's domain.
    page.goto("/konto/registrera/")
    page.fill("input[name=first_name]", "Anna")
    page.fill("input[name=last_name]", "Andersson")
    page.fill("input[name=email]", "anna@skatteverket.se")
    page.fill("input[name=password1]", PASSWORD)
    page.fill("input[name=password2]", PASSWORD)
    with page.expect_navigation():
        page.click("main button[type=submit]")
    assert page.url.endswith("/konto/registrera/skickat/")
    assert [m.to for m in mail.outbox] == [["anna@skatteverket.se"]]
    link = re.search(r"https?://\S+(/konto/\S+/)", mail.outbox[0].body)
    assert link, mail.outbox[0].body

    # The activation link logs the new contributor in; log out and in again.
    page.goto(link.group(1))
    assert page.url.endswith("/mina-bidrag/")
    page.context.clear_cookies()
    page.goto("/konto/logga-in/")
    page.fill("input[name=username]", "anna@skatteverket.se")
    page.fill("input[name=password]", PASSWORD)
    with page.expect_navigation():
        page.click("main button[type=submit]")
    assert page.url.endswith("/mina-bidrag/")

    # Write the case, save a draft, then send it for review.
    page.goto("/dela/")
    fill_case(page)
    with page.expect_navigation():
        page.click(".case-form__actions button[value=save]")
    assert re.search(r"/dela/\d+/$", page.url)
    assert page.locator("input[name=title]").input_value() == TITLE
    case = CaseStudyPage.objects.get(draft_title=TITLE)
    assert not case.live
    with page.expect_navigation():
        page.click(".case-form__actions button[value=submit]")
    assert page.url.endswith("/mina-bidrag/")
    assert TITLE in page.inner_text("main")
    case = CaseStudyPage.objects.get(draft_title=TITLE)
    assert case.workflow_in_progress and not case.live

    # Not public yet: its future address answers 404 (which the console reports).
    assert page.goto(case.get_url()).status == 404
    console.errors.clear()

    # The editor approves through Wagtail's workflow action.
    client = Client()
    client.force_login(editor)
    task_state = case.current_workflow_task_state
    response = client.post(
        reverse("wagtailadmin_pages:workflow_action", args=[case.pk, "approve", task_state.pk])
    )
    assert response.status_code in (200, 302)
    case = CaseStudyPage.objects.get(draft_title=TITLE)
    assert case.live

    # Public on its URL, and found by a word of its title.
    response = page.goto(case.url)
    assert response.status == 200
    assert page.inner_text("h1") == TITLE
    page.goto("/sok/?q=chattbot")
    titles = page.locator(".search-results .case-card__title").all_inner_texts()
    assert TITLE in titles
    assert not console.errors
