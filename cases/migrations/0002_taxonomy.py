"""Create both locales and the themes and stages of taxonomy.md in each."""

from django.db import migrations

from cases.taxonomy import ensure_taxonomy


def create_taxonomy(apps, schema_editor):
    ensure_taxonomy(
        apps.get_model("wagtailcore", "Locale"),
        apps.get_model("cases", "Theme"),
        apps.get_model("cases", "DigitalisationStage"),
    )


class Migration(migrations.Migration):
    dependencies = [
        ("cases", "0001_initial"),
        ("wagtailcore", "0098_apitoken"),
    ]

    operations = [migrations.RunPython(create_taxonomy, migrations.RunPython.noop)]
