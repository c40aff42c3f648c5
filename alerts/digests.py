"""Digests: for each confirmed alert, the cases of its language published or
substantially updated since its previous digest (or since it was confirmed)
that match its view, found with the search page's own filters and matching
(search.service).

A case is new when first published in the window (since, until]. "Updated"
is a date (CaseStudyPage.updated), so updates count by whole days: the days
from since's date up to, not including, until's date, for cases published
before those days. Consecutive windows so cover each day once, and a second
run at once covers nothing."""

from datetime import datetime, time

from django.db import transaction
from django.db.models import Q
from django.utils import timezone

from alerts.emails import digest_message
from alerts.followed import stored_view
from alerts.models import Alert
from cases.queries import NEWEST, for_cards, published_cases
from search.service import answered, match, searchable_cases


def _start_of(day):
    return timezone.make_aware(datetime.combine(day, time.min))


def digest_cases(alert, since, until):
    """The cases for `alert`'s digest covering (since, until], newest first,
    each marked with `digest_kind` ("new" or "updated")."""
    params = stored_view(alert).search_params(alert.language)
    since_day, until_day = timezone.localdate(since), timezone.localdate(until)
    new = Q(first_published_at__gt=since, first_published_at__lte=until)
    updated = Q(
        updated__gte=since_day, updated__lt=until_day, first_published_at__lt=_start_of(since_day)
    )
    ids = list(searchable_cases(params).filter(new | updated).values_list("pk", flat=True))
    if ids and params.words:
        # Matched on cases by id, a field every search index filters by.
        candidates = published_cases().filter(pk__in=ids)
        ids = answered(
            params,
            lambda backend, engine: list(
                candidates.filter(
                    pk__in=match(backend, params, candidates, engine).matching()
                ).values_list("pk", flat=True)
            ),
        )[0]
    cases = list(for_cards(published_cases().filter(pk__in=ids)).order_by(*NEWEST))
    for case in cases:
        is_new = case.first_published_at and case.first_published_at > since
        case.digest_kind = "new" if is_new else "updated"
    return cases


def send_digests(frequency, now=None):
    """Send what is due to the confirmed alerts of `frequency`; return how
    many digests were sent. Each alert's progress is saved in the same
    transaction as its queued mail, so no digest goes out twice."""
    now = now or timezone.now()
    sent = 0
    due = Alert.objects.filter(frequency=frequency, confirmed_at__isnull=False)
    for pk in due.order_by("pk").values_list("pk", flat=True):
        with transaction.atomic():
            alert = due.select_for_update().filter(pk=pk).first()
            if alert is None:  # unsubscribed or changed meanwhile
                continue
            since = alert.sent_until or alert.confirmed_at
            if since >= now:
                continue
            cases = digest_cases(alert, since, now)
            if cases:
                digest_message(alert, cases).send()
                sent += 1
            alert.sent_until = now
            alert.save(update_fields=["sent_until"])
    return sent
