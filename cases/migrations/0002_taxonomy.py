"""Create both locales and the themes and stages of taxonomy.md in each."""

import uuid

from django.db import migrations

from cases.taxonomy import STAGES, THEMES


def create_taxonomy(apps, schema_editor):
    Locale = apps.get_model("wagtailcore", "Locale")
    Theme = apps.get_model("cases", "Theme")
    Stage = apps.get_model("cases", "DigitalisationStage")
    sv, _ = Locale.objects.get_or_create(language_code="sv")
    en, _ = Locale.objects.get_or_create(language_code="en")
    for slug, name_sv, name_en in THEMES:
        key = uuid.uuid4()
        if not Theme.objects.filter(slug=slug, locale=sv).exists():
            Theme.objects.create(slug=slug, name=name_sv, locale=sv, translation_key=key)
        key = Theme.objects.get(slug=slug, locale=sv).translation_key
        Theme.objects.get_or_create(
            slug=slug, locale=en, defaults={"name": name_en, "translation_key": key}
        )
    for order, (slug, name_sv, name_en) in enumerate(STAGES, start=1):
        if not Stage.objects.filter(slug=slug, locale=sv).exists():
            Stage.objects.create(
                slug=slug, name=name_sv, order=order, locale=sv, translation_key=uuid.uuid4()
            )
        key = Stage.objects.get(slug=slug, locale=sv).translation_key
        Stage.objects.get_or_create(
            slug=slug, locale=en, defaults={"name": name_en, "order": order, "translation_key": key}
        )


class Migration(migrations.Migration):
    dependencies = [
        ("cases", "0001_initial"),
        ("wagtailcore", "0098_apitoken"),
    ]

    operations = [migrations.RunPython(create_taxonomy, migrations.RunPython.noop)]
