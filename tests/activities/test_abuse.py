"""Registration cannot be abused: one client cannot fill the places, the page
does not tell who is registered, and no mail opens with a stranger's text."""

import re

import pytest
from django.core import mail
from django.test import Client, override_settings

from activities.models import Registration
from activities.registration import cancel, notify_activity_cancelled
from tests.activities.test_registration import form_data

LIMIT = 3
TOO_MANY = "Det har kommit många anmälningar från ditt nätverk på kort tid"


@override_settings(TRUSTED_PROXIES=["127.0.0.1"], ACTIVITIES_REGISTRATION_RATE_LIMIT=LIMIT)
def test_one_client_is_limited_while_others_behind_the_proxy_get_through(make_activity):
    activity = make_activity(capacity=20)
    one = Client(HTTP_X_FORWARDED_FOR="203.0.113.7")
    for n in range(LIMIT):
        assert one.post(activity.url, form_data(email=f"a{n}@example.se")).status_code == 302
    response = one.post(activity.url, form_data(name="Nils Nyman", email="extra@example.se"))
    assert response.status_code == 429
    html = response.content.decode()
    assert TOO_MANY in html
    assert 'value="Nils Nyman"' in html and 'value="extra@example.se"' in html  # nothing lost
    assert Registration.objects.count() == LIMIT

    # The rush when registration opens: many people behind the same proxy.
    for n in range(2 * LIMIT):
        other = Client(HTTP_X_FORWARDED_FOR=f"198.51.100.{n + 1}, 127.0.0.1")
        assert other.post(activity.url, form_data(email=f"b{n}@example.se")).status_code == 302
    assert Registration.objects.count() == 3 * LIMIT


@override_settings(ACTIVITIES_REGISTRATION_RATE_LIMIT=1)
def test_the_limit_message_is_in_the_readers_language(make_activity):
    activity = make_activity(english=True)
    en = activity.get_translation(activity.locale.__class__.objects.get(language_code="en"))
    reader = Client()
    reader.post(en.url, form_data(email="a@example.se"))
    response = reader.post(en.url, form_data(email="b@example.se"))
    assert response.status_code == 429
    assert "Many registrations have come from your network" in response.content.decode()


def registered_page(data, url):
    """What a new visitor sees after sending the form: the answer and the page it leads to."""
    visitor = Client()
    response = visitor.post(url, data)
    return (
        response.status_code,
        response.get("Location"),
        visitor.get(response["Location"]).content.decode() if response.status_code == 302 else "",
    )


def without_tokens(html):
    return re.sub(r'name="csrfmiddlewaretoken" value="[^"]*"', "", html)


@pytest.mark.parametrize(
    "capacity, status_word", [(5, "Du har en plats"), (0, "Du står på reservlistan")]
)
def test_page_says_the_same_for_a_new_and_a_registered_address(
    make_activity, capacity, status_word
):
    activity = make_activity(capacity=capacity)
    first = registered_page(form_data(email="anna@example.se"), activity.url)
    assert first[0] == 302
    assert "Tack! Vi har skickat ett e-postmeddelande om" in first[2]
    assert "anna@example.se" in first[2]
    mail.outbox.clear()

    again = registered_page(form_data(name="Someone Else", email="Anna@example.se"), activity.url)
    assert again[:2] == first[:2]
    assert without_tokens(again[2]) == without_tokens(first[2])
    registration = Registration.objects.get()  # nothing new was saved
    # The difference is in the mail, to the address alone, with its cancel link.
    [message] = mail.outbox
    assert message.to == ["anna@example.se"]
    assert message.subject.startswith("Redan anmäld")
    assert "redan anmäld" in message.body and status_word in message.body
    assert cancel_link_for(message.body) == registration


def cancel_link_for(body):
    """The registration whose signed cancel link the mail holds (the link
    carries the second it was signed in, so it is read, not compared)."""
    from activities.links import registration_from_token

    [token] = re.findall(r"/avboka/([^/\s]+)/", body)
    return registration_from_token(token)


