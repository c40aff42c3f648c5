"""Starter one-way synonyms for the union as readers name it ("facket",
"the union"): also the state sector's unions by name and the local parties,
as the cases' joint work calls them. Groups an editor already has are left
as they are."""

from django.db import migrations

from search.starter_synonyms import seeding

STARTER = {
    "sv": [
        "facket, fackförbundet, fackföreningen => fackliga, fackförbund, "
        "arbetstagarorganisationer, lokala parter, ST, Saco-S, Seko, OFR",
    ],
    "en": [
        "union, trade union => unions, trade unions, local parties, "
        "ST, Saco-S, Seko, OFR",
    ],
}


class Migration(migrations.Migration):
    dependencies = [("search", "0010_starter_synonyms_work_and_security")]

    operations = [seeding(STARTER)]
