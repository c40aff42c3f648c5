"""The client address django-axes counts by, and what a client sees when
axes has paused its log-ins (settings: the log-in throttle block in
portal/settings/base.py)."""

import ipaddress

from axes.helpers import get_cool_off
from django.http import HttpResponse
from django.template.loader import render_to_string
from django.utils import translation

from core.client_address import client_ip


def client_address(request):
    """core.client_address.client_ip, or None when the server gave no
    address (a Unix socket): axes stores it in an IP address column."""
    address = client_ip(request)
    try:
        return str(ipaddress.ip_address(address))
    except ValueError:
        return None


# The length of django-axes' username column: a longer name failed to save
# (PostgreSQL enforces it) and answered 500 instead of "wrong password".
USERNAME_STORED = 255


def username(request, credentials=None):
    """The name a failed log-in is recorded under, cut to what axes stores."""
    if credentials:
        name = credentials.get("username")
    else:
        name = getattr(request, "POST", {}).get("username")
    return name[:USERNAME_STORED] if isinstance(name, str) else name


def _language(request):
    """The page's language; on the admin's paths, which have no language
    prefix, the browser's (Swedish unless it asks for English)."""
    if request.path.startswith("/admin/"):
        language = translation.get_language_from_request(request)
    else:
        language = translation.get_language()
    return "en" if (language or "").startswith("en") else "sv"


def lockout_response(request, original_response=None, credentials=None):
    """429 in the reader's language: how long to wait, and the way back to
    the form the attempt came from (it opens again after the cool-off)."""
    seconds = int(get_cool_off(request).total_seconds())
    language = _language(request)
    with translation.override(language):
        html = render_to_string(
            "portal/login_locked.html",
            {
                "language": language,
                "home": "/en/" if language == "en" else "/",
                "search": "/en/search/" if language == "en" else "/sok/",
                "minutes": -(-seconds // 60),
                "login_url": request.path,
            },
        )
    response = HttpResponse(html, status=429)
    response["Retry-After"] = str(seconds)
    return response
