"""The client's address and scheme are taken from forwarded headers only when
a trusted proxy sends them."""

import pytest
from django.http import HttpResponse
from django.test import RequestFactory, override_settings

from core.client_address import TrustedProxyMiddleware, client_ip


def seen(**meta):
    """What the views after the middleware see: (client address, is_secure)."""
    captured = {}

    def view(request):
        captured["ip"] = client_ip(request)
        captured["secure"] = request.is_secure()
        return HttpResponse()

    TrustedProxyMiddleware(view)(RequestFactory().get("/", **meta))
    return captured["ip"], captured["secure"]


def test_without_trusted_proxies_forwarded_headers_are_ignored():
    assert seen(
        REMOTE_ADDR="203.0.113.9",
        HTTP_X_FORWARDED_FOR="198.51.100.1",
        HTTP_X_FORWARDED_PROTO="https",
    ) == ("203.0.113.9", False)


@override_settings(TRUSTED_PROXIES=["10.0.0.0/8", "127.0.0.1"])
@pytest.mark.parametrize(
    ("remote", "forwarded", "expected"),
    [
        ("127.0.0.1", "198.51.100.7", "198.51.100.7"),
        # a client cannot prepend its own choice: the nearest untrusted hop counts
        ("127.0.0.1", "1.2.3.4, 198.51.100.7", "198.51.100.7"),
        ("127.0.0.1", "198.51.100.7, 10.1.2.3", "198.51.100.7"),
        ("127.0.0.1", "garbage", "127.0.0.1"),
        ("127.0.0.1", "", "127.0.0.1"),
        # not a trusted proxy: its header counts for nothing
        ("203.0.113.9", "198.51.100.7", "203.0.113.9"),
    ],
)
def test_the_address_the_nearest_trusted_proxy_saw(remote, forwarded, expected):
    assert seen(REMOTE_ADDR=remote, HTTP_X_FORWARDED_FOR=forwarded)[0] == expected


@override_settings(TRUSTED_PROXIES=["127.0.0.1"])
def test_the_scheme_is_believed_only_from_a_trusted_proxy():
    assert seen(REMOTE_ADDR="127.0.0.1", HTTP_X_FORWARDED_PROTO="https")[1] is True
    assert seen(REMOTE_ADDR="203.0.113.9", HTTP_X_FORWARDED_PROTO="https")[1] is False
