"""The core's tables: rate-limit counters (core/ratelimit.py) and the
organisation that runs the portal (a Wagtail setting)."""

from django.db import models
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy
from wagtail.contrib.settings.models import BaseGenericSetting, register_setting


class RateLimitCounter(models.Model):
    """One counter of portal/ratelimit.py: attempts under a key (a hash of the
    scope and the client address or e-mail address) until its window ends.
    In the database, so that no cache eviction or restart resets it."""

    key = models.CharField(max_length=64, unique=True)
    window_ends = models.DateTimeField(db_index=True)
    count = models.PositiveIntegerField(default=1)

    def __str__(self):
        return f"{self.key[:12]}…: {self.count} until {self.window_ends:%Y-%m-%d %H:%M:%S}"


@register_setting(icon="site")
class Organisation(BaseGenericSetting):
    """Who runs the portal: shown on the contact page, in the footer, in the
    privacy notice and the accessibility statement, and as the publisher of
    the open data. Editors set it under Settings in the admin."""

    LICENCES = {
        "cc-by-4.0": ("CC BY 4.0", "https://creativecommons.org/licenses/by/4.0/"),
        "cc0-1.0": ("CC0 1.0", "https://creativecommons.org/publicdomain/zero/1.0/"),
        "cc-by-sa-4.0": ("CC BY-SA 4.0", "https://creativecommons.org/licenses/by-sa/4.0/"),
    }

    name = models.CharField(_("name"), max_length=200, blank=True)
    name_en = models.CharField(
        _("name in English"), max_length=200, blank=True, help_text=_("Leave empty if the same.")
    )
    org_number = models.CharField(_("organisation number"), max_length=20, blank=True)
    address = models.TextField(_("postal address"), blank=True)
    email = models.EmailField(pgettext_lazy("organisation", "contact e-mail"), blank=True)
    phone = models.CharField(_("telephone"), max_length=40, blank=True)
    dpo_email = models.EmailField(
        _("data protection officer's e-mail"),
        blank=True,
        help_text=_("Where people send questions about their personal data."),
    )
    accessibility_assessed = models.DateField(
        _("accessibility last assessed"),
        null=True,
        blank=True,
        help_text=_("The date of the latest review of the site's accessibility."),
    )
    open_data_licence = models.CharField(
        _("open data licence"),
        max_length=20,
        choices=[(key, label) for key, (label, _url) in LICENCES.items()],
        default="cc-by-4.0",
        help_text=_("The licence under which the case collection is published as open data."),
    )

    contact_page = models.ForeignKey(
        "wagtailcore.Page",
        verbose_name=_("contact page"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
        help_text=_("The page that says how to reach you; the footer and the forms link to it."),
    )

    class Meta:
        verbose_name = _("organisation")

    def display_name(self, language):
        return (self.name_en if language == "en" and self.name_en else self.name) or ""

    def contact_url(self, language, request=None):
        """The contact page in a language (its translation), or None."""
        if self.contact_page_id is None:
            return None
        from wagtail.models import Page

        page = (
            Page.objects.live()
            .filter(
                translation_key=self.contact_page.translation_key,
                locale__language_code=language,
            )
            .first()
        )
        return page.get_url(request) if page is not None else None

    @property
    def licence_label(self):
        return self.LICENCES[self.open_data_licence][0]

    @property
    def licence_url(self):
        return self.LICENCES[self.open_data_licence][1]
