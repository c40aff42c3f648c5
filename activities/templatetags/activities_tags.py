from django import template
from django.conf import settings
from wagtail.models import Locale

from activities.listing import upcoming_activities as upcoming

register = template.Library()


@register.inclusion_tag("activities/includes/upcoming.html", takes_context=True)
def upcoming_activities(context, limit=3):
    """The next activities in the page's language, for the home page."""
    from activities.models import ActivityIndexPage

    language = context.get("current_language", settings.LANGUAGE_CODE)
    locale = Locale.objects.filter(language_code=language).first()
    if locale is None:
        return {"activities": [], "index": None}
    return {
        "activities": upcoming(locale, limit),
        "index": ActivityIndexPage.objects.live().filter(locale=locale).first(),
        "request": context.get("request"),
    }


@register.simple_tag(takes_context=True)
def activity_json_ld(context, page):
    """The activity as a schema.org Event, in a JSON-LD script block."""
    from activities.structured_data import activity_event
    from core.seo import json_ld_script

    return json_ld_script(activity_event(page, context.get("request")))