def pair_data(agency, employer, employee):
    return {
        "employer_name": "Eva Ek",
        "employer_email": employer,
        "employee_name": "Olof Berg",
        "employee_email": employee,
        "agency": agency.pk,
        "consent": "on",
    }


def test_pair_with_a_registered_person_looks_the_same_and_keeps_the_places(make_activity, agency):
    activity = make_activity(joint_registration=True, capacity=2)
    first = registered_page(pair_data(agency, "ag@example.se", "at@example.se"), activity.url)
    assert first[0] == 302
    waiting = registered_page(pair_data(agency, "ag2@example.se", "at2@example.se"), activity.url)
    assert waiting[0] == 302
    assert [r.status for r in Registration.objects.order_by("pk")] == ["confirmed", "waiting"]
    held = Registration.objects.order_by("pk")[1]
    mail.outbox.clear()

    # The employee on the waiting list tries again with someone new.
    again = registered_page(pair_data(agency, "new@example.se", "at2@example.se"), activity.url)
    assert again[:2] == first[:2]
    assert without_tokens(again[2]) == without_tokens(first[2]).replace(
        "ag@example.se, at@example.se", "new@example.se, at2@example.se"
    )
    assert Registration.objects.count() == 2 and activity.places_left() == 0
    by_address = {m.to[0]: m for m in mail.outbox}
    assert sorted(by_address) == ["at2@example.se", "new@example.se"]
    assert "reservlistan" in by_address["at2@example.se"].body
    assert cancel_link_for(by_address["at2@example.se"].body) == held
    assert "/avboka/" not in by_address["new@example.se"].body
    assert "Anmälan gjordes inte" in by_address["new@example.se"].subject


TYPED = ("Klicka här: http://evil.example", "Kalle Anka AB", "Ingen gluten")


@override_settings(ACTIVITIES_REGISTRATION_RATE_LIMIT=100)
def test_no_mail_opens_with_what_the_registrant_typed(make_activity, agency):
    name, organisation, diet = TYPED
    activity = make_activity(capacity=1)
    joint = make_activity(joint_registration=True, capacity=2)
    reader = Client()

    def post(page, data):
        assert reader.post(page.url, data).status_code < 400

    post(
        activity,
        form_data(
            name=name, organisation=organisation, dietary_needs=diet, email="first@example.se"
        ),
    )  # confirmation
    post(activity, form_data(name=name, organisation=organisation, email="second@example.se"))
    post(activity, form_data(name=name, email="first@example.se"))  # already registered
    data = pair_data(agency, "ag@example.se", "at@example.se")
    data.update(employer_name=name, employee_name=name, employer_dietary_needs=diet)
    post(joint, data)  # the pair
    data.update(employer_email="ny@example.se")
    post(joint, data)  # pair not made
    first, second = Registration.objects.filter(activity=activity).order_by("pk")
    cancel(first)  # cancelled by you, and promoted
    joint.cancelled = True
    joint.save_revision().publish()
    notify_activity_cancelled(joint)  # the activity is cancelled

    for message in mail.outbox:
        opening = message.body.strip().splitlines()[0]
        assert not any(text in opening for text in TYPED), (message.subject, opening)
        assert not message.body.lstrip().startswith(name), message.subject
    # Every kind of mail was among them.
    subjects = sorted({m.subject.split(":")[0] for m in mail.outbox})
    assert subjects == [
        "Aktiviteten är inställd",
        "Anmälan avbokad",
        "Anmälan bekräftad",
        "Anmälan gjordes inte",
        "Du har fått en plats",
        "Du står på reservlistan",
        "Redan anmäld",
    ]


def test_the_confirmation_opens_with_what_happened(make_activity):
    activity = make_activity()
    Client().post(activity.url, form_data(name="Eva Ek"))
    [message] = mail.outbox
    assert message.body.startswith(f"Du är anmäld till {activity.title}.")
