"""An index on Wagtail's pages by (locale, live, first publication).

A language's published cases, newest first, is what every listing, the home
page's latest cases and every search without words read. With this index
they are read in order from the index alone instead of sorting every page of
the language."""

from django.db import migrations


class Migration(migrations.Migration):
    dependencies = [
        ("portal", "0002_page_depth_path_index"),
    ]

    operations = [
        migrations.RunSQL(
            "CREATE INDEX IF NOT EXISTS portal_page_locale_live_published "
            "ON wagtailcore_page (locale_id, live, first_published_at)",
            "DROP INDEX IF EXISTS portal_page_locale_live_published",
        ),
    ]
