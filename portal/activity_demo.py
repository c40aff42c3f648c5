"""Demo activities in Swedish and English, as a real programme would have them:
on working days (core.working_days) outside the Christmas holidays and July,
in office hours, registration closing on a working day. Dates are relative to
the day the demo is loaded.

Idempotent: loading again keeps an activity's day while it still fits (still
ahead, or still past, on a working day); otherwise, as on a database from an
older demo, the day moves and the page is published again with what the
demo says now."""

import datetime
from zoneinfo import ZoneInfo

from django.db import transaction
from django.utils import timezone
from wagtail.models import Locale

from activities.models import ActivityIndexPage, ActivityPage, ActivityType
from core.languages import language_codes
from core.working_days import is_working_day, working_day_on_or_before, working_days_before

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


def is_event_day(day):
    """A working day outside the Christmas holidays and July, when few come."""
    holidays = day.month == 7 or (day.month, day.day) >= (12, 20) or (day.month, day.day) <= (1, 6)
    return is_working_day(day) and not holidays


def event_day_on_or_after(day):
    while not is_event_day(day):
        day += datetime.timedelta(days=1)
    return day


def event_day_on_or_before(day):
    while not is_event_day(day):
        day -= datetime.timedelta(days=1)
    return day


def days_ahead(days):
    """The first event day at least `days` days from today; fits while ahead."""
    return {
        "when": lambda today: event_day_on_or_after(today + datetime.timedelta(days=days)),
        "fits": lambda day, today: day > today,
    }


def days_ago(days):
    """The last event day at least `days` days before today; fits while past."""
    return {
        "when": lambda today: event_day_on_or_before(today - datetime.timedelta(days=days)),
        "fits": lambda day, today: day < today,
    }


def in_may():
    """A Tuesday in the coming May (next year's once this May is near or gone)."""

    def when(today):
        year = today.year if today < datetime.date(today.year, 4, 15) else today.year + 1
        tuesday = datetime.date(year, 5, 11)
        tuesday += datetime.timedelta(days=(1 - tuesday.weekday()) % 7)
        return event_day_on_or_after(tuesday)

    return {"when": when, "fits": lambda day, today: day > today and day.month == 5}


ACTIVITIES = [
    {
        **days_ahead(21),
        "start": (9, 30),
        "end": (16, 0),
        "capacity": 80,
        "type": ActivityType.INNOVATION_DAY,
        "joint": False,
        "venue": "Tekniska museet",
        "address": "Museivägen 7\n115 27 Stockholm",
        "sv": {
            "slug": "innovationsdag-stockholm",
            "title": "Innovationsdag på Tekniska museet",
            "summary": "En dag om hur myndigheter prövar nya idéer i liten skala innan de "
            "satsar stort. Fallstudier, samtal och en utställning om "
            "innovation i offentlig sektor.",
            "organiser": "Erfarenhetsbanken",
            "partners": "Tekniska museet",
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
            "organiser": "Erfarenhetsbanken",
            "partners": "Tekniska museet (National Museum of Science and Technology)",
            "programme": [
                (9, 30, "Coffee and registration"),
                (10, 0, "Welcome"),
                (10, 15, "How the Swedish Tax Agency tries out new services"),
                (12, 0, "Lunch"),
                (13, 0, "Group workshops"),
                (15, 30, "Summing up"),
            ],
        },
    },
    {
        **days_ahead(45),
        "start": (10, 0),
        "end": (15, 30),
        "capacity": 40,
        "type": ActivityType.INNOVATION_DAY,
        "joint": False,
        "address": "Sundsvall",
        "sv": {
            "slug": "innovationsdag-sundsvall",
            "title": "Innovationsdag i Sundsvall",
            "summary": "Tillsammans med Myndigheten för digital förvaltning (Digg) om "
            "automatiserade beslut, gemensam digital infrastruktur och hur man tar "
            "tillvara medarbetarnas idéer.",
            "venue": "Myndigheten för digital förvaltning (Digg)",
            "organiser": "Erfarenhetsbanken och Myndigheten för digital förvaltning (Digg)",
            "partners": "",
            "programme": [
                (10, 0, "Välkommen till Digg"),
                (10, 30, "Automatiserade beslut: lärdomar"),
                (12, 0, "Lunch"),
                (13, 0, "Idéverkstad om gemensam digital infrastruktur"),
                (15, 0, "Avslutning"),
            ],
        },
        "en": {
            "slug": "innovation-day-sundsvall",
            "title": "Innovation day in Sundsvall",
            "summary": "With the Agency for Digital Government (Digg) on automated "
            "decisions, shared digital infrastructure and making use of the staff's ideas.",
            "venue": "Agency for Digital Government (Digg)",
            "organiser": "Erfarenhetsbanken and the Agency for Digital Government (Digg)",
            "partners": "",
            "programme": [
                (10, 0, "Welcome to Digg"),
                (10, 30, "Automated decisions: lessons"),
                (12, 0, "Lunch"),
                (13, 0, "Idea workshop on shared digital infrastructure"),
                (15, 0, "Closing"),
            ],
        },
    },
    {
        **days_ahead(35),
        "start": (13, 0),
        "end": (16, 0),
        "capacity": 20,
        "type": ActivityType.STUDY_VISIT,
        "joint": False,
        "venue": "Kista Science Tower",
        "address": "Färögatan 33\n164 51 Kista",
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
        **in_may(),
        "start": (9, 0),
        "end": (16, 0),
        "capacity": 24,
        "type": ActivityType.INNOVATION_LAB,
        "joint": True,
        "venue": "Erfarenhetsbankens labb",
        "address": "Drottninggatan 89\n113 60 Stockholm",
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
        **days_ahead(10),
        "start": (10, 0),
        "end": (11, 0),
        "capacity": 300,
        "type": ActivityType.WEBINAR,
        "joint": False,
        "online_url": "https://example.org/webbinarium/nyttan",
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
        **days_ago(30),
        "start": (14, 0),
        "end": (15, 0),
        "capacity": 200,
        "type": ActivityType.WEBINAR,
        "joint": False,
        "online_url": "https://example.org/webbinarium/ai",
        "sv": {
            "slug": "webbinarium-ai-kundtjanst",
            "title": "Webbinarium: AI i kundtjänsten",
            "summary": "Tre myndigheter berättade om chattbotar och vad de lärde sig.",
            "programme": [(14, 0, "Tre erfarenheter"), (14, 45, "Frågor")],
        },
        "en": {
            "slug": "webinar-ai-customer-service",
            "title": "Webinar: AI in customer service",
            "summary": "Three agencies told of chatbots and what they learned.",
            "programme": [(14, 0, "Three cases"), (14, 45, "Questions")],
        },
    },
    {
        **days_ago(75),
        "start": (9, 30),
        "end": (16, 0),
        "capacity": 60,
        "type": ActivityType.INNOVATION_DAY,
        "joint": False,
        "venue": "Lindholmen Science Park",
        "address": "Lindholmspiren 3\n417 56 Göteborg",
        "sv": {
            "slug": "innovationsdag-goteborg",
            "title": "Innovationsdag i Göteborg",
            "summary": "En dag om öppna data och samverkan mellan myndigheter, med "
            "erfarenheter från Lantmäteriet och Trafikverket.",
            "programme": [
                (9, 30, "Kaffe och registrering"),
                (10, 0, "Öppna data som ingen efterfrågade"),
                (12, 0, "Lunch"),
                (13, 0, "Samverkan i praktiken"),
                (15, 30, "Avslutning"),
            ],
        },
        "en": {
            "slug": "innovation-day-gothenburg",
            "title": "Innovation day in Gothenburg",
            "summary": "A day on open data and cooperation between agencies, with cases from "
            "the Swedish mapping authority and the Swedish Transport Administration.",
            "programme": [
                (9, 30, "Coffee and registration"),
                (10, 0, "Open data nobody asked for"),
                (12, 0, "Lunch"),
                (13, 0, "Cooperation in practice"),
                (15, 30, "Closing"),
            ],
        },
    },
]


