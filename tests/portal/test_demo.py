"""The demo looks like a real programme: activities on working days in office
hours, Sundsvall with Digg, pictures per theme with their own alt texts,
every agency in English, cases an editor updated with their change notes;
and loading it again changes nothing."""

import datetime
import re
from io import StringIO
from zoneinfo import ZoneInfo

import pytest
from django.core.management import call_command
from django.utils import timezone
from freezegun import freeze_time
from wagtail.models import Locale, Revision

from activities.models import ActivityPage
from cases.models import CaseStudyPage
from cases.snippets import Agency
from core.working_days import easter_sunday, is_working_day
from portal.activity_demo import ACTIVITIES, activity_values, is_event_day

pytestmark = pytest.mark.django_db
STOCKHOLM = ZoneInfo("Europe/Stockholm")
# Stockholm's day 21 days ahead is Christmas Day: it moves past the holidays.
TODAY = "2026-12-04 10:00"


def test_swedish_days_off():
    assert easter_sunday(2027) == datetime.date(2027, 3, 28)
    assert easter_sunday(2026) == datetime.date(2026, 4, 5)
    for day in [
        "2026-12-24",
        "2026-12-25",
        "2026-12-26",
        "2026-12-31",
        "2027-01-01",
        "2027-01-06",
        "2027-03-26",  # Good Friday
        "2027-03-29",  # Easter Monday
        "2027-05-06",  # Ascension Day
        "2026-05-01",
        "2026-06-06",
        "2027-06-25",  # Midsummer Eve
        "2026-12-06",  # a Sunday
    ]:
        assert not is_working_day(datetime.date.fromisoformat(day)), day
    for day in ["2026-12-23", "2026-12-28", "2027-01-07", "2027-05-11", "2027-06-24"]:
        assert is_working_day(datetime.date.fromisoformat(day)), day


def test_every_demo_date_on_every_day_of_a_year_fits_a_working_week():
    first = datetime.date(2026, 1, 1)
    for offset in range(366):
        today = first + datetime.timedelta(days=offset)
        for spec in ACTIVITIES:
            day = spec["when"](today)
            assert spec["fits"](day, today), (today, spec["sv"]["slug"])
            values = activity_values(spec, "sv", day)
            starts, ends = (
                timezone.localtime(values[n], STOCKHOLM) for n in ("starts_at", "ends_at")
            )
            closes = timezone.localtime(values["registration_closes_at"], STOCKHOLM)
            assert is_event_day(starts.date()) and is_working_day(closes.date())
            assert 8 <= starts.hour and ends.hour <= 17
            assert values["registration_opens_at"] < values["registration_closes_at"] < starts


def seed():
    out = StringIO()
    call_command("seed_demo", stdout=out)
    return out.getvalue()


def demo_activity(slug):
    return ActivityPage.objects.live().get(slug=slug)


@pytest.fixture
def demo(site):
    with freeze_time(TODAY):
        seed()
        yield


def test_the_demo_looks_like_a_real_programme_and_loads_once(demo, client):
    """One demo load (it takes a while) for everything a visitor sees, then
    loading it again, the same day and days later, writes nothing."""
    check_activities()
    check_sundsvall_with_digg(client)
    check_the_registration_form_lists_every_agency(client)
    check_every_agency_has_an_english_name()
    check_pictures_differ_and_say_what_they_show()
    check_substantially_updated_cases(client)
    check_an_agency_is_found_by_the_name_readers_know(client)
    revisions = Revision.objects.count()
    assert "0 cases created" in seed()
    with freeze_time("2026-12-09 10:00"):  # the activities keep their days
        seed()
    assert Revision.objects.count() == revisions


def check_activities():
    today = timezone.localdate()
    activities = list(ActivityPage.objects.live())
    assert len(activities) == 2 * len(ACTIVITIES)
    for activity in activities:
        starts = timezone.localtime(activity.starts_at, STOCKHOLM)
        closes = timezone.localtime(activity.registration_closes_at, STOCKHOLM)
        assert is_working_day(starts.date()), activity.slug
        assert is_working_day(closes.date()), activity.slug
        assert 8 <= starts.hour and timezone.localtime(activity.ends_at, STOCKHOLM).hour <= 17
    past = [a for a in activities if a.ends_at < timezone.now()]
    assert len(past) >= 4  # two past activities, in both languages
    stockholm = demo_activity("innovationsdag-stockholm")
    assert stockholm.venue == "Tekniska museet"
    assert timezone.localtime(stockholm.starts_at).date() == datetime.date(2027, 1, 7)
    assert stockholm.starts_at.date() > today and stockholm.registration_state() == "open"
    assert demo_activity("innovation-day-stockholm").venue == "Tekniska museet"
    assert timezone.localtime(demo_activity("innovationslabb-designtankande").starts_at).month == 5


