"""Sign-up with a work address, the expiring activation link, log-in,
password reset, invitations, honeypot and rate limits."""

import re
from urllib.parse import urlsplit

import pytest
from django.contrib.auth import get_user_model
from django.core import mail
from django.http import HttpRequest
from django.test import Client
from freezegun import freeze_time

from contributions.models import ContributorProfile

from .conftest import logged_in, url

User = get_user_model()
PASSWORD = "ett-langt-losenord-42"


def sign_up(client, email, website="", **request_extra):
    data = {
        "first_name": "Eva",
        "last_name": "Ek",
        "email": email,
        "password1": PASSWORD,
        "password2": PASSWORD,
        "website": website,
    }
    return client.post(url("sign_up"), data, **request_extra)


def link_in(message):
    """The path of the first link in an e-mail."""
    return urlsplit(re.search(r"https?://\S+", message.body).group(0)).path


def test_swedish_and_english_paths_read_naturally():
    assert url("sign_up") == "/konto/registrera/"
    assert url("new") == "/dela/"
    assert url("my_contributions") == "/mina-bidrag/"
    assert url("sign_up", language="en") == "/en/account/sign-up/"
    assert url("new", language="en") == "/en/share/"
    assert url("my_contributions", language="en") == "/en/my-contributions/"


def test_sign_up_with_agency_domain_sends_activation_link(client, agency):
    response = sign_up(client, "Eva.Ek@Skatteverket.se")
    assert response.status_code == 302
    user = User.objects.get(email="eva.ek@skatteverket.se")
    assert not user.is_active
    assert user.contributor.agency == agency
    assert len(mail.outbox) == 1
    assert mail.outbox[0].to == ["eva.ek@skatteverket.se"]
    # Not active yet: logging in fails.
    assert not client.login(
        request=HttpRequest(), username="eva.ek@skatteverket.se", password=PASSWORD
    )

    response = client.get(link_in(mail.outbox[0]))
    assert response.status_code == 302
    user.refresh_from_db()
    assert user.is_active
    assert client.get(url("my_contributions")).status_code == 200


def test_second_domain_of_agency_is_accepted(client, agency):
    sign_up(client, "eva@skv.se")
    assert ContributorProfile.objects.get(user__email="eva@skv.se").agency == agency


@pytest.mark.parametrize(
    "email", ["eva@gmail.com", "eva@mail.skatteverket.se", "eva@skatteverket.se.evil.com"]
)
def test_sign_up_refuses_addresses_outside_agency_domains(client, agency, email):
    response = sign_up(client, email)
    assert response.status_code == 200
    assert (
        "does not belong to an agency" in response.content.decode()
        or "hör inte till en myndighet" in response.content.decode()
    )
    assert not User.objects.filter(email=email).exists()
    assert mail.outbox == []


def test_activation_link_expires_after_three_days(client, agency):
    with freeze_time("2025-01-01 12:00"):
        sign_up(client, "eva@skatteverket.se")
    path = link_in(mail.outbox[0])
    with freeze_time("2025-01-04 13:00"):
        response = client.get(path)
    assert response.status_code == 410
    assert not User.objects.get(email="eva@skatteverket.se").is_active


def test_tampered_activation_link_is_refused(client, agency):
    sign_up(client, "eva@skatteverket.se")
    path = link_in(mail.outbox[0])
    response = client.get(path.rstrip("/") + "x/")
    assert response.status_code == 404
    assert not User.objects.get(email="eva@skatteverket.se").is_active


def test_honeypot_filled_creates_nothing(client, agency):
    response = sign_up(client, "bot@skatteverket.se", website="http://spam.example")
    assert response.status_code == 302  # looks like success to the bot
    assert not User.objects.filter(email="bot@skatteverket.se").exists()
    assert mail.outbox == []


def test_sign_up_for_existing_account_tells_the_owner_only(client, contributor):
    response = sign_up(client, contributor.email)
    assert response.status_code == 302
    assert len(mail.outbox) == 1
    assert "already" in mail.outbox[0].body or "redan" in mail.outbox[0].body
    contributor.refresh_from_db()
    assert contributor.check_password(PASSWORD)


