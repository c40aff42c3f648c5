"""More starter synonyms: the public sector's words for the same thing, so
that a reader who says "väntetid" finds the case about "handläggningstid".
Groups an editor already has are left as they are."""

from django.db import migrations

from search.starter_synonyms import seeding

STARTER = {
    "sv": [
        "upphandling, offentlig upphandling, inköp",
        "innovationsupphandling, innovationsvänlig upphandling",
        "medarbetare, anställda, personal",
        "medborgare, invånare, allmänheten, privatpersoner",
        "kompetensutveckling, kompetenshöjning, kompetenslyft, vidareutbildning",
        "digitalisering, digital transformation, digital omställning",
        "automatiserade beslut, automatiserat beslutsfattande, automatiska beslut",
        "e-arkiv, digitalt arkiv, elektroniskt arkiv, e-arkivering",
        "videomöte, videosamtal, digitalt möte, distansmöte",
        "videoförhandling, digital förhandling, distansförhandling",
        "fackliga organisationer, fackliga företrädare, fackliga representanter, "
        "arbetstagarorganisationer, fackförbund",
        "handläggningstid, väntetid, ledtid, genomloppstid",
        "behovsanalys, behovskartläggning, behovsinventering",
        "förstudie, förundersökning",
        "designtänkande, design thinking",
        "klarspråk, begripligt språk, klart språk",
        "digital tillgänglighet, webbtillgänglighet, wcag",
        "ledarskap, chefskap",
        "samverkan, samarbete",
        "kundtjänst, kundservice, kontaktcenter, kundcenter",
        "pilot, pilotprojekt, pilotförsök, försöksverksamhet",
        "felaktiga utbetalningar, bedrägerier, fusk",
        "generativ ai, språkmodell, stor språkmodell, llm",
        "energieffektivisering, energibesparing, minskad energianvändning",
    ],
    "en": [
        "procurement, public procurement, purchasing, tendering",
        "innovation procurement, procurement of innovation",
        "employees, staff, personnel, workforce",
        "citizens, residents, members of the public",
        "skills development, competence development, professional development",
        "digitalisation, digitalization, digital transformation",
        "automated decisions, automated decision-making, automated decision making",
        "e-archive, digital archive, electronic archive, digital archiving",
        "video meeting, video call, videoconference, video conferencing, online meeting",
        "video hearing, remote hearing, virtual hearing",
        "unions, trade unions, union representatives, employee representatives",
        "processing time, lead time, waiting time, turnaround time",
        "needs analysis, needs assessment",
        "feasibility study, pre-study, preliminary study",
        "design thinking, human-centred design, human-centered design",
        "plain language, plain english, clear language",
        "digital accessibility, web accessibility, wcag",
        "collaboration, cooperation",
        "customer service, contact centre, contact center, call centre, call center",
        "pilot, pilot project, trial",
        "fraud, incorrect payments, improper payments",
        "generative ai, large language model, language model, llm",
        "energy efficiency, energy saving, energy savings",
    ],
}


class Migration(migrations.Migration):
    dependencies = [("search", "0006_seed_synonyms")]

    operations = [seeding(STARTER)]
