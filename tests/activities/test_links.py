"""The links in e-mails and calendar files lead to the portal's configured
address: BASE_URL, else the default Wagtail Site's hostname and port."""

import pytest
from django.core import mail
from django.core.exceptions import ImproperlyConfigured
from django.test import override_settings
from icalendar import Calendar
from wagtail.models import Site

from activities.models import ActivityPage
from activities.registration import register
from core.links import require_base_url
from tests.activities.conftest import person


def confirmation(activity, language):
    register(activity, [person(email="eva@example.se")], organisation="Vinnova", language=language)
    message = mail.outbox[-1]
    [event] = Calendar.from_ical(message.attachments[0][1]).walk("VEVENT")
    return message.body, str(event["DESCRIPTION"])


def english(activity):
    return ActivityPage.objects.get(
        locale__language_code="en", translation_key=activity.translation_key
    )


@pytest.mark.parametrize("language", ["sv", "en"])
@override_settings(BASE_URL="https://erfarenhetsbanken.partsradet.se")
def test_email_and_calendar_links_follow_base_url(make_activity, language):
    activity = make_activity(english=True)
    if language == "en":
        activity = english(activity)
    body, description = confirmation(activity, language)
    page_url = f"https://erfarenhetsbanken.partsradet.se{activity.url}"
    assert page_url in body and page_url in description
    cancel = "/en/activities/cancel/" if language == "en" else "/aktiviteter/avboka/"
    assert f"https://erfarenhetsbanken.partsradet.se{cancel}" in body
    assert "127.0.0.1:8000" not in body


@pytest.mark.parametrize("language", ["sv", "en"])
@override_settings(BASE_URL="")
def test_without_base_url_links_follow_the_sites_hostname_and_port(make_activity, language):
    Site.objects.filter(is_default_site=True).update(hostname="127.0.0.1", port=8001)
    activity = make_activity(english=True)
    if language == "en":
        activity = english(activity)
    body, description = confirmation(activity, language)
    assert f"http://127.0.0.1:8001{activity.url}" in body
    assert f"http://127.0.0.1:8001{activity.url}" in description
    assert "127.0.0.1:8000" not in body


@override_settings(BASE_URL="")
def test_production_refuses_without_a_public_address(site):
    for placeholder in ("localhost", "127.0.0.1", "erfarenhetsbanken.example.se"):
        Site.objects.filter(is_default_site=True).update(hostname=placeholder)
        with pytest.raises(ImproperlyConfigured, match="BASE_URL must be set"):
            require_base_url()
    Site.objects.filter(is_default_site=True).update(
        hostname="erfarenhetsbanken.partsradet.se", port=443
    )
    require_base_url()
    with override_settings(BASE_URL="https://erfarenhetsbanken.partsradet.se"):
        Site.objects.filter(is_default_site=True).update(hostname="localhost", port=80)
        require_base_url()
