"""Demo content for the case library: the cases of demo/cases.jsonl, their
agencies' English names and web details, a few cases an editor updated
substantially (with the change note), and hero illustrations drawn with
Pillow. Idempotent: a second run changes nothing."""

import datetime
import json
from pathlib import Path

from django.db.models import Q
from wagtail.images import get_image_model
from wagtail.models import Locale

from cases.demo_images import describe, draw_hero
from cases.exchange import import_stream
from cases.models import CaseStudyPage
from cases.snippets import Agency
from cases.writing import in_locale

DEMO_FILE = Path(__file__).parent / "demo" / "cases.jsonl"

# The agencies' official English names, by organisation number.
AGENCY_NAMES_EN = {
    "202100-2114": "Swedish Public Employment Service",
    "202100-5489": "Swedish Companies Registration Office",
    "202100-6255": "Swedish eHealth Agency",
    "202100-5521": "Swedish Social Insurance Agency",
    "202100-5927": "Swedish Enforcement Authority",
    "202100-4888": "Swedish Mapping, Cadastral and Land Registration Authority",
    "202100-2163": "Swedish Migration Agency",
    "202100-6883": "Agency for Digital Government",
    "202100-1975": "Swedish Environmental Protection Agency",
    "202100-6552": "Swedish Pensions Agency",
    "202100-0076": "Swedish Police Authority",
    "202100-5448": "Swedish Tax Agency",
    "202100-6602": "National Government Service Center",
    "202100-0837": "Statistics Sweden",
    "202100-5836": "Swedish Agency for Economic and Regional Growth",
    "202100-6297": "Swedish Transport Administration",
    "202100-6099": "Swedish Transport Agency",
}

# The names readers know some agencies by, by organisation number.
AGENCY_SHORT_NAMES = {
    "202100-5927": "Kronofogden",
    "202100-0076": "Polisen",
    "202100-0837": "SCB",
    "202100-6883": "Digg",
}

# Cases an editor updated substantially after publication: the day and the
# change note, as the "This is a substantial change" mark leaves them.
SUBSTANTIAL_UPDATES = {
    "skv-chattbot-2021": (
        datetime.date(2024, 9, 16),
        "Resultaten från deklarationsperioden 2024 och svaren på fler språk har lagts till.",
    ),
    "skv-chattbot-2021-en": (
        datetime.date(2024, 9, 16),
        "Results from the 2024 tax return period and the answers in more languages "
        "have been added.",
    ),
    "lm-oppna-data-2020": (
        datetime.date(2025, 2, 24),
        "Antalet användare 2024 och de tre nya API:erna har lagts till.",
    ),
    "lm-oppna-data-2020-en": (
        datetime.date(2025, 2, 24),
        "The number of users in 2024 and the three new APIs have been added.",
    ),
    "af-omstallning-2019": (
        datetime.date(2022, 11, 8),
        "Resultaten från den externa utvärderingen 2022 har lagts till.",
    ),
}

ALT_TEXT = {
    "sv": "Illustration till en erfarenhet från {agency}: {motifs}.",
    "en": "Illustration for a case from {agency}: {motifs}.",
}


def demo_lines():
    with DEMO_FILE.open(encoding="utf-8") as handle:
        return [json.loads(line) for line in handle if line.strip()]


def seed_cases():
    with DEMO_FILE.open(encoding="utf-8") as handle:
        report = import_stream(handle)
    if report.errors:
        raise RuntimeError(f"demo file has bad lines: {report.errors[:3]}")
    lines = demo_lines()
    _name_agencies_in_english()
    _add_agency_details()
    _add_short_names()
    _mark_substantial_updates()
    _add_hero_images(lines)
    return report


def _name_agencies_in_english():
    """Every demo agency in English too, under its English name: the English
    forms and pages list them all. A name an editor changed is kept."""
    english = Locale.objects.filter(language_code="en").first()
    if english is None:
        return
    default = Locale.get_default()
    for agency in Agency.objects.filter(locale=default, org_number__in=AGENCY_NAMES_EN):
        translated = agency.get_translation_or_none(english)
        if translated is None:
            translated = in_locale(agency, english)
        if translated.name == agency.name:
            translated.name = AGENCY_NAMES_EN[agency.org_number]
            translated.save(update_fields=["name"])


def _add_agency_details():
    """Derive each demo agency's e-mail domain and website from its contacts."""
    for case in CaseStudyPage.objects.exclude(contact_email="").select_related("agency"):
        domain = case.contact_email.rsplit("@", 1)[-1].lower()
        Agency.objects.filter(translation_key=case.agency.translation_key, email_domains="").update(
            email_domains=domain, website=f"https://www.{domain}/"
        )


def _add_short_names():
    """The names readers know the agencies by; one an editor gave is kept.
    Saved one by one: a saved name reaches the search of the agency's cases."""
    agencies = Agency.objects.filter(org_number__in=AGENCY_SHORT_NAMES, short_name="")
    for agency in agencies:
        agency.short_name = AGENCY_SHORT_NAMES[agency.org_number]
        agency.save(update_fields=["short_name"])


def _publish(case):
    revision = case.save_revision(clean=False)
    if case.live:
        revision.publish()


def _mark_substantial_updates():
    cases = CaseStudyPage.objects.filter(exchange_id__in=SUBSTANTIAL_UPDATES)
    for case in cases:
        day, note = SUBSTANTIAL_UPDATES[case.exchange_id]
        if (case.updated, case.change_note) != (day, note):
            case.updated, case.change_note = day, note
            _publish(case)


def _add_hero_images(lines):
    """One illustration per case, shared with its translation; the alt text
    says what it shows and whose case it is, in the case's language. Cases
    with an image an editor chose keep it."""
    Image = get_image_model()
    by_id = {line["id"]: line for line in lines}
    demo_images = Image.objects.filter(title__startswith="demo-")
    cases = (
        CaseStudyPage.objects.filter(exchange_id__in=by_id)
        .filter(Q(hero_image__isnull=True) | Q(hero_image__in=demo_images))
        .select_related("agency", "locale", "hero_image")
    )
    for case in cases:
        line = by_id[case.exchange_id]
        source = by_id.get(line["translation_of"] or "", line)
        title = f"demo-illustration-{source['id']}"
        language = case.locale.language_code
        alt = ALT_TEXT.get(language, ALT_TEXT["sv"]).format(
            agency=case.agency.name, motifs=describe(source["themes"], language)
        )
        if case.hero_image is not None and (case.hero_image.title, case.hero_alt) == (title, alt):
            continue
        image = Image.objects.filter(title=title).first()
        if image is None:
            image = Image(title=title, file=draw_hero(source["id"], source["themes"]))
            image.save()
        case.hero_image, case.hero_alt = image, alt
        _publish(case)
    # The abstract pictures of earlier demos, now used by no case.
    for old in demo_images.exclude(title__startswith="demo-illustration-"):
        if not CaseStudyPage.objects.filter(hero_image=old).exists():
            old.delete()
