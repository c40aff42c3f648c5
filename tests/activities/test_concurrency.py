"""Never overbook: many registrations at once on PostgreSQL.

Selected with `-m postgres` (make test-postgres); it needs real row locks and
concurrent connections, which SQLite does not have, so it fails loudly there."""

import datetime
from concurrent.futures import ThreadPoolExecutor

import pytest
from django.db import connection, connections
from django.utils import timezone
from wagtail.models import Locale

from activities.models import ActivityPage, ActivityType, Participant, Registration
from activities.registration import Person, register


@pytest.mark.postgres
@pytest.mark.django_db(transaction=True)
def test_200_concurrent_registrations_for_50_places():
    if connection.vendor != "postgresql":
        pytest.fail("The concurrency test needs PostgreSQL: set DATABASE_URL=postgres://…")
    from portal.activity_demo import ensure_index_pages
    from portal.site_setup import ensure_site_structure

    ensure_site_structure()
    index = ensure_index_pages()["sv"]
    now = timezone.now()
    activity = ActivityPage(
        locale=Locale.objects.get(language_code="sv"),
        title="Fullsatt innovationsdag",
        slug="fullsatt",
        summary="Många vill komma.",
        activity_type=ActivityType.INNOVATION_DAY,
        starts_at=now + datetime.timedelta(days=5),
        ends_at=now + datetime.timedelta(days=5, hours=6),
        venue="Tekniska museet",
        organiser="Erfarenhetsbanken",
        capacity=50,
        registration_opens_at=now - datetime.timedelta(days=1),
        registration_closes_at=now + datetime.timedelta(days=4),
    )
    index.add_child(instance=activity)
    activity.save_revision().publish()

    def attempt(n):
        try:
            page = ActivityPage.objects.get(pk=activity.pk)
            return register(
                page, [Person(f"Person {n}", f"person{n}@example.se")], organisation="Vinnova"
            ).status
        finally:
            connections.close_all()

    with ThreadPoolExecutor(max_workers=16) as pool:
        results = list(pool.map(attempt, range(200)))

    assert results.count("confirmed") == 50
    assert results.count("waiting") == 150
    registrations = Registration.objects.filter(activity=activity)
    assert registrations.filter(status="confirmed").count() == 50
    assert registrations.filter(status="waiting").count() == 150
    emails = list(Participant.objects.filter(activity=activity).values_list("email", flat=True))
    assert len(emails) == len(set(emails)) == 200
    # The waiting list is in arrival order, and the confirmed came first.
    last_confirmed = registrations.filter(status="confirmed").order_by("-created_at").first()
    first_waiting = registrations.filter(status="waiting").order_by("created_at").first()
    assert last_confirmed.created_at <= first_waiting.created_at
