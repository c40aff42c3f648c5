"""More starter synonyms: data protection, change management, interfaces,
data sharing and the schedule's two spellings. Groups an editor already has
are left as they are."""

from django.db import migrations

from search.starter_synonyms import seeding

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


class Migration(migrations.Migration):
    dependencies = [("search", "0007_more_starter_synonyms")]

    operations = [seeding(STARTER)]
