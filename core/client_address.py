"""The client's real address and scheme behind the operator's reverse proxies.

`X-Forwarded-For` and `X-Forwarded-Proto` are believed only when the request
comes from an address in TRUSTED_PROXIES; from anyone else they are dropped, so
that no client can pick its own address for throttling, or its own scheme for
the page cache and HTTPS checks. The middleware runs first and rewrites
REMOTE_ADDR, so everything after it (rate limits, login throttling, logs) reads
the real address from one place."""

import ipaddress

from django.conf import settings
from django.core.exceptions import ImproperlyConfigured


def parse_networks(entries):
    """TRUSTED_PROXIES entries (addresses or CIDR ranges) as networks."""
    networks = []
    for entry in entries:
        try:
            networks.append(ipaddress.ip_network(entry.strip(), strict=False))
        except ValueError as error:
            raise ImproperlyConfigured(f"TRUSTED_PROXIES: {entry!r} is not an address") from error
    return tuple(networks)


def is_trusted(address, networks):
    try:
        ip = ipaddress.ip_address(address)
    except ValueError:
        return False
    return any(ip in network for network in networks)


def real_client(remote_addr, forwarded_for, networks):
    """The address the nearest trusted proxy saw: walk X-Forwarded-For from
    the right, past every trusted proxy, to the first address that is not one."""
    if not is_trusted(remote_addr, networks):
        return remote_addr
    hops = [hop.strip() for hop in (forwarded_for or "").split(",") if hop.strip()]
    for hop in reversed(hops):
        if not is_trusted(hop, networks):
            break
    else:  # every hop is a trusted proxy: the first one is the client
        hop = hops[0] if hops else remote_addr
    try:
        return str(ipaddress.ip_address(hop))
    except ValueError:  # a garbled header: keep the proxy's own address
        return remote_addr


class TrustedProxyMiddleware:
    """Rewrite REMOTE_ADDR to the real client and drop forwarded headers that
    no trusted proxy vouches for."""

    def __init__(self, get_response):
        self.get_response = get_response
        self.networks = parse_networks(getattr(settings, "TRUSTED_PROXIES", ()))

    def __call__(self, request):
        meta = request.META
        remote = meta.get("REMOTE_ADDR", "")
        if is_trusted(remote, self.networks):
            meta["REMOTE_ADDR"] = real_client(
                remote, meta.get("HTTP_X_FORWARDED_FOR"), self.networks
            )
        else:
            meta.pop("HTTP_X_FORWARDED_FOR", None)
            meta.pop("HTTP_X_FORWARDED_PROTO", None)
        return self.get_response(request)


def client_ip(request):
    """The client's address (after TrustedProxyMiddleware)."""
    return request.META.get("REMOTE_ADDR") or "unknown"
