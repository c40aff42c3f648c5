"""Two-factor sign-in to the admin with an authenticator app (TOTP)."""

import io

import pytest
from django.contrib.auth import get_user_model
from django.contrib.auth.models import Group
from django.core.management import call_command
from django.test import Client
from django_otp.oath import totp
from django_otp.plugins.otp_totp.models import TOTPDevice

PASSWORD = "ett-langt-adminlosenord-9"


def code(device):
    """The code an authenticator app shows now."""
    return f"{totp(device.bin_key, device.step, device.t0, device.digits, device.drift):06d}"


@pytest.fixture
def superuser(site):
    return get_user_model().objects.create_superuser("chef", "chef@example.se", PASSWORD)


@pytest.fixture
def staff_editor(site):
    user = get_user_model().objects.create_user("red", "red@example.se", PASSWORD)
    user.groups.add(Group.objects.get(name="Editors"))
    return user


def signed_in(username):
    """A browser that has given the right password at /admin/login/."""
    browser = Client(HTTP_ACCEPT_LANGUAGE="en")
    response = browser.post("/admin/login/", {"username": username, "password": PASSWORD})
    assert response.status_code == 302, "the password was not accepted"
    return browser


def reaches_dashboard(browser):
    response = browser.get("/admin/")
    return response.status_code == 200 and "wagtailadmin/home.html" in [
        t.name for t in response.templates
    ]


def test_superuser_must_set_up_an_app_before_the_dashboard(superuser, settings):
    settings.TWO_FACTOR_REQUIRED_FOR_SUPERUSERS = True
    browser = signed_in("chef")
    for path in ["/admin/", "/admin/pages/", "/admin/users/", "/mina-bidrag/"]:
        response = browser.get(path)
        assert response.status_code == 302, path
        assert response["Location"].startswith("/admin/two-factor/set-up/?next="), path
    assert not reaches_dashboard(browser)

    page = browser.get("/admin/two-factor/set-up/?next=/admin/")
    assert page.status_code == 200
    assert b"<svg" in page.content
    device = TOTPDevice.objects.get(user=superuser, confirmed=False)
    assert device.config_url.split("secret=")[1].split("&")[0].encode() in page.content

    # A wrong password or a wrong code turns nothing on.
    for password, token in [("fel-losenord", code(device)), (PASSWORD, "000000")]:
        response = browser.post(
            "/admin/two-factor/set-up/",
            {"password": password, "otp_token": token, "next": "/admin/"},
        )
        assert response.status_code == 200
        assert not reaches_dashboard(browser)

    device.refresh_from_db()
    device.throttle_reset()  # django-otp makes one wait after a wrong code
    response = browser.post(
        "/admin/two-factor/set-up/",
        {"password": PASSWORD, "otp_token": code(device), "next": "/admin/"},
    )
    assert response.status_code == 302 and response["Location"] == "/admin/"
    assert reaches_dashboard(browser)
    assert TOTPDevice.objects.get(user=superuser).confirmed


def test_superuser_with_an_app_enters_its_code(superuser, settings):
    settings.TWO_FACTOR_REQUIRED_FOR_SUPERUSERS = True
    device = TOTPDevice.objects.create(user=superuser, name="TOTP", confirmed=True)
    browser = signed_in("chef")
    response = browser.get("/admin/pages/")
    assert response["Location"] == "/admin/two-factor/verify/?next=%2Fadmin%2Fpages%2F"
    # Setting up another app instead of giving the code is not a way round.
    response = browser.get("/admin/two-factor/set-up/")
    assert response["Location"] == "/admin/two-factor/verify/"
    assert TOTPDevice.objects.filter(user=superuser).count() == 1

    response = browser.post("/admin/two-factor/verify/", {"otp_token": "123456"})
    assert response.status_code == 200
    assert "Koden stämmer inte" in response.content.decode()
    assert not reaches_dashboard(browser)

    device.refresh_from_db()
    device.throttle_reset()  # django-otp makes one wait after a wrong code
    response = browser.post(
        "/admin/two-factor/verify/", {"otp_token": code(device), "next": "/admin/pages/"}
    )
    assert response.status_code == 302 and response["Location"] == "/admin/pages/"
    assert reaches_dashboard(browser)


def test_staff_who_turned_it_on_are_asked_for_the_code(staff_editor):
    """Not required for them, nor anywhere in development, but once on it holds."""
    TOTPDevice.objects.create(user=staff_editor, name="TOTP", confirmed=True)
    browser = signed_in("red")
    assert browser.get("/admin/")["Location"].startswith("/admin/two-factor/verify/")
    assert not reaches_dashboard(browser)


def test_staff_turn_it_on_from_their_account(staff_editor):
    browser = signed_in("red")
    assert reaches_dashboard(browser)
    assert b"/admin/two-factor/" in browser.get("/admin/account/").content
    browser.get("/admin/two-factor/set-up/")
    device = TOTPDevice.objects.get(user=staff_editor)
    response = browser.post(
        "/admin/two-factor/set-up/", {"password": PASSWORD, "otp_token": code(device)}
    )
    assert response["Location"] == "/admin/two-factor/"
    assert TOTPDevice.objects.get(user=staff_editor).confirmed
    assert reaches_dashboard(browser)
    # A new sign-in asks for the code.
    assert not reaches_dashboard(signed_in("red"))


def test_without_the_requirement_a_superuser_signs_in_by_password(superuser):
    """Development and test settings: the login `make run` prints just works."""
    assert reaches_dashboard(signed_in("chef"))


def test_a_lost_phone_is_removed_from_the_command_line(superuser, settings):
    settings.TWO_FACTOR_REQUIRED_FOR_SUPERUSERS = True
    TOTPDevice.objects.create(user=superuser, name="TOTP", confirmed=True)
    call_command("two_factor_off", "chef", stdout=io.StringIO())
    assert not TOTPDevice.objects.filter(user=superuser).exists()
    response = signed_in("chef").get("/admin/")
    assert response["Location"].startswith("/admin/two-factor/set-up/")
