import datetime

from django.apps import apps
from django.core.management.base import BaseCommand
from django.db import transaction

from portal.site_setup import ensure_site_structure

# The demo's organisation: Partsrådet, whose page the portal grew from, with
# example addresses (no real person's).
DEMO_ORGANISATION = {
    "name": "Partsrådet",
    "name_en": "Partsrådet, the social partners' council for central government",
    "org_number": "802000-1234",
    "address": "Box 1234\n103 65 Stockholm",
    "email": "kontakt@example.se",
    "dpo_email": "dataskyddsombud@example.se",
    "accessibility_assessed": datetime.date(2026, 11, 16),
}


class Command(BaseCommand):
    help = "Load the demo content (pages, agencies, cases, activities). Idempotent."

    def handle(self, **options):
        from cases.demo import seed_cases

        with transaction.atomic():
            homes = ensure_site_structure()
            self._organisation()
            report = seed_cases()
            self._feature(homes)
            if apps.is_installed("activities"):
                from portal.activity_demo import seed_activities

                seed_activities()
        self.stdout.write(
            f"Demo content: {report.created} cases created, {report.unchanged} already there."
        )

    def _organisation(self):
        """Partsrådet runs the demo, unless an editor has named someone."""
        from core.models import Organisation

        organisation = Organisation.load()
        if organisation.name:
            return
        for field, value in DEMO_ORGANISATION.items():
            setattr(organisation, field, value)
        organisation.save()

    def _feature(self, homes):
        """Let editors' first featured choice be three recent cases per language."""
        from cases.models import CaseStudyPage
        from portal.models import HomeFeaturedCase

        for home in homes.values():
            if home.featured_cases.exists():
                continue
            picks = (
                CaseStudyPage.objects.live()
                .filter(locale=home.locale)
                .order_by("-first_published_at")[3:6]
            )
            home.featured_cases = [
                HomeFeaturedCase(case=case, sort_order=order) for order, case in enumerate(picks)
            ]
            home.save_revision().publish()
