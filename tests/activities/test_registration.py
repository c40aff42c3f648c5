"""Registration: window, capacity counted in people, waiting list and promotion,
duplicate e-mail (told by mail only), joint pairs, and the form in both languages."""

import datetime

import pytest
from django.core import mail

from activities.models import Registration, Role
from activities.registration import RegistrationError, cancel, register
from tests.activities.conftest import person

CONFIRMED, WAITING, CANCELLED = "confirmed", "waiting", "cancelled"


def statuses(activity):
    return [r.status for r in Registration.objects.filter(activity=activity).order_by("pk")]


@pytest.mark.parametrize(
    "kwargs, code",
    [
        ({"opens_in": datetime.timedelta(days=2)}, "not_open_yet"),
        (
            {
                "opens_in": datetime.timedelta(days=-30),
                "closes_before_start": datetime.timedelta(days=20),
            },
            "closed",
        ),
        ({"cancelled": True}, "cancelled"),
    ],
)
def test_registration_outside_the_window_is_refused(make_activity, kwargs, code):
    activity = make_activity(**kwargs)
    with pytest.raises(RegistrationError) as exc:
        register(activity, [person()], organisation="Skatteverket")
    assert exc.value.code == code
    assert not Registration.objects.exists()


def test_closed_registration_says_so_and_shows_no_form(make_activity, client):
    activity = make_activity(
        opens_in=datetime.timedelta(days=-30), closes_before_start=datetime.timedelta(days=20)
    )
    html = client.get(activity.url).content.decode()
    assert "Anmälan är stängd" in html
    assert '<form method="post"' not in html


def test_posting_outside_the_window_is_refused_with_a_message(make_activity, client):
    activity = make_activity(opens_in=datetime.timedelta(days=3))
    # The form is not shown, but a forged POST is refused too.
    response = client.post(activity.url, form_data())
    assert response.status_code == 200
    assert not Registration.objects.exists()


def test_capacity_counts_people_then_waiting_list(make_activity):
    activity = make_activity(capacity=2)
    regs = [register(activity, [person()], organisation="Vinnova") for _ in range(3)]
    assert [r.status for r in regs] == [CONFIRMED, CONFIRMED, WAITING]
    assert activity.places_left() == 0


def test_cancellation_promotes_first_on_waiting_list_with_email(make_activity):
    activity = make_activity(capacity=1)
    first = register(activity, [person(email="a@example.se")], organisation="Vinnova")
    second = register(activity, [person(email="b@example.se")], organisation="Vinnova")
    third = register(activity, [person(email="c@example.se")], organisation="Vinnova")
    mail.outbox.clear()
    promoted = cancel(first)
    assert [r.pk for r in promoted] == [second.pk]
    assert statuses(activity) == [CANCELLED, CONFIRMED, WAITING]
    subjects = {m.to[0]: m.subject for m in mail.outbox}
    assert subjects["b@example.se"].startswith("Du har fått en plats")
    assert subjects["a@example.se"].startswith("Anmälan avbokad")
    assert "c@example.se" not in subjects
    third.refresh_from_db()
    assert third.status == WAITING


def test_waiting_list_is_first_come_first_served(make_activity, agency):
    """A pair first on the list is not overtaken by a single person."""
    activity = make_activity(capacity=2)
    a = register(activity, [person()], organisation="Vinnova")
    register(activity, [person()], organisation="Vinnova")
    # Now full: a single person queues, then another.
    q1 = register(activity, [person()], organisation="Vinnova")
    q2 = register(activity, [person()], organisation="Vinnova")
    cancel(a)
    q1.refresh_from_db()
    q2.refresh_from_db()
    assert (q1.status, q2.status) == (CONFIRMED, WAITING)


def test_same_email_cannot_hold_two_places(make_activity):
    activity = make_activity()
    first = register(activity, [person(email="anna@example.se")], organisation="Vinnova")
    with pytest.raises(RegistrationError) as exc:
        register(activity, [person(email="Anna@Example.se")], organisation="Vinnova")
    assert exc.value.code == "duplicate"
    # After cancelling, the address may register again.
    cancel(first)
    again = register(activity, [person(email="anna@example.se")], organisation="Vinnova")
    assert again.status == CONFIRMED


def test_duplicate_email_is_refused_on_the_waiting_list_too(make_activity):
    activity = make_activity(capacity=1)
    register(activity, [person()], organisation="Vinnova")
    register(activity, [person(email="w@example.se")], organisation="Vinnova")
    with pytest.raises(RegistrationError):
        register(activity, [person(email="w@example.se")], organisation="Vinnova")


def pair(**overrides):
    return [person(role=Role.EMPLOYER), person(role=Role.EMPLOYEE)]


