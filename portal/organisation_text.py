"""Site pages that name who runs the portal keep placeholders such as
[organisation] or [email] in their text; they are filled in from the
Organisation setting (core.models) each time the page is shown, so that an
editor's change of the setting shows on every page at once."""

from django.template.loader import render_to_string
from django.utils.formats import date_format
from django.utils.html import escape, format_html
from django.utils.safestring import mark_safe
from django.utils.translation import gettext as _

from core.models import Organisation

# Placeholders an editor may write in a standard page's body.
PLACEHOLDERS = (
    "organisation",
    "org_number",
    "address",
    "email",
    "phone",
    "dpo_email",
    "assessed",
    "page_updated",
    "contact_details",
)


def _mail_link(address):
    return format_html('<a href="mailto:{0}">{0}</a>', address) if address else ""


def organisation_values(organisation, language, page=None):
    """HTML for each placeholder in a language."""
    name = organisation.display_name(language) or "Erfarenhetsbanken"
    assessed = organisation.accessibility_assessed
    updated = getattr(page, "last_published_at", None)
    return {
        "organisation": escape(name),
        "org_number": escape(organisation.org_number),
        "address": escape(", ".join(organisation.address.splitlines())),
        "email": _mail_link(organisation.email),
        "phone": escape(organisation.phone),
        "dpo_email": _mail_link(organisation.dpo_email or organisation.email),
        "assessed": date_format(assessed, "j F Y") if assessed else _("(no date set)"),
        "page_updated": date_format(updated, "j F Y") if updated else "",
        "contact_details": render_to_string(
            "components/organisation_details.html",
            {"name": name, "organisation": organisation},
        ),
    }


def fill_in(html, request, language, page=None):
    """Rendered rich text with the placeholders replaced; a block placeholder
    alone in its paragraph replaces the paragraph."""
    if "[" not in html:
        return html
    organisation = Organisation.load(request_or_site=request)
    values = organisation_values(organisation, language, page)
    html = str(html)
    for key in PLACEHOLDERS:
        html = html.replace(f"<p>[{key}]</p>", values[key]).replace(f"[{key}]", values[key])
    return mark_safe(html)  # noqa: S308 - the page's own rich text and escaped values
