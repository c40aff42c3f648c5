"""Demo activities in Swedish and English. Idempotent: pages that exist (by slug)
are left alone. Dates are relative to the day the demo is loaded."""

import datetime
from zoneinfo import ZoneInfo

from django.db import transaction
from django.utils import timezone
from wagtail.models import Locale

from activities.models import ActivityIndexPage, ActivityPage, ActivityType
from core.languages import language_codes

STOCKHOLM = ZoneInfo("Europe/Stockholm")

INDEX = {
    "sv": {
        "title": "Aktiviteter",
        "slug": "aktiviteter",
        "intro": "Innovationsdagar, studiebesök, innovationslabb och webbinarier där "
        "myndigheter möts och lär av varandra. Anmäl dig här.",
    },
    "en": {
        "title": "Activities",
        "slug": "activities",
        "intro": "Innovation days, study visits, innovation labs and webinars where agencies "
        "meet and learn from each other. Register here.",
    },
}


def _programme(items):
    return [
        ("item", {"time": datetime.time(h, m), "title": title, "description": ""})
        for h, m, title in items
    ]


ACTIVITIES = [
    {
        "days": 21,
        "start": (9, 30),
        "end": (16, 0),
        "capacity": 80,
        "type": ActivityType.INNOVATION_DAY,
        "joint": False,
        "venue": "Tekniska museet",
        "address": "Museivägen 7\n115 27 Stockholm",
        "organiser": "Erfarenhetsbanken",
        "partners": "Tekniska museet",
        "sv": {
            "slug": "innovationsdag-stockholm",
            "title": "Innovationsdag på Tekniska museet",
            "summary": "En dag om hur myndigheter prövar nya idéer i liten skala innan de "
            "satsar stort. Fallstudier, samtal och en utställning om "
            "innovation i offentlig sektor.",
            "programme": [
                (9, 30, "Kaffe och registrering"),
                (10, 0, "Välkommen"),
                (10, 15, "Så prövar Skatteverket nya tjänster"),
                (12, 0, "Lunch"),
                (13, 0, "Workshoppar i grupp"),
                (15, 30, "Sammanfattning"),
            ],
        },
        "en": {
            "slug": "innovation-day-stockholm",
            "title": "Innovation day at the National Museum of Science and Technology",
            "summary": "A day on how agencies try new ideas on a small scale before they "
            "invest. Cases, conversations and an exhibition on public-sector "
            "innovation.",
            "programme": [
                (9, 30, "Coffee and registration"),
                (10, 0, "Welcome"),
                (10, 15, "How the Tax Agency tries out new services"),
                (12, 0, "Lunch"),
                (13, 0, "Group workshops"),
                (15, 30, "Summing up"),
            ],
        },
    },
    {
        "days": 45,
        "start": (10, 0),
        "end": (15, 30),
        "capacity": 40,
        "type": ActivityType.INNOVATION_DAY,
        "joint": False,
        "venue": "Bolagsverket",
        "address": "Stuvarvägen 21\n851 81 Sundsvall",
        "organiser": "Erfarenhetsbanken",
        "partners": "Bolagsverket",
        "sv": {
            "slug": "innovationsdag-sundsvall",
            "title": "Innovationsdag i Sundsvall",
            "summary": "Tillsammans med Bolagsverket om automatiserade beslut, e-tjänster "
            "och hur man tar tillvara medarbetarnas idéer.",
            "programme": [
                (10, 0, "Välkommen till Bolagsverket"),
                (10, 30, "Automatiserade beslut: lärdomar"),
                (12, 0, "Lunch"),
                (13, 0, "Idéverkstad"),
                (15, 0, "Avslutning"),
            ],
        },
        "en": {
            "slug": "innovation-day-sundsvall",
            "title": "Innovation day in Sundsvall",
            "summary": "With the Swedish Companies Registration Office on automated "
            "decisions, e-services and making use of the staff's ideas.",
            "programme": [
                (10, 0, "Welcome to the Companies Registration Office"),
                (10, 30, "Automated decisions: lessons"),
                (12, 0, "Lunch"),
                (13, 0, "Idea workshop"),
                (15, 0, "Closing"),
            ],
        },
    },
    {
        "days": 30,
        "start": (13, 0),
        "end": (16, 0),
        "capacity": 20,
        "type": ActivityType.STUDY_VISIT,
        "joint": False,
        "venue": "Kista Science Tower",
        "address": "Färögatan 33\n164 51 Kista",
        "organiser": "Erfarenhetsbanken",
        "partners": "",
        "sv": {
            "slug": "studiebesok-kista",
            "title": "Studiebesök: ett techföretag i Kista",
            "summary": "Hur arbetar ett företag med snabba försök, användartester och "
            "kontinuerlig leverans? Vi besöker ett mjukvaruföretag och jämför "
            "med myndigheternas villkor.",
            "programme": [
                (13, 0, "Rundvandring"),
                (14, 0, "Samtal om arbetssätt"),
                (15, 30, "Frågor"),
            ],
        },
        "en": {
            "slug": "study-visit-kista",
            "title": "Study visit: a tech company in Kista",
            "summary": "How does a company work with quick experiments, user tests and "
            "continuous delivery? We visit a software company and compare with "
            "the conditions agencies work under.",
            "programme": [
                (13, 0, "Tour"),
                (14, 0, "Conversation on ways of working"),
                (15, 30, "Questions"),
            ],
        },
    },
    {
        "days": 60,
        "start": (9, 0),
        "end": (16, 0),
        "capacity": 24,
        "type": ActivityType.INNOVATION_LAB,
        "joint": True,
        "venue": "Erfarenhetsbankens labb",
        "address": "Drottninggatan 89\n113 60 Stockholm",
        "organiser": "Erfarenhetsbanken",
        "partners": "",
        "sv": {
            "slug": "innovationslabb-designtankande",
            "title": "Innovationslabb: designtänkande för lokala parter",
            "summary": "En heldag där arbetsgivarföreträdare och arbetstagarföreträdare från "
            "samma myndighet tillsammans använder designtänkande på en verklig "
            "utmaning. Anmälan görs partsgemensamt.",
            "programme": [
                (9, 0, "Introduktion till designtänkande"),
                (10, 0, "Förstå användaren"),
                (12, 0, "Lunch"),
                (13, 0, "Idéer och prototyper"),
                (15, 0, "Plan för hemmaplan"),
            ],
        },
        "en": {
            "slug": "innovation-lab-design-thinking",
            "title": "Innovation lab: design thinking for local parties",
            "summary": "A full day where employer and employee representatives from the same "
            "agency apply design thinking to a real challenge together. Registration "
            "is joint.",
            "programme": [
                (9, 0, "Introduction to design thinking"),
                (10, 0, "Understanding the user"),
                (12, 0, "Lunch"),
                (13, 0, "Ideas and prototypes"),
                (15, 0, "A plan for back home"),
            ],
        },
    },
    {
        "days": 10,
        "start": (10, 0),
        "end": (11, 0),
        "capacity": 300,
        "type": ActivityType.WEBINAR,
        "joint": False,
        "venue": "",
        "address": "",
        "online_url": "https://example.org/webbinarium/nyttan",
        "organiser": "Erfarenhetsbanken",
        "partners": "",
        "sv": {
            "slug": "webbinarium-mata-nytta",
            "title": "Webbinarium: så mäter ni nyttan av digitalisering",
            "summary": "En timme om nyttorealisering: vad som går att mäta, när och hur "
            "man redovisar det.",
            "programme": [(10, 0, "Nyttorealisering i praktiken"), (10, 40, "Frågor")],
        },
        "en": {
            "slug": "webinar-measuring-benefits",
            "title": "Webinar: measuring the benefits of digitalisation",
            "summary": "An hour on benefits realisation: what can be measured, when, and how "
            "to report it.",
            "programme": [(10, 0, "Benefits realisation in practice"), (10, 40, "Questions")],
        },
    },
    {
        "days": -30,
        "start": (14, 0),
        "end": (15, 0),
        "capacity": 200,
        "type": ActivityType.WEBINAR,
        "joint": False,
        "venue": "",
        "address": "",
        "online_url": "https://example.org/webbinarium/ai",
        "organiser": "Erfarenhetsbanken",
        "partners": "",
        "sv": {
            "slug": "webbinarium-ai-kundtjanst",
            "title": "Webbinarium: AI i kundtjänsten",
            "summary": "Tre myndigheter berättar om chattbotar och vad de lärde sig.",
            "programme": [(14, 0, "Tre erfarenheter"), (14, 45, "Frågor")],
        },
        "en": {
            "slug": "webinar-ai-customer-service",
            "title": "Webinar: AI in customer service",
            "summary": "Three agencies on chatbots and what they learned.",
            "programme": [(14, 0, "Three cases"), (14, 45, "Questions")],
        },
    },
]


