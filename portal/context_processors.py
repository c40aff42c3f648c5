from django.conf import settings

from core.languages import current_language


def site_context(request):
    language = current_language()
    return {
        "current_language": language,
        "languages": settings.LANGUAGES,
    }
