"""E-mails to contributors and editors, in the case's (or the page's) language."""

from django.core.mail import send_mail
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils import translation

from core.links import absolute


def send(template, to, context, language):
    """Render contributions/emails/<template>_subject.txt and .txt and send."""
    if not to:
        return
    with translation.override(language):
        context = {
            "site_name": "Erfarenhetsbanken",
            "my_contributions_url": absolute(reverse("contributions:my_contributions")),
            **context,
        }
        subject = render_to_string(f"contributions/emails/{template}_subject.txt", context)
        body = render_to_string(f"contributions/emails/{template}.txt", context)
    send_mail(" ".join(subject.split()), body, None, to if isinstance(to, list) else [to])
