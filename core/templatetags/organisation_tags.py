"""Who runs the portal, for any template: its name in the page's language and
the address of its contact page (the Organisation setting)."""

from django import template

from core.languages import current_language
from core.models import Organisation

register = template.Library()


def _organisation(context):
    return Organisation.load(request_or_site=context.get("request"))


@register.simple_tag(takes_context=True)
def organisation_name(context):
    return _organisation(context).display_name(current_language())


@register.simple_tag(takes_context=True)
def contact_url(context):
    """The contact page in the page's language; without one, a mailto: link
    to the organisation's address; without that, an empty string."""
    organisation = _organisation(context)
    url = organisation.contact_url(current_language(), context.get("request"))
    if url:
        return url
    return f"mailto:{organisation.email}" if organisation.email else ""
