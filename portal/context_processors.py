from django.conf import settings
from django.utils import translation
from django.utils.functional import SimpleLazyObject

from portal.fragments import content_generation


def site_context(request):
    language = (translation.get_language() or settings.LANGUAGE_CODE).split("-")[0]
    return {
        "current_language": language,
        "languages": settings.LANGUAGES,
        # For {% cache %} around shared parts of a page (see portal.fragments).
        "content_generation": SimpleLazyObject(lambda: content_generation(request)),
        "fragment_seconds": settings.FRAGMENT_CACHE_SECONDS,
    }
