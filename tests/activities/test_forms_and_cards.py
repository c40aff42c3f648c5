"""What the activity pages ask and promise: no diet question online, "other
organisation" for pairs, the plural for pairs, places and closing time on the
cards, and nothing to register for or add to a calendar once an activity is over.
Each in both languages."""

import pytest
from django.core import mail
from freezegun import freeze_time
from wagtail.models import Locale

from activities.models import ActivityType, Registration
from activities.registration import register
from tests.activities.conftest import person

LANGUAGES = ["sv", "en"]
NOW = "2027-03-01 09:00:00"  # a Monday; activities start ten days later


def page_in(activity, language):
    if language == "sv":
        return activity
    return activity.get_translation(Locale.objects.get(language_code=language))


def online(make_activity, **fields):
    return make_activity(
        english=True,
        activity_type=ActivityType.WEBINAR,
        venue="",
        address="",
        online_url="https://example.org/webbinarium",
        **fields,
    )


def pair_data(**overrides):
    data = {
        "employer_name": "Eva Ek",
        "employer_email": "eva@example.se",
        "employee_name": "Olof Berg",
        "employee_email": "olof@example.se",
        "consent": "on",
    }
    data.update(overrides)
    return data


@pytest.mark.parametrize("language", LANGUAGES)
def test_online_activities_do_not_ask_about_diet(make_activity, client, language):
    webinar = page_in(online(make_activity), language)
    day = page_in(make_activity(english=True), language)
    assert 'name="dietary_needs"' not in client.get(webinar.url).content.decode()
    assert 'name="dietary_needs"' in client.get(day.url).content.decode()
    data = {
        "name": "Anna Ek",
        "email": "anna@example.se",
        "role": "other",
        "organisation": "Vinnova",
        "consent": "on",
    }
    client.post(webinar.url, data)
    assert Registration.objects.get().participants.get().dietary_needs == ""


@pytest.mark.parametrize(
    "language, label, thanks, mail_opening",
    [
        ("sv", "Annan organisation", "Tack till er båda!", "Ni är båda anmälda till"),
        ("en", "Other organisation", "Thank you both!", "You are both registered for"),
    ],
)
def test_a_pair_from_another_organisation_registers_and_is_thanked_in_the_plural(
    make_activity, client, language, label, thanks, mail_opening
):
    activity = page_in(make_activity(english=True, joint_registration=True), language)
    form = client.get(activity.url).content.decode()
    assert label in form and 'name="organisation"' in form
    # Neither an agency nor an organisation: refused, with what was typed kept.
    refused = client.post(activity.url, pair_data())
    assert refused.context["form"].errors["agency"]
    assert 'value="Eva Ek"' in refused.content.decode()
    response = client.post(activity.url, pair_data(organisation="Fackförbundet ST"), follow=True)
    html = response.content.decode()
    assert thanks in html and "eva@example.se" in html and "olof@example.se" in html
    registration = Registration.objects.get()
    assert registration.organisation == "Fackförbundet ST" and registration.people == 2
    confirmation = mail.outbox[0]
    assert sorted(confirmation.to) == ["eva@example.se", "olof@example.se"]
    assert confirmation.body.startswith(mail_opening)


@pytest.mark.parametrize(
    "language, waiting_opening, promoted_subject",
    [
        ("sv", "Aktiviteten Innovationsdag", "Ni har båda fått plats"),
        ("en", "The activity Innovation day", "You both have a place"),
    ],
)
def test_a_pair_on_the_waiting_list_hears_in_the_plural(
    make_activity, agency, language, waiting_opening, promoted_subject
):
    from activities.models import Role
    from activities.registration import cancel

    activity = make_activity(english=True, joint_registration=True, capacity=2)
    first = register(
        activity,
        [person(role=Role.EMPLOYER), person(role=Role.EMPLOYEE)],
        agency=agency,
        language=language,
    )
    register(
        activity,
        [person(role=Role.EMPLOYER), person(role=Role.EMPLOYEE)],
        agency=agency,
        language=language,
    )
    waiting = mail.outbox[-1].body
    assert waiting.startswith(waiting_opening)
    assert (
        "ni står på reservlistan" if language == "sv" else "you are both on the waiting list"
    ) in waiting
    cancel(first)
    assert mail.outbox[-1].subject.startswith(promoted_subject)


@pytest.mark.parametrize(
    "language, left, full, closes",
    [
        (
            "sv",
            "1 plats kvar.",
            "Fullbokad: du kan ställa dig på reservlistan.",
            "Anmälan stänger 10 mars 2027",
        ),
        (
            "en",
            "1 place left.",
            "Fully booked: you can join the waiting list.",
            "Registration closes 10 March 2027",
        ),
    ],
)
def test_cards_show_places_left_fully_booked_and_closing_time(
    make_activity, client, indexes, language, left, full, closes
):
    with freeze_time(NOW):
        open_one = make_activity(english=True, capacity=2)
        full_one = make_activity(english=True, capacity=1)
        register(open_one, [person()], organisation="Vinnova")
        register(full_one, [person()], organisation="Vinnova")
        html = client.get(indexes[language].url).content.decode()
    assert html.count(closes) == 2
    assert left in html
    assert full in html


@pytest.mark.parametrize(
    "language, calendar, promise, held_online",
    [
        ("sv", "Lägg till i kalendern", "Länken skickas", "Aktiviteten hölls på distans."),
        ("en", "Add to calendar", "The link is sent", "The activity was held online."),
    ],
)
def test_past_activities_offer_no_registration_calendar_or_link(
    make_activity, client, language, calendar, promise, held_online
):
    with freeze_time(NOW):
        webinar = page_in(online(make_activity), language)
        before = client.get(webinar.url).content.decode()
    assert calendar in before and promise in before and 'name="email"' in before
    with freeze_time("2027-04-01 09:00:00"):
        after = client.get(webinar.url).content.decode()
    assert calendar not in after
    assert promise not in after
    assert held_online in after
    assert 'name="email"' not in after and 'id="h-registration"' not in after


def test_english_form_lists_agencies_that_have_no_english_name_yet(make_activity, client, agency):
    from cases.snippets import Agency

    Agency.objects.create(
        name="Swedish Tax Agency",
        locale=Locale.objects.get(language_code="en"),
        translation_key=agency.translation_key,
    )
    Agency.objects.create(name="Vinnova", locale=Locale.get_default())
    activity = page_in(make_activity(english=True), "en")
    html = client.get(activity.url).content.decode()
    assert "Swedish Tax Agency" in html and "Vinnova" in html
    assert ">Skatteverket<" not in html
