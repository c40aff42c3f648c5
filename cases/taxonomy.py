"""The portal's taxonomy of themes and stages: slugs and names in both languages.
Used by the data migration that creates it and by tests that check it."""

from core.languages import language_codes

THEMES = [
    ("digital-services", "Digitala tjänster", "Digital services"),
    ("ai-automation", "AI och automatisering", "AI and automation"),
    ("data-sharing", "Data och informationsdelning", "Data and information sharing"),
    ("service-design", "Tjänstedesign och design thinking", "Service design and design thinking"),
    ("ways-of-working", "Nya arbetssätt", "New ways of working"),
    ("work-environment", "Arbetsmiljö och hälsa", "Work environment and health"),
    ("skills", "Kompetensförsörjning", "Skills and competence"),
    ("leadership", "Ledarskap och medarbetarskap", "Leadership and employeeship"),
    ("collaboration", "Samverkan mellan myndigheter", "Cross-agency collaboration"),
    ("security", "Informationssäkerhet", "Information security"),
    ("sustainability", "Hållbarhet", "Sustainability"),
]

STAGES = [
    ("problem", "Behov och problem", "Identifying needs and problems"),
    ("ideas", "Idéer och design", "Generating ideas and designing solutions"),
    ("pilot", "Utveckling och test", "Developing and piloting"),
    ("implementation", "Införande", "Implementation"),
    ("evaluation", "Utvärdering", "Evaluation"),
    ("spreading", "Spridning och skalning", "Spreading and scaling"),
]


def ensure_taxonomy(Locale, Theme, Stage):
    """Create both locales and every theme and stage in each, keeping what exists.
    Takes the model classes so the data migration can pass its historical ones."""
    import uuid

    locales = {
        code: Locale.objects.get_or_create(language_code=code)[0] for code in language_codes()
    }
    for model, rows in ((Theme, THEMES), (Stage, STAGES)):
        for order, (slug, name_sv, name_en) in enumerate(rows, start=1):
            key = None
            for code, name in (("sv", name_sv), ("en", name_en)):
                extra = {"order": order} if model is Stage else {}
                obj, _created = model.objects.get_or_create(
                    slug=slug,
                    locale=locales[code],
                    defaults={"name": name, "translation_key": key or uuid.uuid4(), **extra},
                )
                key = obj.translation_key
