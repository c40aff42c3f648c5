"""One throttle over every way in: Wagtail's /admin/login/, the contributor
log-in form and both password resets, counted in the database by the
client's real address."""

import pytest
from axes.models import AccessAttempt
from django.contrib.auth import get_user_model
from django.core import mail
from django.core.cache import cache
from django.test import Client, override_settings
from freezegun import freeze_time

from .conftest import url

PASSWORD = "ett-langt-losenord-42"
ADMIN_PASSWORD = "administratorens-losenord-9"
ADMIN_LOGIN = "/admin/login/"
ADMIN_RESET = "/admin/password_reset/"


@pytest.fixture
def admin(site):
    return get_user_model().objects.create_superuser("admin", "admin@example.org", ADMIN_PASSWORD)


def admin_login(client, password, username="admin", **extra):
    return client.post(ADMIN_LOGIN, {"username": username, "password": password}, **extra)


def contributor_login(client, email, password, **extra):
    return client.post(url("login"), {"username": email, "password": password}, **extra)


def logged_in_as(client):
    return client.session.get("_auth_user_id")


def test_admin_login_is_cut_off_and_refuses_even_the_right_password_until_cool_off(admin):
    client = Client(HTTP_ACCEPT_LANGUAGE="en")
    with freeze_time("2026-03-02 10:00"):
        statuses = [
            admin_login(client, f"guess-{n}", REMOTE_ADDR="203.0.113.7").status_code
            for n in range(40)
        ]
        assert statuses[:9] == [200] * 9
        assert set(statuses[9:]) == {429}

        response = admin_login(client, ADMIN_PASSWORD, REMOTE_ADDR="203.0.113.7")
        assert response.status_code == 429
        assert not logged_in_as(client)
        text = response.content.decode()
        assert "Too many failed log-in attempts" in text
        assert "15 minutes" in text
        assert response["Retry-After"] == "900"
        # The form itself still opens, for after the cool-off.
        assert client.get(ADMIN_LOGIN).status_code == 200

    with freeze_time("2026-03-02 10:16"):
        response = admin_login(client, ADMIN_PASSWORD, REMOTE_ADDR="203.0.113.7")
        assert response.status_code == 302
        assert logged_in_as(client) == str(admin.pk)


def test_the_lockout_page_is_in_swedish_too(admin):
    client = Client(HTTP_ACCEPT_LANGUAGE="sv")
    for n in range(10):
        response = admin_login(client, f"guess-{n}", REMOTE_ADDR="203.0.113.8")
    assert response.status_code == 429
    assert "För många misslyckade inloggningar" in response.content.decode()


def test_an_attacker_elsewhere_does_not_lock_the_admin_out(admin):
    client = Client()
    for n in range(40):
        admin_login(client, f"guess-{n}", REMOTE_ADDR="203.0.113.9")
    response = admin_login(Client(), ADMIN_PASSWORD, REMOTE_ADDR="192.0.2.1")
    assert response.status_code == 302


def test_failures_on_the_contributor_form_count_at_admin_login(admin, contributor):
    client = Client()
    for n in range(10):
        contributor_login(client, contributor.email, f"guess-{n}", REMOTE_ADDR="198.51.100.4")
    response = admin_login(client, ADMIN_PASSWORD, REMOTE_ADDR="198.51.100.4")
    assert response.status_code == 429
    assert not logged_in_as(client)


def test_failures_at_admin_login_count_on_the_contributor_form(contributor):
    client = Client()
    for n in range(10):
        admin_login(client, f"guess-{n}", username=contributor.email, REMOTE_ADDR="198.51.100.5")
    response = contributor_login(client, contributor.email, PASSWORD, REMOTE_ADDR="198.51.100.5")
    assert response.status_code == 429
    assert not logged_in_as(client)


def test_login_counters_survive_an_emptied_cache(contributor):
    client = Client()
    for n in range(10):
        contributor_login(client, contributor.email, f"guess-{n}", REMOTE_ADDR="198.51.100.6")
    cache.clear()
    response = contributor_login(client, contributor.email, PASSWORD, REMOTE_ADDR="198.51.100.6")
    assert response.status_code == 429
    assert not logged_in_as(client)


