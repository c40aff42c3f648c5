"""An index on Wagtail's page tree by (depth, path).

Every "children of this page" lookup (the main menu, the footer, an index
page's children) asks for one depth within a path prefix. Wagtail indexes
path alone, so at 10,000 cases the database read the whole tree under the
home page to find its handful of children."""

from django.db import migrations


class Migration(migrations.Migration):
    dependencies = [
        ("portal", "0001_initial"),
    ]

    operations = [
        migrations.RunSQL(
            "CREATE INDEX IF NOT EXISTS portal_page_depth_path ON wagtailcore_page (depth, path)",
            "DROP INDEX IF EXISTS portal_page_depth_path",
        ),
    ]
