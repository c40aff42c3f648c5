"""core.ratelimit counts in the database: nothing a visitor does to the
cache resets it, and a window is fixed from its first attempt."""

import pytest
from django.core.cache import cache
from django.test import RequestFactory, override_settings
from freezegun import freeze_time

from core.ratelimit import over_limit

pytestmark = pytest.mark.django_db


def request_from(address):
    return RequestFactory().post("/", REMOTE_ADDR=address)


def test_counters_survive_an_emptied_cache():
    request = request_from("192.0.2.1")
    assert [over_limit("test", request, limit=2, window=60) for _ in range(2)] == [False, False]
    cache.clear()
    assert over_limit("test", request, limit=2, window=60) is True


def test_counters_survive_a_cache_flooded_by_visitors():
    request = request_from("192.0.2.2")
    for _ in range(2):
        over_limit("test", request, limit=2, window=60)
    for n in range(2000):  # what ~600 GETs with new query strings did to the page cache
        cache.set(f"flood-{n}", "x" * 1000)
    assert over_limit("test", request, limit=2, window=60) is True


@pytest.mark.parametrize("backend", ["locmem.LocMemCache", "filebased.FileBasedCache"])
def test_the_window_is_fixed_from_the_first_attempt(backend, tmp_path):
    caches = {
        "default": {"BACKEND": f"django.core.cache.backends.{backend}", "LOCATION": str(tmp_path)}
    }
    with override_settings(CACHES=caches):
        check_fixed_window(request_from("192.0.2.3"))


def check_fixed_window(request):
    with freeze_time("2026-03-02 10:00:00"):
        assert over_limit("test", request, limit=2, window=300) is False
    with freeze_time("2026-03-02 10:04:00"):
        assert over_limit("test", request, limit=2, window=300) is False
    # Later attempts did not stretch the window: a new one has begun.
    with freeze_time("2026-03-02 10:05:30"):
        assert over_limit("test", request, limit=2, window=300) is False
        assert over_limit("test", request, limit=2, window=300) is False
        assert over_limit("test", request, limit=2, window=300) is True


def test_each_address_and_each_client_has_its_own_count():
    for _ in range(3):
        over_limit("test", request_from("192.0.2.4"), "anna@example.org", limit=3)
    # Another e-mail address from the same client: the client is over its limit.
    assert over_limit("test", request_from("192.0.2.4"), "bo@example.org", limit=3) is True
    # The same e-mail address from another client: the address is over its limit.
    assert over_limit("test", request_from("192.0.2.5"), "ANNA@example.org", limit=3) is True
    # Neither seen before.
    assert over_limit("test", request_from("192.0.2.6"), "cia@example.org", limit=3) is False


def test_expired_counters_are_deleted():
    from core.models import RateLimitCounter

    with freeze_time("2026-03-02 10:00"):
        for n in range(5):
            over_limit("test", request_from(f"192.0.2.{n + 10}"), limit=2, window=60)
    with freeze_time("2026-03-02 10:02"):
        over_limit("test", request_from("192.0.2.99"), limit=2, window=60)
    assert RateLimitCounter.objects.count() == 1