def test_joint_registration_is_one_registration_of_two_people(make_activity, agency):
    activity = make_activity(joint_registration=True, capacity=4)
    first = register(activity, pair(), agency=agency)
    assert (first.status, first.people, first.participants.count()) == (CONFIRMED, 2, 2)
    assert first.organisation == "Skatteverket"
    second = register(activity, pair(), agency=agency)
    third = register(activity, pair(), agency=agency)
    assert (second.status, third.status) == (CONFIRMED, WAITING)


@pytest.mark.parametrize(
    "people, with_agency",
    [
        ([person(role=Role.EMPLOYER), person(role=Role.EMPLOYER)], True),
        ([person(role=Role.EMPLOYER)], True),
        ([person(role=Role.EMPLOYER), person(role=Role.OTHER)], True),
        ([person(role=Role.EMPLOYER), person(role=Role.EMPLOYEE)], False),
    ],
)
def test_joint_registration_needs_both_roles_and_one_agency(
    make_activity, agency, people, with_agency
):
    activity = make_activity(joint_registration=True)
    with pytest.raises(RegistrationError):
        register(activity, people, agency=agency if with_agency else None)
    assert not Registration.objects.exists()


def test_joint_pair_is_refused_when_only_one_place_is_left(make_activity, agency):
    activity = make_activity(joint_registration=True, capacity=3)
    register(activity, pair(), agency=agency)
    assert register(activity, pair(), agency=agency).status == WAITING


def form_data(**overrides):
    data = {
        "name": "Anna Andersson",
        "email": "anna@example.se",
        "role": "other",
        "organisation": "Vinnova",
        "consent": "on",
    }
    data.update(overrides)
    return data


def test_reader_registers_through_the_form(make_activity, client):
    activity = make_activity()
    response = client.post(activity.url, form_data(dietary_needs="Vegetarisk"), follow=True)
    assert response.status_code == 200
    assert "Tack! Vi har skickat ett e-postmeddelande" in response.content.decode()
    assert "anna@example.se" in response.content.decode()
    registration = Registration.objects.get()
    assert registration.status == CONFIRMED
    assert registration.participants.get().dietary_needs == "Vegetarisk"


def test_form_requires_consent_and_announces_errors(make_activity, client):
    activity = make_activity()
    response = client.post(activity.url, form_data(consent=""))
    html = response.content.decode()
    assert 'role="alert"' in html
    assert not Registration.objects.exists()


def test_form_asks_for_the_role_instead_of_assuming_one(make_activity, client):
    activity = make_activity()
    page = client.get(activity.url).content.decode()
    assert '<option value="" selected>Välj din roll</option>' in page
    response = client.post(activity.url, form_data(role=""))
    assert response.status_code == 200
    assert response.context["form"].errors["role"]
    assert not Registration.objects.exists()
    assert 'value="anna@example.se"' in response.content.decode()  # nothing typed is lost


def test_form_does_not_tell_that_an_address_is_registered(make_activity, client):
    activity = make_activity()
    first = client.post(activity.url, form_data(), follow=True).content.decode()
    second = client.post(activity.url, form_data(), follow=True).content.decode()
    assert "redan anmäld" not in second and "Tack! Vi har skickat" in second
    assert second == first
    assert Registration.objects.count() == 1
    assert mail.outbox[-1].subject.startswith("Redan anmäld")


def test_joint_form_needs_both_people(make_activity, agency, client):
    activity = make_activity(joint_registration=True)
    html = client.get(activity.url).content.decode()
    assert "Arbetsgivarföreträdare" in html and "Arbetstagarföreträdare" in html
    data = {
        "employer_name": "Eva Ek",
        "employer_email": "eva@skatteverket.se",
        "agency": agency.pk,
        "consent": "on",
    }
    response = client.post(activity.url, data)
    assert response.status_code == 200
    assert not Registration.objects.exists()
    data.update(employee_name="Olof Berg", employee_email="olof@st.org")
    response = client.post(activity.url, data, follow=True)
    registration = Registration.objects.get()
    roles = sorted(registration.participants.values_list("role", flat=True))
    assert roles == ["employee", "employer"] and registration.agency == agency


def test_english_page_shares_places_and_mails_in_english(make_activity, client):
    activity = make_activity(english=True, capacity=1)
    en = activity.get_translation(activity.locale.__class__.objects.get(language_code="en"))
    assert en.url.startswith("/en/activities/")
    client.post(en.url, form_data(email="a@example.se"), HTTP_ACCEPT_LANGUAGE="en")
    response = client.post(en.url, form_data(email="b@example.se"), follow=True)
    assert "Thank you! We have sent an e-mail about" in response.content.decode()
    assert statuses(activity) == [CONFIRMED, WAITING]
    assert mail.outbox[0].subject.startswith("Registration confirmed: Innovation day")
    assert mail.outbox[1].subject.startswith("On the waiting list")
