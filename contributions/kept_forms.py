"""A case form carried from one request to the next of a signed-in
contributor (after logging in on the form itself): kept in their own session,
never in a shared cache, bounded in size, and taken once. Another session,
another person's included, finds nothing under the token."""

import secrets

from django.conf import settings
from django.http import QueryDict

SESSION_KEY = "contributions:kept-forms"
MAX_FORMS = 3  # a few open tabs; the oldest goes first
NOT_FORM_FIELDS = (
    "csrfmiddlewaretoken",
    "username",
    "password",
    "resume",
    "kept_image",
    "forget_kept_image",
)


class TooLarge(Exception):
    pass


def max_bytes():
    return getattr(settings, "CONTRIBUTIONS_KEPT_FORM_MAX_BYTES", 256 * 1024)


def form_fields(post):
    """The case form's own fields of a POST (no token, no log-in fields)."""
    data = post.copy()
    for name in NOT_FORM_FIELDS:
        data.pop(name, None)
    return data


def keep(request, data):
    """Keep `data` (a QueryDict) in the signed-in user's session; the token."""
    if not request.user.is_authenticated:
        raise PermissionError("only a signed-in user's form is kept")
    raw = data.urlencode()
    if len(raw.encode()) > max_bytes():
        raise TooLarge
    token = secrets.token_urlsafe(16)
    kept = dict(list(request.session.get(SESSION_KEY, {}).items())[-(MAX_FORMS - 1) :])
    kept[token] = raw
    request.session[SESSION_KEY] = kept
    return token


def take(request, token):
    """The form kept under `token` in this session, once; else None."""
    if not token or not request.user.is_authenticated:
        return None
    kept = request.session.get(SESSION_KEY, {})
    raw = kept.pop(token, None)
    if raw is None:
        return None
    request.session[SESSION_KEY] = kept
    return QueryDict(raw)
