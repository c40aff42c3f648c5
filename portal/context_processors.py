from django.conf import settings
from django.utils import translation


def site_context(request):
    language = (translation.get_language() or settings.LANGUAGE_CODE).split("-")[0]
    return {
        "current_language": language,
        "languages": settings.LANGUAGES,
    }
