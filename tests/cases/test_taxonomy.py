import pytest
from wagtail.models import Locale

from cases.snippets import DigitalisationStage, Theme
from cases.taxonomy import STAGES, THEMES

pytestmark = pytest.mark.django_db

TAXONOMY_THEME_SLUGS = [
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
TAXONOMY_STAGE_SLUGS = ["problem", "ideas", "pilot", "implementation", "evaluation", "spreading"]


def test_data_migration_creates_every_theme_in_both_languages():
    for language in ("sv", "en"):
        slugs = set(
            Theme.objects.filter(locale__language_code=language).values_list("slug", flat=True)
        )
        assert slugs == set(TAXONOMY_THEME_SLUGS)
    ai = Theme.objects.get(slug="ai-automation", locale__language_code="sv")
    assert ai.name == "AI och automatisering"
    english = ai.get_translation(Locale.objects.get(language_code="en"))
    assert english.name == "AI and automation"


def test_stages_are_ordered_as_the_lifecycle():
    for language in ("sv", "en"):
        slugs = list(
            DigitalisationStage.objects.filter(locale__language_code=language)
            .order_by("order")
            .values_list("slug", flat=True)
        )
        assert slugs == TAXONOMY_STAGE_SLUGS
    assert (
        DigitalisationStage.objects.get(slug="implementation", locale__language_code="en").name
        == "Implementation"
    )


def test_taxonomy_module_matches_the_spec():
    assert [slug for slug, *_ in THEMES] == TAXONOMY_THEME_SLUGS
    assert [slug for slug, *_ in STAGES] == TAXONOMY_STAGE_SLUGS