@override_settings(TRUSTED_PROXIES=["127.0.0.1"])
def test_clients_behind_a_trusted_proxy_have_their_own_counters(admin):
    client = Client()
    for n in range(10):
        admin_login(
            client, f"guess-{n}", REMOTE_ADDR="127.0.0.1", HTTP_X_FORWARDED_FOR="198.51.100.1"
        )
    assert (
        admin_login(
            client, ADMIN_PASSWORD, REMOTE_ADDR="127.0.0.1", HTTP_X_FORWARDED_FOR="198.51.100.1"
        ).status_code
        == 429
    )
    other = Client()
    assert (
        admin_login(
            other, ADMIN_PASSWORD, REMOTE_ADDR="127.0.0.1", HTTP_X_FORWARDED_FOR="198.51.100.2"
        ).status_code
        == 302
    )


@override_settings(TRUSTED_PROXIES=["127.0.0.1"])
def test_an_untrusted_client_cannot_escape_its_counter_with_x_forwarded_for(admin):
    client = Client()
    for n in range(10):
        admin_login(
            client,
            f"guess-{n}",
            REMOTE_ADDR="203.0.113.20",
            HTTP_X_FORWARDED_FOR=f"198.51.100.{n + 10}",
        )
    response = admin_login(
        client, ADMIN_PASSWORD, REMOTE_ADDR="203.0.113.20", HTTP_X_FORWARDED_FOR="198.51.100.99"
    )
    assert response.status_code == 429


def test_admin_password_reset_mails_are_capped(admin):
    client = Client()
    known = [
        client.post(ADMIN_RESET, {"email": admin.email}, REMOTE_ADDR="192.0.2.30")
        for _ in range(15)
    ]
    assert len(mail.outbox) == 5
    assert [r.status_code for r in known] == [302] * 5 + [200] * 10
    assert "För många begäranden om nytt lösenord" in known[-1].content.decode()


def test_password_reset_answers_the_same_whether_or_not_the_account_exists(admin):
    client = Client()
    answers = {}
    for address in (admin.email, "nobody@example.org"):
        # From seven clients: the address's own limit cuts in after five.
        answers[address] = [
            (response.status_code, response.get("Location"))
            for response in (
                client.post(ADMIN_RESET, {"email": address}, REMOTE_ADDR=f"192.0.2.{n}")
                for n in range(7)
            )
        ]
    expected = [(302, "/admin/password_reset/done/")] * 5 + [(200, None)] * 2
    assert answers[admin.email] == answers["nobody@example.org"] == expected
    assert len(mail.outbox) == 5


def test_password_reset_counters_are_shared_by_both_forms_and_survive_the_cache(contributor):
    client = Client()
    for _ in range(3):
        client.post(ADMIN_RESET, {"email": contributor.email}, REMOTE_ADDR="192.0.2.40")
    cache.clear()
    for _ in range(5):
        client.post(url("password_reset"), {"email": contributor.email}, REMOTE_ADDR="192.0.2.40")
    assert len(mail.outbox) == 5


def test_a_request_without_an_address_is_counted_without_failing(admin):
    """gunicorn on a Unix socket gives no REMOTE_ADDR."""
    client = Client()
    statuses = [admin_login(client, f"guess-{n}", REMOTE_ADDR="").status_code for n in range(10)]
    assert statuses == [200] * 9 + [429]


def test_an_over_long_user_name_is_a_failed_log_in_not_an_error(admin, contributor):
    """The throttle records the name it was given; one longer than its column
    (PostgreSQL enforces the length) answered 500."""
    long_name = "9" * 300
    client = Client(HTTP_ACCEPT_LANGUAGE="en")
    assert admin_login(client, "wrong", username=long_name).status_code == 200
    assert contributor_login(client, long_name, "wrong").status_code == 200
    assert not logged_in_as(client)
    assert AccessAttempt.objects.filter(username="9" * 255).exists()
