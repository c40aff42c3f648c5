"""Fixtures: subscribing through the form and reading links from the mails."""

import re
from urllib.parse import urlsplit

import pytest
from django.core import mail

from alerts.models import Alert

PATHS = {"sv": "/bevakning/", "en": "/en/alerts/"}


def path_of(url):
    """The path of an absolute link, for the test client."""
    return urlsplit(url).path


def link_in(message, fragment):
    """The first absolute link in a mail whose path holds `fragment`."""
    for url in re.findall(r"https?://\S+", message.body):
        if fragment in url:
            return path_of(url)
    raise AssertionError(f"no link with {fragment!r} in:\n{message.body}")


@pytest.fixture
def subscribe(client, site):
    """POST the form in a language; returns the response."""

    def _subscribe(language="sv", email="lasare@example.se", frequency="weekly", **view):
        data = {"email": email, "frequency": frequency, **view}
        return client.post(PATHS[language], data)

    return _subscribe


@pytest.fixture
def confirmed_alert(client, subscribe):
    """Subscribe and confirm through the mailed link; returns the Alert."""

    def _confirmed(language="sv", **kwargs):
        mail.outbox.clear()
        assert subscribe(language, **kwargs).status_code == 200
        confirm = link_in(mail.outbox[-1], "/bekrafta/" if language == "sv" else "/confirm/")
        assert client.post(confirm).status_code == 200
        mail.outbox.clear()
        return Alert.objects.order_by("-pk").first()

    return _confirmed
