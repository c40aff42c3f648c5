from django.conf import settings

from core.languages import current_language


def site_context(request):
    language = current_language()
    return {
        "current_language": language,
        "languages": settings.LANGUAGES,
        # How long templates/base.html keeps the menus and the footer.
        "fragment_cache_seconds": settings.FRAGMENT_CACHE_SECONDS,
    }
