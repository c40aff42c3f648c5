"""The portal's languages, from settings.LANGUAGES (Swedish first), and the
language of the request being served, worked out in one place."""

from django.conf import settings
from django.utils import translation


def language_codes():
    """("sv", "en"): every language the portal is in, the default first."""
    return tuple(code for code, _name in settings.LANGUAGES)


def current_language():
    """The active language's code without a region ("sv", "en")."""
    return (translation.get_language() or settings.LANGUAGE_CODE).split("-")[0]
