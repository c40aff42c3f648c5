"""Headless Chromium (Debian's, driven by Playwright) against pytest-django's
live server, on a small bilingual site built through the real import path.

Reuse: `seeded_site` returns the paths of every page type; add another app's
pages to `tests/browser/pages.py` (and their data to `seeded_site`), and the
axe and console checks cover them in both languages at both widths."""

import os
import shutil
import tempfile
from dataclasses import dataclass, field
from pathlib import Path

import pytest

# Playwright's sync API keeps an event loop in the main thread; the ORM calls
# the fixtures make around it are still synchronous.
os.environ.setdefault("DJANGO_ALLOW_ASYNC_UNSAFE", "true")

CHROMIUM = os.environ.get("CHROMIUM_PATH") or shutil.which("chromium") or "/usr/bin/chromium"
LAUNCH_ARGS = [
    "--no-sandbox",
    "--host-resolver-rules=MAP * ~NOTFOUND, EXCLUDE 127.0.0.1, EXCLUDE localhost",
]
WIDTHS = {"desktop": 1280, "narrow": 320}


@pytest.fixture(scope="session")
def django_db_modify_db_settings(django_db_modify_db_settings_parallel_suffix):
    """On SQLite, a test database in a file: the live server's thread and the
    test's share it. Shared-cache memory databases, pytest-django's default,
    lock a whole table against the other connection ("database table is
    locked"), which the busy timeout does not wait out; WAL in a file does."""
    from django.conf import settings

    database = settings.DATABASES["default"]
    if database["ENGINE"] == "django.db.backends.sqlite3":
        folder = Path(tempfile.mkdtemp(prefix="erfarenhetsbanken-browser-db-"))
        database.setdefault("TEST", {})["NAME"] = str(folder / "test.sqlite3")


@pytest.fixture(scope="session")
def browser():
    from playwright.sync_api import sync_playwright

    if not Path(CHROMIUM).exists():
        pytest.fail(f"Chromium not found at {CHROMIUM}: apt-get install -y chromium")
    # Chromium's profile leftovers go to one folder outside the checkout.
    os.environ.setdefault("TMPDIR", str(Path(tempfile.gettempdir()) / "erfarenhetsbanken-browser"))
    Path(os.environ["TMPDIR"]).mkdir(exist_ok=True)
    with sync_playwright() as playwright:
        instance = playwright.chromium.launch(
            executable_path=CHROMIUM, headless=True, args=LAUNCH_ARGS
        )
        yield instance
        instance.close()


@dataclass
class Console:
    """Console errors and uncaught exceptions of one page."""

    errors: list = field(default_factory=list)

    def attach(self, page):
        page.on(
            "console",
            lambda m: (
                self.errors.append(f"console {m.type}: {m.text}") if m.type == "error" else None
            ),
        )
        page.on("pageerror", lambda exc: self.errors.append(f"page error: {exc}"))


@pytest.fixture
def browser_urls(settings):
    settings.ROOT_URLCONF = "tests.browser.urls"


@pytest.fixture
def new_page(browser, live_server, browser_urls):
    """new_page(width=1280, init_script=None) -> (page, console): a fresh context."""
    contexts = []

    def _new(width=WIDTHS["desktop"], init_script=None, **context_options):
        context = browser.new_context(
            base_url=live_server.url,
            viewport={"width": width, "height": 900},
            **context_options,
        )
        contexts.append(context)
        if init_script:
            context.add_init_script(init_script)
        page = context.new_page()
        page.set_default_timeout(10_000)
        console = Console()
        console.attach(page)
        return page, console

    yield _new
    for context in contexts:
        context.close()


@pytest.fixture
def flushed_tables_restored(transactional_db):
    """A transactional test empties every table afterwards; the site setup
    rebuilds the page tree and taxonomy, and this the root collection."""
    from wagtail.models import Collection

    if Collection.get_first_root_node() is None:
        Collection.add_root(name="Root")


@dataclass
class SeededSite:
    paths: dict
    cases: dict


def _add_hero(page):
    from wagtail.images import get_image_model

    from cases.demo_images import draw_hero

    image = get_image_model()(
        title=f"hero-{page.exchange_id}", file=draw_hero(page.exchange_id, "ai-automation")
    )
    image.save()
    page.hero_image = image
    page.hero_alt = (
        "Abstrakt illustration." if page.locale.language_code == "sv" else "Abstract illustration."
    )
    page.save_revision().publish()
    return page


