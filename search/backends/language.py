"""Which language an indexed object is written in, for per-language analysis."""

CONFIGS = {"sv": "swedish", "en": "english"}


def object_language(obj):
    """The object's locale language code ("sv", "en"), or None when it has none."""
    locale = getattr(obj, "locale", None)
    code = getattr(locale, "language_code", None)
    return code.split("-")[0] if code else None


def text_search_config(obj, default="simple"):
    return CONFIGS.get(object_language(obj), default)
