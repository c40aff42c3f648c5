"""Starter one-way synonyms for how readers ask about failure: "gick fel"
("went wrong") also finds the cases that were stopped. Groups an editor
already has are left as they are."""

from django.db import migrations

from search.starter_synonyms import seeding

STARTER = {
    "sv": [
        "gick fel => misslyckades, misslyckat, avbrutet, avbröts, avbrutits, stoppat, "
        "stoppades, lades ned, lades ner, nedlagt, lagts ned",
    ],
    "en": [
        "went wrong, go wrong => failed, stopped, cancelled, canceled, discontinued, "
        "abandoned, halted, terminated",
    ],
}


class Migration(migrations.Migration):
    dependencies = [("search", "0008_starter_synonyms_data_protection")]

    operations = [seeding(STARTER)]