def _at(day, hour_minute):
    return datetime.datetime.combine(day, datetime.time(*hour_minute), tzinfo=STOCKHOLM)


def activity_values(spec, language, day):
    """The page's fields on `day`: office hours, registration open from half a
    year before until 16:00 three working days before, cancellation until
    noon the working day before."""
    texts = spec[language]
    return {
        "title": texts["title"],
        "summary": texts["summary"],
        "activity_type": spec["type"],
        "starts_at": _at(day, spec["start"]),
        "ends_at": _at(day, spec["end"]),
        "venue": texts.get("venue", spec.get("venue", "")),
        "address": spec.get("address", ""),
        "online_url": spec.get("online_url", ""),
        "organiser": texts.get("organiser", "Erfarenhetsbanken"),
        "partners": texts.get("partners", ""),
        "capacity": spec["capacity"],
        "joint_registration": spec["joint"],
        "registration_opens_at": _at(
            working_day_on_or_before(day - datetime.timedelta(days=180)), (9, 0)
        ),
        "registration_closes_at": _at(working_days_before(day, 3), (16, 0)),
        "cancellation_deadline": _at(working_days_before(day, 1), (12, 0)),
    }


def _programme_of(page):
    return [(block.value["time"], block.value["title"]) for block in page.programme]


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


def _day(spec, existing, today):
    """The existing activity's day while it still fits, else a new one from today."""
    for page in existing:
        day = timezone.localtime(page.starts_at, STOCKHOLM).date()
        if spec["fits"](day, today) and is_event_day(day):
            return day
    return spec["when"](today)


@transaction.atomic
def seed_activities():
    """Create the index pages and the demo activities, bring those from an older
    demo up to date; return how many activity pages were created or changed."""
    indexes = ensure_index_pages()
    today = timezone.localdate()
    changed = 0
    for spec in ACTIVITIES:
        existing = {
            language: ActivityPage.objects.child_of(index)
            .filter(slug=spec[language]["slug"])
            .first()
            for language, index in indexes.items()
            if language in spec
        }
        day = _day(spec, [page for page in existing.values() if page], today)
        source = next((page for page in existing.values() if page), None)
        for language in language_codes():
            index = indexes.get(language)
            if index is None:
                continue
            values = activity_values(spec, language, day)
            programme = _programme(spec[language]["programme"])
            page = existing.get(language)
            if page is None:
                page = ActivityPage(
                    locale=Locale.objects.get(language_code=language),
                    slug=spec[language]["slug"],
                    programme=programme,
                    **values,
                )
                if source is not None:
                    page.translation_key = source.translation_key
                source = source or page
                _publish_child(index, page)
                changed += 1
                continue
            wanted = [(item[1]["time"], item[1]["title"]) for item in programme]
            if all(getattr(page, name) == value for name, value in values.items()) and (
                _programme_of(page) == wanted
            ):
                continue
            for name, value in values.items():
                setattr(page, name, value)
            page.programme = programme
            page.save_revision().publish()
            changed += 1
    return changed
