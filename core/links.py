"""Absolute addresses for e-mails and calendar files, and the errors of the
signed links in them (activities' cancellation, alerts).

The address is BASE_URL when the operator sets it (`make run` and `make serve`
set it from the port they serve on), else the default Wagtail Site's root URL
(its hostname and port, set in the admin under Settings > Sites)."""

from django.conf import settings
from django.core.exceptions import ImproperlyConfigured
from django.db import DatabaseError

PLACEHOLDER_HOSTS = {"localhost", "127.0.0.1", "::1", "0.0.0.0"}  # noqa: S104 (a name, not a bind)


class LinkInvalid(Exception):
    pass


class LinkExpired(LinkInvalid):
    pass


def _default_site():
    from wagtail.models import Site

    return Site.objects.filter(is_default_site=True).first()


def base_url():
    if settings.BASE_URL:
        return settings.BASE_URL.rstrip("/")
    site = _default_site()
    return site.root_url.rstrip("/") if site else ""


def absolute(url):
    return url if url.startswith(("http://", "https://")) else base_url() + url


def is_real_hostname(hostname):
    """A name readers can reach: not a loopback address or an example domain."""
    hostname = (hostname or "").strip().lower()
    if not hostname or hostname in PLACEHOLDER_HOSTS or hostname.endswith(".localhost"):
        return False
    return not any(part in {"example", "invalid", "test"} for part in hostname.split("."))


def require_base_url():
    """Production's start-up check: links in e-mails need the public address,
    from BASE_URL or from a default Site with a real hostname."""
    if settings.BASE_URL:
        return
    try:
        site = _default_site()
    except DatabaseError:
        site = None
    if site is None or not is_real_hostname(site.hostname):
        raise ImproperlyConfigured(
            "BASE_URL must be set to the portal's public address (for example "
            "https://erfarenhetsbanken.example.se), or the default site in the admin "
            "(Settings > Sites) must have the real hostname: e-mails and calendar "
            "files link to it."
        )