def _at(day, hour_minute):
    return datetime.datetime.combine(day, datetime.time(*hour_minute), tzinfo=STOCKHOLM)


def _publish_child(parent, page):
    parent.add_child(instance=page)
    page.save_revision().publish()
    return page


def ensure_index_pages():
    from portal.models import HomePage
    from portal.site_setup import add_translated_pages

    homes = {
        home.locale.language_code: home
        for home in HomePage.objects.filter(
            locale__language_code__in=language_codes()
        ).select_related("locale")
    }
    return add_translated_pages(homes, ActivityIndexPage, INDEX, show_in_menus=True)


@transaction.atomic
def seed_activities():
    """Create the index pages and the demo activities where missing; return how many
    activity pages were created."""
    indexes = ensure_index_pages()
    today = timezone.localdate()
    created = 0
    for spec in ACTIVITIES:
        day = today + datetime.timedelta(days=spec["days"])
        starts, ends = _at(day, spec["start"]), _at(day, spec["end"])
        opens = starts - datetime.timedelta(days=90)
        source = None
        for language in language_codes():
            index = indexes.get(language)
            if index is None:
                continue
            texts = spec[language]
            existing = ActivityPage.objects.child_of(index).filter(slug=texts["slug"]).first()
            if existing:
                source = source or existing
                continue
            page = ActivityPage(
                locale=Locale.objects.get(language_code=language),
                title=texts["title"],
                slug=texts["slug"],
                summary=texts["summary"],
                activity_type=spec["type"],
                starts_at=starts,
                ends_at=ends,
                venue=spec["venue"],
                address=spec["address"],
                online_url=spec.get("online_url", ""),
                organiser=spec["organiser"],
                partners=spec["partners"],
                programme=_programme(texts["programme"]),
                capacity=spec["capacity"],
                joint_registration=spec["joint"],
                registration_opens_at=opens,
                registration_closes_at=starts - datetime.timedelta(days=2),
                cancellation_deadline=starts - datetime.timedelta(days=3),
            )
            if source is not None:
                page.translation_key = source.translation_key
            source = source or page
            _publish_child(index, page)
            created += 1
    return created
