"""The taxonomy and the agencies: translatable snippets that cases point to."""

from django.core.validators import RegexValidator
from django.db import models
from django.utils.translation import gettext_lazy as _
from wagtail.admin.panels import FieldPanel
from wagtail.models import TranslatableMixin


class Theme(TranslatableMixin, models.Model):
    slug = models.SlugField(_("slug"), max_length=60)
    name = models.CharField(_("name"), max_length=120)
    description = models.TextField(_("description"), blank=True)

    panels = [FieldPanel("name"), FieldPanel("slug"), FieldPanel("description")]

    class Meta(TranslatableMixin.Meta):
        verbose_name = _("theme")
        verbose_name_plural = _("themes")
        ordering = ["name"]
        unique_together = [("translation_key", "locale"), ("slug", "locale")]

    def __str__(self):
        return self.name


class DigitalisationStage(TranslatableMixin, models.Model):
    slug = models.SlugField(_("slug"), max_length=60)
    name = models.CharField(_("name"), max_length=120)
    order = models.PositiveSmallIntegerField(_("order"), default=0)
    description = models.TextField(_("description"), blank=True)

    panels = [
        FieldPanel("name"),
        FieldPanel("slug"),
        FieldPanel("order"),
        FieldPanel("description"),
    ]

    class Meta(TranslatableMixin.Meta):
        verbose_name = _("digitalisation stage")
        verbose_name_plural = _("digitalisation stages")
        ordering = ["order", "slug"]
        unique_together = [("translation_key", "locale"), ("slug", "locale")]

    def __str__(self):
        return self.name


org_number_validator = RegexValidator(
    r"^\d{6}-\d{4}$", _("Enter the organisation number as NNNNNN-NNNN.")
)


class Agency(TranslatableMixin, models.Model):
    name = models.CharField(_("name"), max_length=200)
    short_name = models.CharField(_("short name"), max_length=40, blank=True)
    org_number = models.CharField(
        _("organisation number"), max_length=11, blank=True, validators=[org_number_validator]
    )
    website = models.URLField(_("website"), blank=True)
    email_domains = models.CharField(
        _("e-mail domains"),
        max_length=500,
        blank=True,
        help_text=_("Comma-separated, for example skatteverket.se. Used to verify contributors."),
    )
    logo = models.ForeignKey(
        "wagtailimages.Image",
        verbose_name=_("logo"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )

    panels = [
        FieldPanel("name"),
        FieldPanel("short_name"),
        FieldPanel("org_number"),
        FieldPanel("website"),
        FieldPanel("email_domains"),
        FieldPanel("logo"),
    ]

    class Meta(TranslatableMixin.Meta):
        verbose_name = _("agency")
        verbose_name_plural = _("agencies")
        ordering = ["name"]

    def __str__(self):
        return self.name

    @property
    def domain_list(self):
        return [d.strip().lower().lstrip("@") for d in self.email_domains.split(",") if d.strip()]


def by_slug(model, locale):
    """{slug: theme or stage} in the locale, another translation standing in
    for one the locale lacks: the names a reader of that language sees."""
    found = {}
    for snippet in model.objects.all():
        if snippet.locale_id == getattr(locale, "pk", None) or snippet.slug not in found:
            found[snippet.slug] = snippet
    return found