def test_log_in_and_log_out(client, contributor):
    response = client.post(url("login"), {"username": "ANNA@skatteverket.se", "password": PASSWORD})
    assert response.status_code == 302
    assert response["Location"] == url("my_contributions")
    response = client.post(url("logout"))
    assert response.status_code == 302
    assert client.get(url("my_contributions")).status_code == 302


def test_failures_elsewhere_do_not_lock_an_account_out(client, contributor):
    for _ in range(10):
        client.post(
            url("login"),
            {"username": contributor.email, "password": "wrong"},
            REMOTE_ADDR="10.0.0.1",
        )
    # Right password, another client: its owner still gets in.
    response = client.post(
        url("login"), {"username": contributor.email, "password": PASSWORD}, REMOTE_ADDR="10.0.0.2"
    )
    assert response.status_code == 302
    assert client.session["_auth_user_id"] == str(contributor.pk)


def test_login_is_rate_limited_per_client(client, contributor):
    for n in range(10):
        client.post(
            url("login"),
            {"username": f"x{n}@skatteverket.se", "password": "x"},
            REMOTE_ADDR="10.0.0.9",
        )
    response = client.post(
        url("login"), {"username": contributor.email, "password": PASSWORD}, REMOTE_ADDR="10.0.0.9"
    )
    assert response.status_code == 429
    assert "_auth_user_id" not in client.session


def test_sign_up_is_rate_limited(client, agency):
    for n in range(10):
        sign_up(client, f"person{n}@skatteverket.se", REMOTE_ADDR="10.1.1.1")
    assert len(mail.outbox) == 10
    response = client.post(
        url("sign_up"),
        {
            "first_name": "E",
            "last_name": "E",
            "email": "last@skatteverket.se",
            "password1": PASSWORD,
            "password2": PASSWORD,
        },
        REMOTE_ADDR="10.1.1.1",
    )
    assert response.status_code == 200
    assert not User.objects.filter(email="last@skatteverket.se").exists()
    assert len(mail.outbox) == 10


def test_password_reset_sends_link_that_sets_a_new_password(client, contributor):
    response = client.post(url("password_reset"), {"email": contributor.email})
    assert response.status_code == 302
    assert len(mail.outbox) == 1
    path = link_in(mail.outbox[0])
    response = client.get(path, follow=True)
    form_path = response.redirect_chain[-1][0]
    response = client.post(
        form_path,
        {"new_password1": "ett-nytt-losenord-77", "new_password2": "ett-nytt-losenord-77"},
    )
    assert response.status_code == 302
    contributor.refresh_from_db()
    assert contributor.check_password("ett-nytt-losenord-77")


def test_password_reset_is_rate_limited(client, contributor):
    for _ in range(5):
        client.post(url("password_reset"), {"email": contributor.email})
    response = client.post(url("password_reset"), {"email": contributor.email})
    assert response.status_code == 200
    assert len(mail.outbox) == 5


def test_editor_invites_a_contributor_who_sets_a_password(editor, other_agency):
    client = logged_in(editor)
    response = client.post(
        url("invite"), {"email": "ny@konsult.example", "agency": other_agency.pk}
    )
    assert response.status_code == 302
    user = User.objects.get(email="ny@konsult.example")
    assert not user.is_active and user.contributor.agency == other_agency
    path = link_in(mail.outbox[0])
    anonymous = Client()
    response = anonymous.get(path, follow=True)
    form_path = response.redirect_chain[-1][0]
    response = anonymous.post(
        form_path,
        {"new_password1": "ett-nytt-losenord-77", "new_password2": "ett-nytt-losenord-77"},
    )
    assert response.status_code == 302
    user.refresh_from_db()
    assert user.is_active
    assert anonymous.get(url("my_contributions")).status_code == 200


def test_contributors_cannot_invite(contributor, other_agency):
    response = logged_in(contributor).post(
        url("invite"), {"email": "x@y.se", "agency": other_agency.pk}
    )
    assert response.status_code == 404


def test_contributor_has_no_wagtail_admin_access(contributor):
    client = logged_in(contributor)
    response = client.get("/admin/")
    assert response.status_code == 302
    assert "/admin/login/" in response["Location"]
    assert not contributor.has_perm("wagtailadmin.access_admin")
