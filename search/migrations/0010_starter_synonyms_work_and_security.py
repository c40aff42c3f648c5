"""More starter synonyms: sickness absence, redundancies, customer journeys,
phishing, skills shortages and e-mail. Groups an editor already has are
left as they are."""

from django.db import migrations

from search.starter_synonyms import seeding

STARTER = {
    "sv": [
        "sjukfrånvaro, sjukskrivning, sjukskrivningar",
        "övertalighet, uppsägningar, neddragningar, varsel",
        "kundresa, användarresa",
        "nätfiske, phishing",
        "kompetensbrist, kompetensförsörjning, rekryteringsbehov",
        "e-post, mejl",
    ],
    "en": [
        "sickness absence, sick leave",
        "redundancies, redundancy, layoffs, lay-offs, job cuts",
        "customer journey, user journey",
        "phishing, fraudulent e-mails",
        "skills shortage, skills gap, recruitment needs",
        "e-mail, email",
    ],
}


class Migration(migrations.Migration):
    dependencies = [("search", "0009_starter_synonyms_went_wrong")]

    operations = [seeding(STARTER)]
