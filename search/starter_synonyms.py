"""The data migrations that seed starter synonym groups ({language: [terms]}):
a group an editor already has is not added twice, and undoing the migration
removes the groups it would add."""

from django.db import migrations


def seeding(starter):
    """A RunPython operation that adds the starter groups."""

    def seed(apps, schema_editor):
        SynonymGroup = apps.get_model("search", "SynonymGroup")
        existing = set(SynonymGroup.objects.values_list("language", "terms"))
        SynonymGroup.objects.bulk_create(
            SynonymGroup(language=language, terms=terms)
            for language, rules in starter.items()
            for terms in rules
            if (language, terms) not in existing
        )

    def unseed(apps, schema_editor):
        SynonymGroup = apps.get_model("search", "SynonymGroup")
        for language, rules in starter.items():
            SynonymGroup.objects.filter(language=language, terms__in=rules).delete()

    return migrations.RunPython(seed, unseed)
