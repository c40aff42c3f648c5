"""A starter list of synonyms for Swedish and English public-sector terms;
editors change it under Snippets → Synonyms."""

from django.db import migrations

from search.starter_synonyms import seeding

STARTER = {
    "sv": [
        "chattbot, chatbot, chattrobot, digital assistent, virtuell assistent",
        "ai, artificiell intelligens, maskininlärning",
        "rpa, mjukvarurobot, robotiserad processautomatisering, automatisering",
        "misslyckades, misslyckat, avbrutet, avbröts, avbrutits, stoppat, stoppades, "
        "lades ned, lades ner, nedlagt, lagts ned",
        "e-legitimation, e-id, bankid, mobilt bankid, freja eid",
        "distansarbete, hybridarbete, hemarbete, fjärrarbete",
        "e-tjänst, digital tjänst",
        "öppna data, öppen data",
        "molntjänst, molntjänster, molnlösning",
        "blockkedja, blockchain",
        "tjänstedesign, användarcentrerad design",
        "informationssäkerhet, cybersäkerhet, it-säkerhet",
        "transkribering, taligenkänning",
        "röstrobot, talrobot, röstassistent",
        "digital brevlåda, digital post",
        "innovationslabb, innovationslab",
        "hybrida grupper, hybrida team, hybridarbete",
    ],
    "en": [
        "chatbot, chat bot, virtual assistant, digital assistant",
        "ai, artificial intelligence, machine learning",
        "rpa, robotic process automation, software robot, automation",
        "failed, stopped, cancelled, canceled, discontinued, abandoned, halted, terminated",
        "e-identification, electronic identification, e-id, eid, bankid, digital identity",
        "remote work, remote working, hybrid work, working from home, telework, teleworking",
        "e-service, digital service, online service",
        "open data, open government data",
        "cloud services, cloud computing",
        "blockchain, distributed ledger",
        "service design, user-centred design, user-centered design",
        "information security, cybersecurity, cyber security",
        "transcription, speech recognition",
        "reskilling, upskilling, retraining",
        "digital mailbox, digital post",
    ],
}


class Migration(migrations.Migration):
    dependencies = [("search", "0005_synonyms_and_corrections")]

    operations = [seeding(STARTER)]
