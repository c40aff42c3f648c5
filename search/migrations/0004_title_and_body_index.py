"""PostgreSQL: a GIN index on the title and body vectors together.

A search matches its words against both vectors at once, so a case whose
title has one of the words and whose text has the other is found (matching
each vector on its own needed every word in one of them). The expression
index lets that match use an index like the two per-vector ones did."""

from django.db import migrations

TABLE = "wagtailsearch_indexentry"
INDEX = "search_indexentry_text_gin"


def create_index(apps, schema_editor):
    if schema_editor.connection.vendor == "postgresql":
        schema_editor.execute(
            f"CREATE INDEX IF NOT EXISTS {INDEX} ON {TABLE} USING gin ((title || body))")


def drop_index(apps, schema_editor):
    if schema_editor.connection.vendor == "postgresql":
        schema_editor.execute(f"DROP INDEX IF EXISTS {INDEX}")


class Migration(migrations.Migration):

    dependencies = [("search", "0003_index_vectors_inline")]

    operations = [migrations.RunPython(create_index, drop_index)]