def _seed_activities():
    """The demo activities (index and pages, both languages); their paths."""
    from django.urls import reverse
    from django.utils import translation

    from activities.links import cancel_token
    from activities.models import ActivityIndexPage, ActivityPage
    from activities.registration import Person, register
    from portal.activity_demo import seed_activities

    seed_activities()
    paths = {}
    # An innovation day at a venue, open for registration.
    slugs = {"sv": "innovationsdag-stockholm", "en": "innovation-day-stockholm"}
    for language in ("sv", "en"):
        index = ActivityIndexPage.objects.get(locale__language_code=language)
        activity = ActivityPage.objects.child_of(index).live().get(slug=slugs[language])
        assert activity.registration_state() == "open"
        paths[f"activities_{language}"] = index.url
        paths[f"activity_{language}"] = activity.url
        # A registration and the registrant's own page behind the e-mailed link.
        registration = register(
            activity,
            [Person(name="Anna Ek", email=f"anna.{language}@example.se", dietary_needs="Vegansk")],
            organisation="Vinnova",
            language=language,
        )
        with translation.override(language):
            paths[f"my_registration_{language}"] = reverse(
                "activities:cancel", kwargs={"token": cancel_token(registration)}
            )
    return paths


@pytest.fixture
def seeded_site(transactional_db, flushed_tables_restored, site, make_case, live_server):
    """Two Swedish cases (one stopped) and the English translation of one, with
    a hero image; the standard pages come from the site setup."""
    stopped = make_case(
        id="browser-stopped",
        title="Röstrobot i telefonkön som avbröts",
        summary="Vi prövade en röstrobot i telefonkön. Försöket avbröts efter ett halvår.",
        status="stopped",
        stopped_reason={"kind": "technology", "text": "Taligenkänningen klarade inte dialekter."},
        evidence_level=2,
        follow_ups=[
            {"date": "2024-06-01", "text": "Vi provar i stället en chattbot.", "status": None}
        ],
        themes=["ai-automation", "digital-services"],
        stage="pilot",
        lessons=[
            {"kind": "worked", "text": "Börja med en liten grupp ärenden."},
            {"kind": "avoid", "text": "Lova inte för mycket till kunderna."},
            {"kind": "advice", "text": "Mät vad kunderna faktiskt frågar om."},
        ],
        links=[{"title": "Rapporten", "url": "https://example.org/rapport"}],
    )
    _add_hero(stopped)
    ongoing = make_case(
        id="browser-ongoing",
        title="Digital brevlåda i stället för papper",
        themes=["digital-services"],
        stage="implementation",
    )
    english = make_case(
        id="browser-stopped-en",
        language="en",
        translation_of="browser-stopped",
        title="A voice robot in the phone queue that was stopped",
        summary="We tried a voice robot in the phone queue. The trial was stopped after six "
        "months.",
        status="stopped",
        stopped_reason={"kind": "technology", "text": "Speech recognition missed dialects."},
        evidence_level=2,
        follow_ups=[{"date": "2024-06-01", "text": "We now try a chatbot.", "status": None}],
        themes=["ai-automation", "digital-services"],
        stage="pilot",
        challenge="Callers waited too long.\n\nMost questions were simple.",
        approach="We trained a voice robot on common questions.",
        lessons=[{"kind": "avoid", "text": "Do not promise too much."}],
    )
    _add_hero(english)
    from cases.models import CaseStudyPage

    stopped = CaseStudyPage.objects.get(pk=stopped.pk)
    english = CaseStudyPage.objects.get(pk=english.pk)
    from django.urls import reverse
    from django.utils import translation

    from contributions.follow_ups import follow_up_token

    follow_ups = {}
    for case in (ongoing, english):
        case = CaseStudyPage.objects.get(pk=case.pk)
        with translation.override(case.locale.language_code):
            path = reverse("contributions:follow_up", args=[follow_up_token(case)])
        follow_ups[f"follow_up_{case.locale.language_code}"] = path
    from core.models import Organisation
    from portal.management.commands.seed_demo import DEMO_ORGANISATION

    Organisation.objects.filter(pk=Organisation.load().pk).update(**DEMO_ORGANISATION)
    paths = {
        **follow_ups,
        "case_sv": stopped.url,
        "case_en": english.url,
        "ongoing_sv": ongoing.url,
        **_seed_activities(),
    }
    return SeededSite(
        paths=paths, cases={"stopped": stopped, "ongoing": ongoing, "english": english}
    )


@pytest.fixture
def agency(seeded_site):
    from wagtail.models import Locale

    from cases.snippets import Agency

    return Agency.objects.create(
        name="Skatteverket",
        org_number="202100-5448",
        email_domains="skatteverket.se",
        locale=Locale.get_default(),
    )


@pytest.fixture
def contributor_cookies(agency, live_server):
    """Session cookies of an active contributor at `agency`, for
    new_page(storage_state={"cookies": ...})."""
    from django.test import Client

    from contributions.accounts import create_contributor

    user = create_contributor(
        "anna@skatteverket.se",
        agency,
        password="ett-langt-losenord-42",
        first_name="Anna",
        last_name="Andersson",
    )
    user.is_active = True
    user.save()
    client = Client()
    client.force_login(user)
    return [
        {"name": cookie.key, "value": cookie.value, "url": live_server.url}
        for cookie in client.cookies.values()
    ]
