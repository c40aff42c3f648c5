"""Following a view by e-mail: the form, double opt-in, the manage page and the
rate limit, in both languages."""

import pytest
from django.core import mail
from django.test import override_settings
from freezegun import freeze_time

from alerts.links import manage_url
from alerts.models import Alert
from tests.alerts.conftest import PATHS, link_in, path_of

pytestmark = pytest.mark.django_db


@pytest.mark.parametrize(
    "language, words",
    [
        ("sv", ["Bevaka via e-post", "Sökord", "kundtjänst", "Tema", "AI och automatisering"]),
        ("en", ["Follow by e-mail", "Search words", "kundtjänst", "Theme", "AI and automation"]),
    ],
)
def test_the_form_says_in_words_what_is_followed(client, site, language, words):
    response = client.get(PATHS[language], {"q": "kundtjänst", "theme": "ai-automation"})
    assert response.status_code == 200
    text = response.content.decode()
    for word in words:
        assert word in text
    assert 'name="theme" value="ai-automation"' in text
    assert "no-store" in response["Cache-Control"] or "no-cache" in response["Cache-Control"]


def test_an_unknown_filter_is_named_in_the_readers_language(client, site):
    response = client.get(PATHS["sv"], {"theme": "finns-inte"})
    assert response.status_code == 400
    assert "finns-inte" in response.content.decode()
    assert "Okänt värde" in response.content.decode()


@pytest.mark.parametrize("language", ["sv", "en"])
def test_nothing_is_followed_before_the_link_is_opened(client, subscribe, language):
    response = subscribe(language, q="kundtjänst", theme=["ai-automation", "skills"])
    assert response.status_code == 200
    alert = Alert.objects.get()
    assert alert.confirmed_at is None
    assert alert.language == language
    assert alert.query == "kundtjänst"
    assert alert.filters == {"theme": ["ai-automation", "skills"]}
    assert len(mail.outbox) == 1
    message = mail.outbox[0]
    assert message.to == ["lasare@example.se"]
    expected = "Bekräfta din bevakning" if language == "sv" else "Confirm your alert"
    assert expected in message.subject
    # Opening the link shows a button; only the button confirms (mail scanners follow links).
    confirm = link_in(message, "/bekrafta/" if language == "sv" else "/confirm/")
    assert client.get(confirm).status_code == 200
    alert.refresh_from_db()
    assert alert.confirmed_at is None
    response = client.post(confirm)
    assert response.status_code == 200
    alert.refresh_from_db()
    assert alert.confirmed_at is not None
    # Confirming twice is harmless.
    confirmed_at = alert.confirmed_at
    assert client.post(confirm).status_code == 200
    assert client.get(confirm).status_code == 200
    alert.refresh_from_db()
    assert alert.confirmed_at == confirmed_at
    assert Alert.objects.count() == 1


def test_the_answer_is_the_same_whether_or_not_the_address_follows_already(
    client, subscribe, confirmed_alert
):
    confirmed_alert(q="kundtjänst")
    again = subscribe(q="kundtjänst")
    stranger = subscribe(q="kundtjänst", email="ny@example.se")
    assert again.status_code == stranger.status_code == 200
    assert again.content.decode().replace("lasare@example.se", "ny@example.se") == (
        stranger.content.decode()
    )
    assert Alert.objects.filter(email="lasare@example.se").count() == 1
    already, new = mail.outbox
    assert "redan" in already.subject
    assert "/bevakning/hantera/" in already.body
    assert "/bevakning/bekrafta/" in new.body


@pytest.mark.parametrize(
    "language, token_message",
    [("sv", "Länken fungerar inte"), ("en", "The link does not work")],
)
def test_a_bad_link_gives_a_clear_page(client, site, language, token_message):
    path = "/bevakning/bekrafta/nonsense/" if language == "sv" else "/en/alerts/confirm/nonsense/"
    response = client.get(path)
    assert response.status_code == 400
    assert token_message in response.content.decode()


def test_an_expired_link_gives_a_clear_page(client, subscribe):
    with freeze_time("2026-03-02 10:00"):
        subscribe()
    confirm = link_in(mail.outbox[0], "/bekrafta/")
    with freeze_time("2026-03-10 10:00"):
        response = client.post(confirm)
    assert response.status_code == 410
    assert "Länken har slutat gälla" in response.content.decode()
    assert Alert.objects.get().confirmed_at is None


def test_bad_input_keeps_what_was_typed(client, site):
    response = client.post(
        PATHS["en"], {"email": "not-an-address", "frequency": "weekly", "q": "kundtjänst"}
    )
    assert response.status_code == 200
    text = response.content.decode()
    assert 'value="not-an-address"' in text
    assert "Enter an e-mail address like name@example.se." in text
    assert 'name="q" value="kundtjänst"' in text
    assert not mail.outbox
    assert not Alert.objects.exists()


@pytest.mark.parametrize(
    "language, message",
    [("sv", "Många bevakningar har beställts"), ("en", "Many alerts have been asked for")],
)
@override_settings(ALERTS_SUBSCRIBE_RATE_LIMIT=2)
def test_many_requests_from_one_client_are_refused(subscribe, language, message):
    for n in range(2):
        assert subscribe(language, email=f"person{n}@example.se").status_code == 200
    response = subscribe(language, email="person9@example.se")
    assert response.status_code == 429
    assert message in response.content.decode()
    assert 'value="person9@example.se"' in response.content.decode()
    assert len(mail.outbox) == 2


@pytest.mark.parametrize("language", ["sv", "en"])
def test_the_manage_page_changes_the_frequency_and_ends_alerts(client, confirmed_alert, language):
    first = confirmed_alert(language, q="kundtjänst")
    second = confirmed_alert(language, theme="skills")
    manage = path_of(manage_url(first))
    page = client.get(manage).content.decode()
    assert "kundtjänst" in page
    assert ("Kompetens" if language == "sv" else "Skills") in page
    response = client.post(
        manage, {"alert": second.pk, "action": "frequency", "frequency": "daily"}
    )
    assert response.status_code == 200
    second.refresh_from_db()
    assert second.frequency == "daily"
    # Ending the alert the link names goes on with the other one's page.
    response = client.post(manage, {"alert": first.pk, "action": "delete"})
    assert response.status_code == 302
    assert not Alert.objects.filter(pk=first.pk).exists()
    assert client.get(response["Location"]).status_code == 200
    # No one reaches another address's alerts from this page.
    other = confirmed_alert(language, email="annan@example.se")
    later = path_of(manage_url(second))
    response = client.post(later, {"alert": other.pk, "action": "delete"})
    assert response.status_code == 400
    assert Alert.objects.filter(pk=other.pk).exists()
