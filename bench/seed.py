"""Synthetic but realistic cases for the benchmarks.

`case_lines(n)` yields case-exchange records; `seed(n)` writes them straight
into the tables the import fills (page, lessons, themes, tags), without
revisions or indexing, because the import's ~1 s per case would make 10,000
cases take hours. The benchmark builds the search index afterwards and times it."""

import datetime
import random
import uuid

AGENCIES = [
    "Skatteverket",
    "Försäkringskassan",
    "Arbetsförmedlingen",
    "Lantmäteriet",
    "Bolagsverket",
    "Polismyndigheten",
    "Trafikverket",
    "Kronofogden",
    "Transportstyrelsen",
    "Myndigheten för digital förvaltning",
    "Statens servicecenter",
    "Migrationsverket",
    "Pensionsmyndigheten",
    "E-hälsomyndigheten",
    "Naturvårdsverket",
    "SCB",
]
THEMES = [
    "digital-services",
    "ai-automation",
    "data-sharing",
    "service-design",
    "ways-of-working",
    "work-environment",
    "skills",
    "leadership",
    "collaboration",
    "security",
    "sustainability",
]
STAGES = ["problem", "ideas", "pilot", "implementation", "evaluation", "spreading"]
SUBJECTS = [
    "chattbot",
    "e-tjänst",
    "automatiserad handläggning",
    "digital brevlåda",
    "API",
    "datadelning",
    "tjänstedesign",
    "innovationslabb",
    "AI-modell",
    "självservice",
    "kundtjänst",
    "ärendehantering",
    "digital identitet",
    "öppna data",
    "molntjänst",
    "informationssäkerhet",
    "hemarbete",
    "kompetensväxling",
    "ledarskap",
    "samverkan",
]
FOR = [
    "för deklarationen",
    "för företagare",
    "i kundmötet",
    "för handläggare",
    "mellan myndigheter",
    "för medborgare",
    "i ärendeflödet",
    "för arbetsgivare",
]
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
    "worked": [
        "Börja smått och visa resultat tidigt.",
        "Involvera medarbetarna från start.",
        "Testa med riktiga användare varje vecka.",
    ],
    "avoid": [
        "Undvik stora upphandlingar innan behoven är kända.",
        "Undvik att bygga allt själva.",
        "Undvik otydligt ägarskap för datan.",
    ],
    "advice": [
        "Sätt av tid för förändringsledning.",
        "Dela koden med andra myndigheter.",
        "Mät effekterna innan och efter.",
    ],
}


def case_lines(n, start=0):
    rng = random.Random(start)
    for i in range(start, start + n):
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


def _agencies(locales):
    from cases.writing import agency_named, in_locale

    return {
        (name, code): in_locale(agency_named(name), locale).pk
        for name in AGENCIES
        for code, locale in locales.items()
    }


def _tags():
    from taggit.models import Tag

    tags = {}
    for name in SUBJECTS:
        tag = Tag.objects.filter(name__iexact=name).first() or Tag.objects.create(name=name)
        tags[name] = tag.pk
    return tags


def _page(line, i, parent, step, locale, lookups):
    from django.utils import timezone
    from django.utils.text import slugify

    from cases.models import CaseStudyPage
    from cases.writing import text_to_richtext

    agencies, stages, content_type = lookups
    published = timezone.make_aware(
        datetime.datetime.combine(
            datetime.date.fromisoformat(line["published"]), datetime.time(12, 0)
        )
    )
    slug = f"{slugify(line['title'].rsplit(' (', 1)[0])[:60]}-{i}"
    return CaseStudyPage(
        exchange_id=line["id"],
        title=line["title"],
        draft_title=line["title"],
        slug=slug,
        path=CaseStudyPage._get_path(parent.path, parent.depth + 1, step),
        depth=parent.depth + 1,
        numchild=0,
        url_path=f"{parent.url_path}{slug}/",
        content_type_id=content_type,
        locale_id=locale.pk,
        translation_key=uuid.uuid4(),
        live=True,
        has_unpublished_changes=False,
        first_published_at=published,
        last_published_at=published,
        summary=line["summary"],
        agency_id=agencies[(line["agency"]["name"], line["language"])],
        stage_id=stages[(line["stage"], locale.pk)],
        status=line["status"],
        started=datetime.date.fromisoformat(line["started"] + "-01"),
        challenge=text_to_richtext(line["challenge"]),
        approach=text_to_richtext(line["approach"]),
        results=text_to_richtext(line["results"]),
        joint_work=text_to_richtext(line["joint_work"]),
    )


def seed(n, batch_size=1000):
    """Add n synthetic cases to the site (python -c "...; seed(10000)")."""
    from django.contrib.contenttypes.models import ContentType
    from django.db import connection, transaction
    from wagtail.models import Locale, Page

    from cases.models import CaseLesson, CaseStudyPage, CaseTag
    from cases.snippets import DigitalisationStage, Theme
    from cases.writing import case_index_for
    from portal.site_setup import ensure_site_structure

    ensure_site_structure()
    locales = {locale.language_code: locale for locale in Locale.objects.all()}
    parents = {code: case_index_for(locale) for code, locale in locales.items()}
    themes = {(t.slug, t.locale_id): t.pk for t in Theme.objects.all()}
    stages = {(s.slug, s.locale_id): s.pk for s in DigitalisationStage.objects.all()}
    lookups = (_agencies(locales), stages, ContentType.objects.get_for_model(CaseStudyPage).pk)
    tags = _tags()
    page_fields = [f.attname for f in Page._meta.concrete_fields if f.attname != "id"]
    start = CaseStudyPage.objects.filter(exchange_id__startswith="bench-").count()
    lines = case_lines(n, start=start)
    done = 0
    while done < n:
        batch = [next(lines) for _ in range(min(batch_size, n - done))]
        with transaction.atomic():
            pages = []
            for i, line in enumerate(batch, start=start + done):
                parent = parents[line["language"]]
                parent.numchild += 1
                pages.append(
                    _page(line, i, parent, parent.numchild, locales[line["language"]], lookups)
                )
            # Page rows in bulk, then each case's own row (Django cannot bulk
            # create a multi-table child); raw saves skip the parent and signals' work.
            rows = Page.objects.bulk_create(
                [Page(**{f: getattr(p, f) for f in page_fields}) for p in pages]
            )
            for page, row in zip(pages, rows, strict=True):
                page.page_ptr_id = page.id = row.pk
                page.save_base(raw=True)
            CaseLesson.objects.bulk_create(
                CaseLesson(page_id=page.pk, kind=lesson["kind"], text=lesson["text"], sort_order=k)
                for page, line in zip(pages, batch, strict=True)
                for k, lesson in enumerate(line["lessons"])
            )
            CaseStudyPage.themes.through.objects.bulk_create(
                CaseStudyPage.themes.through(
                    casestudypage_id=page.pk, theme_id=themes[(slug, page.locale_id)]
                )
                for page, line in zip(pages, batch, strict=True)
                for slug in line["themes"]
            )
            CaseTag.objects.bulk_create(
                CaseTag(content_object_id=page.pk, tag_id=tags[name])
                for page, line in zip(pages, batch, strict=True)
                for name in line["tags"]
            )
            for parent in parents.values():
                Page.objects.filter(pk=parent.pk).update(numchild=parent.numchild)
        done += len(batch)
    # Fresh statistics, as autovacuum would give a live site after a while:
    # without them the planner walks whole page trees for one index page.
    with connection.cursor() as cursor:
        cursor.execute("ANALYZE")
