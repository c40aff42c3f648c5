"""What readers typed is kept SEARCH_LOG_RETENTION_DAYS (90 by default), then
the daily purge deletes it."""

import pytest
from django.core.management import call_command
from freezegun import freeze_time

from search.models import LoggedQuery

pytestmark = pytest.mark.django_db


def _logged(query, when):
    with freeze_time(when):
        LoggedQuery.objects.create(query=query, language="sv", hits=0)


def test_the_purge_deletes_queries_older_than_the_retention_and_keeps_newer():
    _logged("anna andersson", "2025-01-01 12:00")
    _logged("chattbot", "2025-01-03 12:00")
    with freeze_time("2025-04-02 12:00"):  # 91 and 89 days later
        call_command("purge_personal_data")
    assert list(LoggedQuery.objects.values_list("query", flat=True)) == ["chattbot"]


def test_the_retention_is_a_setting(settings):
    settings.SEARCH_LOG_RETENTION_DAYS = 7
    _logged("anna andersson", "2025-01-01 12:00")
    _logged("chattbot", "2025-01-05 12:00")
    with freeze_time("2025-01-10 12:00"):
        call_command("purge_personal_data")
    assert list(LoggedQuery.objects.values_list("query", flat=True)) == ["chattbot"]
