"""Activation links work once and only for the account as it was when they
were made; a deactivated account stays so; sign-up answers alike whether or
not the address has an account."""

import re

from django.contrib.auth import get_user_model
from django.contrib.auth.hashers import MD5PasswordHasher
from django.core import mail
from django.test import Client

from .conftest import url
from .test_accounts import PASSWORD, link_in, sign_up

User = get_user_model()
NEW_PASSWORD = "ett-annat-losenord-77"


def activate_by_mail(message):
    """Follow an activation link in a fresh browser; the client afterwards."""
    browser = Client(HTTP_ACCEPT_LANGUAGE="sv")
    response = browser.get(link_in(message))
    return browser, response


def logged_in_as(browser):
    return browser.get(url("my_contributions")).status_code == 200


def signed_up_and_activated(client, email):
    sign_up(client, email)
    browser, response = activate_by_mail(mail.outbox[-1])
    assert response.status_code == 302 and logged_in_as(browser)
    return User.objects.get(email=email), mail.outbox[-1]


def test_activation_link_works_once(client, agency):
    user, message = signed_up_and_activated(client, "eva@skatteverket.se")
    again, response = activate_by_mail(message)
    assert response.status_code == 404
    assert "inte giltig" in response.content.decode()
    assert not logged_in_as(again)


def test_activation_link_is_void_once_the_password_changes(client, agency):
    sign_up(client, "eva@skatteverket.se")
    first = mail.outbox[-1]
    user = User.objects.get(email="eva@skatteverket.se")
    user.set_password(NEW_PASSWORD)
    user.save()
    browser, response = activate_by_mail(first)
    assert response.status_code == 404
    assert not logged_in_as(browser)
    user.refresh_from_db()
    assert not user.is_active


def test_signing_up_again_voids_the_earlier_link(client, agency):
    sign_up(client, "eva@skatteverket.se")
    first = mail.outbox[-1]
    sign_up(client, "eva@skatteverket.se")
    browser, response = activate_by_mail(first)
    assert response.status_code == 404 and not logged_in_as(browser)
    browser, response = activate_by_mail(mail.outbox[-1])
    assert response.status_code == 302 and logged_in_as(browser)


def test_activation_link_does_not_restore_a_deactivated_account(client, agency):
    user, message = signed_up_and_activated(client, "eva@skatteverket.se")
    user.is_active = False  # an editor deactivates the account
    user.save()
    browser, response = activate_by_mail(message)
    assert not logged_in_as(browser)
    user.refresh_from_db()
    assert not user.is_active
    # Even a link made for the account as it is now does not restore it.
    from contributions.views.accounts import activation_path

    response = browser.get(activation_path(user))
    assert response.status_code == 403
    assert "avaktiverat" in response.content.decode()
    assert not logged_in_as(browser)
    user.refresh_from_db()
    assert not user.is_active


def test_signing_up_again_does_not_restore_a_deactivated_account(client, agency):
    user, _message = signed_up_and_activated(client, "eva@skatteverket.se")
    user.is_active = False
    user.save()
    mail.outbox.clear()
    data = {
        "first_name": "Eva",
        "last_name": "Ek",
        "email": "eva@skatteverket.se",
        "password1": NEW_PASSWORD,
        "password2": NEW_PASSWORD,
        "website": "",
    }
    response = client.post(url("sign_up"), data)
    assert response.status_code == 302
    assert response["Location"] == url("sign_up_sent")
    [message] = mail.outbox
    assert "avaktiverat" in message.body
    assert "/konto/aktivera/" not in message.body
    user.refresh_from_db()
    assert not user.is_active
    assert user.check_password(PASSWORD)
    assert not user.check_password(NEW_PASSWORD)


class CountingHasher(MD5PasswordHasher):
    """The test hasher, counting the passwords it hashes."""

    hashed = 0

    def encode(self, password, salt):
        CountingHasher.hashed += 1
        return super().encode(password, salt)


def test_sign_up_does_the_same_whether_or_not_the_address_has_an_account(
    client, agency, contributor, settings
):
    deactivated, _message = signed_up_and_activated(client, "eva@skatteverket.se")
    deactivated.is_active = False
    deactivated.save()
    settings.PASSWORD_HASHERS = [f"{__name__}.CountingHasher"]
    seen = []
    for email in ["ny@skatteverket.se", contributor.email, deactivated.email]:
        mail.outbox.clear()
        CountingHasher.hashed = 0
        response = sign_up(Client(HTTP_ACCEPT_LANGUAGE="sv"), email)
        page = Client(HTTP_ACCEPT_LANGUAGE="sv").get(response["Location"])
        body = re.sub(r'name="csrfmiddlewaretoken" value="[^"]*"', "", page.content.decode())
        seen.append(
            (
                response.status_code,
                response["Location"],
                page.status_code,
                body,
                len(mail.outbox),
                CountingHasher.hashed,
            )
        )
    new, existing, gone = seen
    assert new[:3] == (302, url("sign_up_sent"), 200)
    assert new[4:] == (1, 1)  # one mail queued and the password hashed once
    assert new == existing == gone
