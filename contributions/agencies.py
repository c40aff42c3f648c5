"""Which agency an e-mail address belongs to (the Agency snippet's domains)."""

from wagtail.models import Locale

from cases.snippets import Agency


def email_domain(address):
    return address.rsplit("@", 1)[-1].strip().lower() if "@" in address else ""


def agency_for_email(address):
    """The agency (in the default language when it exists there) whose e-mail
    domains include the address's domain, or None. Only an exact domain match
    counts: "mail.skatteverket.se" is not "skatteverket.se"."""
    domain = email_domain(address)
    if not domain:
        return None
    default = Locale.get_default()
    candidates = Agency.objects.exclude(email_domains="").order_by("-locale_id")
    matches = [a for a in candidates if domain in a.domain_list]
    for agency in matches:
        if agency.locale_id == default.pk:
            return agency
    return matches[0] if matches else None
