"""More starter synonyms: data protection, change management, interfaces,
data sharing and the schedule's two spellings. Groups an editor already has
are left as they are."""

from django.db import migrations

STARTER = {
    "sv": [
        "dataskydd, gdpr, dataskyddsförordningen, personuppgiftsskydd",
        "förändringsledning, förändringsarbete, förändringsprocess",
        "api, apier, programmeringsgränssnitt",
        "datadelning, informationsutbyte, informationsdelning",
        "tidplan, tidsplan",
        "agilt arbetssätt, agila metoder, scrum",
    ],
    "en": [
        "data protection, gdpr, general data protection regulation, privacy",
        "change management, organisational change, organizational change",
        "api, apis, application programming interface",
        "data sharing, information sharing, information exchange",
        "schedule, timeline, time plan",
        "accessibility, digital accessibility",
        "agile, agile methods, scrum",
    ],
}


def seed(apps, schema_editor):
    SynonymGroup = apps.get_model("search", "SynonymGroup")
    existing = set(SynonymGroup.objects.values_list("language", "terms"))
    SynonymGroup.objects.bulk_create(
        SynonymGroup(language=language, terms=terms)
        for language, rules in STARTER.items()
        for terms in rules
        if (language, terms) not in existing
    )


def unseed(apps, schema_editor):
    SynonymGroup = apps.get_model("search", "SynonymGroup")
    for language, rules in STARTER.items():
        SynonymGroup.objects.filter(language=language, terms__in=rules).delete()


class Migration(migrations.Migration):
    dependencies = [("search", "0007_more_starter_synonyms")]

    operations = [migrations.RunPython(seed, unseed)]