def check_sundsvall_with_digg(client):
    for path, digg in [
        ("/aktiviteter/innovationsdag-sundsvall/", "Myndigheten för digital förvaltning (Digg)"),
        ("/en/activities/innovation-day-sundsvall/", "Agency for Digital Government (Digg)"),
    ]:
        html = client.get(path).content.decode()
        assert digg in html, path


def agency_options(client, path):
    html = client.get(path).content.decode()
    select = re.search(r'<select name="agency".*?</select>', html, re.S).group(0)
    return re.findall(r'<option value="\d+"[^>]*>([^<]+)</option>', select)


def check_the_registration_form_lists_every_agency(client):
    swedish = agency_options(client, "/aktiviteter/innovationsdag-stockholm/")
    english = agency_options(client, "/en/activities/innovation-day-stockholm/")
    assert len(swedish) == len(english) == 17
    assert "Skatteverket" in swedish and "Skatteverket" not in english
    assert "Swedish Tax Agency" in english and "Statistics Sweden" in english


def check_every_agency_has_an_english_name():
    english = Locale.objects.get(language_code="en")
    for agency in Agency.objects.filter(locale__language_code="sv"):
        assert agency.get_translation(english).name != agency.name, agency.name


def check_pictures_differ_and_say_what_they_show():
    cases = list(CaseStudyPage.objects.live().select_related("locale"))
    for language in ("sv", "en"):
        in_language = [case for case in cases if case.locale.language_code == language]
        alts = [case.hero_alt for case in in_language]
        assert all(alts) and len(set(alts)) == len(alts), language
        assert len({case.hero_image_id for case in in_language}) == len(in_language)
    chatbot = CaseStudyPage.objects.get(exchange_id="skv-chattbot-2021")
    assert chatbot.hero_alt == (
        "Illustration till en erfarenhet från Skatteverket: "
        "ett kugghjul och en mobiltelefon med en e-tjänst."
    )
    english = CaseStudyPage.objects.get(exchange_id="skv-chattbot-2021-en")
    assert english.hero_alt == (
        "Illustration for a case from Swedish Tax Agency: "
        "a gear wheel and a mobile phone showing an e-service."
    )
    assert english.hero_image_id == chatbot.hero_image_id  # the same picture


def check_substantially_updated_cases(client):
    updated = CaseStudyPage.objects.exclude(updated=None)
    assert updated.count() >= 5 and all(case.change_note for case in updated)
    assert not CaseStudyPage.objects.filter(updated=timezone.localdate()).exists()
    for exchange_id, label, note in [
        ("skv-chattbot-2021", "Uppdaterad", "svaren på fler språk har lagts till"),
        ("skv-chattbot-2021-en", "Updated", "the answers in more languages have been added"),
    ]:
        html = client.get(CaseStudyPage.objects.get(exchange_id=exchange_id).url).content.decode()
        assert f"<dt>{label}</dt>" in html and note in html
        assert '<time datetime="2024-09-16">' in html


def check_an_agency_is_found_by_the_name_readers_know(client):
    # "Kronofogden", not "Kronofogdemyndigheten", in an English search too.
    data = client.get("/api/search/", {"q": "Kronofogden", "lang": "en"}).json()
    assert [r["id"] for r in data["results"]][:1] == ["kfm-digital-brevlada-2019-en"]


@pytest.mark.parametrize(("path", "label"), [("/om/", "Uppdaterad"), ("/en/about/", "Updated")])
def test_standard_pages_show_when_they_were_last_updated(site, client, path, label):
    with freeze_time("2026-03-02 09:00"):
        from portal.models import StandardPage

        page = StandardPage.objects.get(url_path__endswith=path.split("/")[-2] + "/")
        page.save_revision().publish()
    html = client.get(path).content.decode()
    day = "2 mars 2026" if label == "Uppdaterad" else "2 March 2026"
    assert f'{label}: <time datetime="2026-03-02">{day}</time>' in html


def test_no_demo_activity_in_the_christmas_holidays_or_july():
    assert is_event_day(datetime.date(2027, 1, 7))
    for day in ["2026-12-21", "2026-12-28", "2027-01-05", "2027-07-14", "2027-06-25"]:
        assert not is_event_day(datetime.date.fromisoformat(day)), day
