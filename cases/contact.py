"""Writing to a case's contact person without seeing their address.

The form is on a page of its own under the case (`contact/`), never cached,
so the case page itself stays the same for every reader. The message goes to
the contact with the sender as Reply-To, and a copy goes to the sender; what
the sender wrote is kept nowhere but in the two e-mails."""

from django import forms
from django.conf import settings
from django.core.mail import EmailMessage
from django.template.loader import render_to_string
from django.utils import translation
from django.utils.translation import gettext_lazy as _

from core.control_characters import without_control_characters

MESSAGE_MAX_LENGTH = 5000


class ContactForm(forms.Form):
    name = forms.CharField(label=_("Your name"), max_length=200)
    email = forms.EmailField(label=_("Your e-mail address"), max_length=254)
    agency = forms.CharField(label=_("Your agency or organisation"), max_length=200)
    message = forms.CharField(
        label=_("Message"),
        max_length=MESSAGE_MAX_LENGTH,
        widget=forms.Textarea(attrs={"rows": 8}),
        help_text=_("At most %(limit)d characters.") % {"limit": MESSAGE_MAX_LENGTH},
    )

    def clean(self):
        cleaned = super().clean()
        for name in ("name", "agency", "message"):
            if cleaned.get(name):
                cleaned[name] = without_control_characters(cleaned[name]).strip()
        return cleaned


def _render(template, context):
    subject = render_to_string(f"cases/emails/{template}_subject.txt", context)
    body = render_to_string(f"cases/emails/{template}.txt", context)
    return " ".join(subject.split()), body


def send_contact_message(page, sender, case_url):
    """The message to the case's contact (in the case's language) and a copy
    to the sender (in theirs, the language of the page they wrote on)."""
    context = {**sender, "case_title": page.title, "case_url": case_url, "page": page}
    with translation.override(page.locale.language_code):
        subject, body = _render("contact", context)
    EmailMessage(
        subject, body, settings.DEFAULT_FROM_EMAIL, [page.contact_email], reply_to=[sender["email"]]
    ).send()
    subject, body = _render("contact_copy", context)
    EmailMessage(subject, body, settings.DEFAULT_FROM_EMAIL, [sender["email"]]).send()
