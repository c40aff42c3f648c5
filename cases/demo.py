"""Demo content for the case library: the cases of demo/cases.jsonl, their
agencies' web details and hero images drawn with Pillow. Idempotent."""

from pathlib import Path

from wagtail.images import get_image_model

from cases.demo_images import draw_hero
from cases.exchange import import_stream
from cases.models import CaseStudyPage
from cases.snippets import Agency

DEMO_FILE = Path(__file__).parent / "demo" / "cases.jsonl"

ALT_TEXT = {
    "sv": "Abstrakt illustration med cirklar och rektanglar i temats färger.",
    "en": "Abstract illustration with circles and rectangles in the theme's colours.",
}


def seed_cases():
    with DEMO_FILE.open(encoding="utf-8") as handle:
        report = import_stream(handle)
    if report.errors:
        raise RuntimeError(f"demo file has bad lines: {report.errors[:3]}")
    _add_agency_details()
    _add_hero_images()
    return report


def _add_agency_details():
    """Derive each demo agency's e-mail domain and website from its contacts."""
    for case in CaseStudyPage.objects.exclude(contact_email="").select_related("agency"):
        domain = case.contact_email.rsplit("@", 1)[-1].lower()
        Agency.objects.filter(translation_key=case.agency.translation_key, email_domains="").update(
            email_domains=domain, website=f"https://www.{domain}/"
        )


def _add_hero_images():
    Image = get_image_model()
    for case in CaseStudyPage.objects.filter(hero_image__isnull=True).prefetch_related("themes"):
        theme = next(iter(sorted(t.slug for t in case.themes.all())), "digital-services")
        title = f"demo-{case.exchange_id}"
        image = Image.objects.filter(title=title).first()
        if image is None:
            image = Image(title=title, file=draw_hero(case.exchange_id, theme))
            image.save()
        case.hero_image = image
        case.hero_alt = ALT_TEXT.get(case.locale.language_code, ALT_TEXT["sv"])
        revision = case.save_revision(clean=False)
        if case.live:
            revision.publish()
