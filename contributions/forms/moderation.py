from django import forms
from django.utils.translation import gettext_lazy as _

from core.control_characters import WithoutControlCharactersMixin


class ModerationCommentForm(WithoutControlCharactersMixin, forms.Form):
    """The editor's comment, required when asking for changes or rejecting:
    the contributor reads it in the e-mail and on "My contributions"."""

    comment = forms.CharField(
        label=_("Comment to the contributor"), widget=forms.Textarea({"rows": 3})
    )
