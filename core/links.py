"""Absolute addresses for e-mails and calendar files, and the errors of the
signed links in them (activities' cancellation, alerts)."""

from django.conf import settings


class LinkInvalid(Exception):
    pass


class LinkExpired(LinkInvalid):
    pass


def base_url():
    return settings.WAGTAILADMIN_BASE_URL.rstrip("/")


def absolute(url):
    return url if url.startswith(("http://", "https://")) else base_url() + url
