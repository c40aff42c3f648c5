"""Control characters: removed wherever people type text, refused in the
case-exchange import, stripped from content models when they are saved
(the Wagtail admin included) and from stored text the feeds write as XML.

Control characters are C0 (except tab, newline and carriage return), DEL and
C1, and lone surrogates (which JSON escapes such as "\\ud800" can carry and
no database can store). XML 1.0 cannot hold most of them."""

import re

from django.db.models import CharField, TextField
from django.db.models.signals import pre_save
from wagtail.models import Page

CONTROL_CHARACTERS = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\x7f-\x9f\ud800-\udfff]")

# Apps whose models hold text people wrote (besides every Wagtail page).
TEXT_APPS = {"cases", "activities", "contributions", "portal", "taggit"}


def without_control_characters(text):
    return CONTROL_CHARACTERS.sub("", text) if isinstance(text, str) else text


def first_control_character(text):
    """The first control character in the text, or None."""
    found = CONTROL_CHARACTERS.search(text)
    return found[0] if found else None


class WithoutControlCharactersMixin:
    """A form that removes control characters from what was typed in its text
    fields (passwords excepted: they are hashed, never shown) before
    validating it, so limits and error pages see the same text as the database."""

    def full_clean(self):
        if self.is_bound and hasattr(self.data, "getlist"):
            data = self.data.copy()
            for name, field in self.fields.items():
                key = self.add_prefix(name)
                if key in data and _is_text_field(field):
                    data.setlist(key, [without_control_characters(v) for v in data.getlist(key)])
            self.data = data
        super().full_clean()


def _is_text_field(field):
    from django import forms

    return isinstance(field, forms.CharField) and not isinstance(field.widget, forms.PasswordInput)


def strip_before_save(sender, instance, raw=False, **kwargs):
    """pre_save: every text field of a content model without control characters."""
    meta = sender._meta
    if raw or not (meta.app_label in TEXT_APPS or issubclass(sender, Page)):
        return
    for model_field in meta.concrete_fields:
        if isinstance(model_field, CharField | TextField):
            value = getattr(instance, model_field.attname)
            if isinstance(value, str) and CONTROL_CHARACTERS.search(value):
                setattr(instance, model_field.attname, without_control_characters(value))


def connect():
    pre_save.connect(strip_before_save, dispatch_uid="strip-control-characters")
