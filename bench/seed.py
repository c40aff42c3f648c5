"""Synthetic but realistic cases for the search benchmark, imported through the
real case-exchange path (python bench/seed.py N)."""

import json
import random

AGENCIES = ["Skatteverket", "Försäkringskassan", "Arbetsförmedlingen", "Lantmäteriet",
            "Bolagsverket", "Polismyndigheten", "Trafikverket", "Kronofogden", "Transportstyrelsen",
            "Myndigheten för digital förvaltning", "Statens servicecenter", "Migrationsverket",
            "Pensionsmyndigheten", "E-hälsomyndigheten", "Naturvårdsverket", "SCB"]
THEMES = ["digital-services", "ai-automation", "data-sharing", "service-design", "ways-of-working",
          "work-environment", "skills", "leadership", "collaboration", "security", "sustainability"]
STAGES = ["problem", "ideas", "pilot", "implementation", "evaluation", "spreading"]
SUBJECTS = ["chattbot", "e-tjänst", "automatiserad handläggning", "digital brevlåda", "API",
            "datadelning", "tjänstedesign", "innovationslabb", "AI-modell", "självservice",
            "kundtjänst", "ärendehantering", "digital identitet", "öppna data", "molntjänst",
            "informationssäkerhet", "hemarbete", "kompetensväxling", "ledarskap", "samverkan"]
FOR = ["för deklarationen", "för företagare", "i kundmötet", "för handläggare",
       "mellan myndigheter", "för medborgare", "i ärendeflödet", "för arbetsgivare"]
SENTENCES = [
    "Myndigheterna ville korta handläggningstiderna och minska antalet samtal till kundtjänst.",
    "Vi började med intervjuer med användare och handläggare för att förstå behoven.",
    "Projektet använde en agil metod med korta sprintar och täta demonstrationer.",
    "Upphandlingen tog längre tid än planerat och försenade införandet.",
    "De fackliga organisationerna deltog från början i arbetsgruppen.",
    "Resultatet blev färre fel i besluten och nöjdare medarbetare.",
    "Vi testade lösningen i en pilot med två kontor innan den spreds.",
    "Datakvaliteten var den största utmaningen och krävde mycket städning.",
    "Säkerhetsskyddsanalysen gjordes tidigt och förenklade senare beslut.",
    "Ledningens stöd var avgörande när prioriteringarna ändrades.",
]
LESSONS = {
    "worked": ["Börja smått och visa resultat tidigt.", "Involvera medarbetarna från start.",
               "Testa med riktiga användare varje vecka."],
    "avoid": ["Undvik stora upphandlingar innan behoven är kända.",
              "Undvik att bygga allt själva.", "Undvik otydligt ägarskap för datan."],
    "advice": ["Sätt av tid för förändringsledning.", "Dela koden med andra myndigheter.",
               "Mät effekterna innan och efter."],
}


def case_lines(n, seed=1):
    rng = random.Random(seed)
    for i in range(n):
        subject = rng.choice(SUBJECTS)
        year = rng.randint(2016, 2025)
        yield {
            "id": f"bench-{i}",
            "language": "sv" if i % 5 else "en",
            "title": f"{subject.capitalize()} {rng.choice(FOR)} ({i})",
            "summary": " ".join(rng.sample(SENTENCES, 2)),
            "agency": {"name": rng.choice(AGENCIES)},
            "themes": rng.sample(THEMES, rng.randint(1, 3)),
            "stage": rng.choice(STAGES),
            "status": rng.choice(["ongoing", "completed", "completed", "stopped"]),
            "started": f"{year}-{rng.randint(1, 12):02d}",
            "challenge": "\n\n".join(rng.sample(SENTENCES, 3)) + f" Det handlade om {subject}.",
            "approach": "\n\n".join(rng.sample(SENTENCES, 3)),
            "results": "\n\n".join(rng.sample(SENTENCES, 2)),
            "lessons": [{"kind": k, "text": rng.choice(v)} for k, v in LESSONS.items()],
            "joint_work": rng.choice(SENTENCES),
            "tags": rng.sample(SUBJECTS, 2),
            "published": f"{min(year + 1, 2025)}-{rng.randint(1, 12):02d}-{rng.randint(1, 28):02d}",
        }


def seed(n):
    from cases.exchange import import_stream
    from portal.site_setup import ensure_site_structure

    ensure_site_structure()
    batch = []
    for line in case_lines(n):
        batch.append(json.dumps(line, ensure_ascii=False))
        if len(batch) == 200:
            report = import_stream(batch)
            assert report.ok, report.errors[:3]
            batch = []
    if batch:
        report = import_stream(batch)
        assert report.ok, report.errors[:3]
