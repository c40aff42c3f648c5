"""Page and snippet factories (factory_boy, wagtail-factories): build the pages a
test needs directly, without the case-exchange importer.

Pages are added under their parent and, like an editor's "Publish", published
through a revision; `live=False` leaves a draft (one revision, never published).
The page tree of `portal.site_setup` (home pages, case indexes, taxonomy) is
expected to exist: use these through the `site` fixture or `case_factory`.

    case = CaseStudyPageFactory(title="Digital brevlåda", themes=["ai-automation"])
    english = CaseStudyPageFactory(language="en", translation_of=case)
    draft = CaseStudyPageFactory(live=False)
"""

import datetime

import factory
import wagtail_factories
from django.utils import timezone
from django.utils.text import slugify
from factory.django import DjangoModelFactory
from wagtail.models import Locale, Page

from activities.models import ActivityIndexPage, ActivityPage, ActivityType
from cases.models import CaseIndexPage, CaseLesson, CaseLink, CaseStudyPage, LessonKind
from cases.snippets import Agency, DigitalisationStage, Theme
from portal.models import HomePage, StandardPage


def locale(language):
    return Locale.objects.get(language_code=language)


def unique_slug(parent, slug):
    """The slug, numbered when a sibling has it already (Wagtail requires unique siblings)."""
    base, n = slug or "sida", 2
    while parent.get_children().filter(slug=slug).exists():
        slug, n = f"{base}-{n}", n + 1
    return slug


# --- snippets -----------------------------------------------------------------


class ThemeFactory(DjangoModelFactory):
    class Meta:
        model = Theme
        django_get_or_create = ("slug", "locale")

    name = factory.Sequence(lambda n: f"Tema {n}")
    slug = factory.LazyAttribute(lambda o: slugify(o.name))
    locale = factory.LazyFunction(Locale.get_default)


class DigitalisationStageFactory(DjangoModelFactory):
    class Meta:
        model = DigitalisationStage
        django_get_or_create = ("slug", "locale")

    name = factory.Sequence(lambda n: f"Skede {n}")
    slug = factory.LazyAttribute(lambda o: slugify(o.name))
    order = factory.Sequence(lambda n: 100 + n)
    locale = factory.LazyFunction(Locale.get_default)


class AgencyFactory(DjangoModelFactory):
    class Meta:
        model = Agency
        django_get_or_create = ("name", "locale")

    name = "Skatteverket"
    org_number = "202100-5448"
    email_domains = "skatteverket.se"
    locale = factory.LazyFunction(Locale.get_default)


def agency_named(name, in_locale):
    """The agency of that name in a case's language: the one in the default
    language is created when missing, and translated when the case is not in it."""
    found = Agency.objects.filter(name=name, locale=in_locale).first()
    if found is not None:
        return found
    source = Agency.objects.filter(name=name).first() or AgencyFactory(name=name)
    translated = source.get_translation_or_none(in_locale)
    if translated is None:
        translated = source.copy_for_translation(in_locale)
        translated.save()
    return translated


# --- pages --------------------------------------------------------------------


class PublishedPageFactory(wagtail_factories.PageFactory):
    """Adds the page under `parent` and publishes it through a revision."""

    class Meta:
        abstract = True

    live = True

    @classmethod
    def _prepare_page(cls, model_class, kwargs):
        """The unsaved page; subclasses set relations here."""
        return model_class(**kwargs)

    @classmethod
    def _create_instance(cls, model_class, parent, kwargs):
        page = cls._prepare_page(model_class, kwargs)
        page.slug = unique_slug(parent, page.slug)
        page.draft_title = page.title
        parent.add_child(instance=page)
        revision = page.save_revision()
        if page.live:
            revision.publish()
            page.refresh_from_db()
        return page


class HomePageFactory(PublishedPageFactory):
    class Meta:
        model = HomePage

    title = factory.Sequence(lambda n: f"Startsida {n}")
    locale = factory.LazyFunction(Locale.get_default)
    parent = factory.LazyFunction(Page.get_first_root_node)


def home_of(o):
    return HomePage.objects.get(locale=o.locale)


class StandardPageFactory(PublishedPageFactory):
    class Meta:
        model = StandardPage

    class Params:
        language = "sv"

    title = factory.Sequence(lambda n: f"Om sidan {n}")
    locale = factory.LazyAttribute(lambda o: locale(o.language))
    parent = factory.LazyAttribute(home_of)
    intro = "En inledning."
    body = "<p>Sidans text.</p>"


class CaseIndexPageFactory(PublishedPageFactory):
    """A further case index (the site has one per language already)."""

    class Meta:
        model = CaseIndexPage

    class Params:
        language = "sv"

    title = factory.Sequence(lambda n: f"Erfarenheter {n}")
    locale = factory.LazyAttribute(lambda o: locale(o.language))
    parent = factory.LazyAttribute(home_of)
    intro = "Fall från myndigheterna."


class CaseStudyPageFactory(PublishedPageFactory):
    """A case in its language's case index. Besides the model's fields it takes
    `agency` (a name or an Agency), `stage` (a slug or a stage), `themes` (slugs
    or themes), `partner_agencies` (names), `lessons` ((kind, text) pairs),
    `links` ((title, url) pairs), `tags` (names), `published` (the date of first
    publication, for a live case) and `translation_of` (the case this one
    translates)."""

    class Meta:
        model = CaseStudyPage

    class Params:
        language = "sv"

    title = factory.Sequence(lambda n: f"Testfall nummer {n}")
    locale = factory.LazyAttribute(lambda o: locale(o.language))
    parent = factory.LazyAttribute(lambda o: CaseIndexPage.objects.get(locale=o.locale))
    summary = "En kort sammanfattning av fallet."
    agency = "Skatteverket"
    stage = "pilot"
    themes = ("digital-services",)
    partner_agencies = ()
    status = "ongoing"
    started = datetime.date(2022, 3, 1)
    ended = None
    challenge = "<p>Utmaningen var stor.</p><p>Den hade två delar.</p>"
    approach = "<p>Vi prövade nya arbetssätt.</p>"
    results = "<p>Det gick bra.</p>"
    joint_work = "<p>Arbetsgivaren och de fackliga organisationerna samverkade.</p>"
    lessons = (
        (LessonKind.WORKED, "Börja smått."),
        (LessonKind.AVOID, "Undvik stora upphandlingar."),
    )
    links = ()
    tags = ("test",)
    contact_name = "Anna Andersson"
    contact_role = "Projektledare"
    contact_email = "anna.andersson@skatteverket.se"
    published = datetime.date(2024, 1, 15)
    translation_of = None

    @classmethod
    def _prepare_page(cls, model_class, kwargs):
        where = kwargs["locale"]
        agency = kwargs.pop("agency")
        if isinstance(agency, str):
            agency = agency_named(agency, where)
        stage = kwargs.pop("stage")
        if isinstance(stage, str):
            stage = DigitalisationStage.objects.get(slug=stage, locale=where)
        themes = [
            Theme.objects.get(slug=theme, locale=where) if isinstance(theme, str) else theme
            for theme in kwargs.pop("themes")
        ]
        partners = [agency_named(name, where) for name in kwargs.pop("partner_agencies")]
        lessons = [CaseLesson(kind=kind, text=text) for kind, text in kwargs.pop("lessons")]
        links = [CaseLink(title=title, url=url) for title, url in kwargs.pop("links")]
        tags = list(kwargs.pop("tags"))
        published = kwargs.pop("published")
        source = kwargs.pop("translation_of")
        if source is not None:
            kwargs["translation_key"] = source.translation_key
        if published is not None and kwargs["live"]:  # a draft was never published
            kwargs["first_published_at"] = timezone.make_aware(
                datetime.datetime.combine(published, datetime.time(12, 0))
            )
        page = model_class(agency=agency, stage=stage, **kwargs)
        page.themes = themes
        page.partner_agencies = partners
        page.lessons = lessons
        page.links = links
        page.tags.set(tags)
        return page


class ActivityIndexPageFactory(PublishedPageFactory):
    class Meta:
        model = ActivityIndexPage

    class Params:
        language = "sv"

    title = factory.Sequence(lambda n: f"Aktiviteter {n}")
    locale = factory.LazyAttribute(lambda o: locale(o.language))
    parent = factory.LazyAttribute(home_of)


class ActivityPageFactory(PublishedPageFactory):
    """An activity under the index of its language (made when missing),
    starting in ten days with registration open."""

    class Meta:
        model = ActivityPage

    class Params:
        language = "sv"
        starts_in = datetime.timedelta(days=10)

    title = factory.Sequence(lambda n: f"Innovationsdag {n}")
    locale = factory.LazyAttribute(lambda o: locale(o.language))
    parent = factory.LazyAttribute(
        lambda o: (
            ActivityIndexPage.objects.filter(locale=o.locale).first()
            or ActivityIndexPageFactory(locale=o.locale)
        )
    )
    summary = "En dag om att pröva nya idéer."
    activity_type = ActivityType.INNOVATION_DAY
    starts_at = factory.LazyAttribute(lambda o: timezone.now() + o.starts_in)
    ends_at = factory.LazyAttribute(lambda o: o.starts_at + datetime.timedelta(hours=6))
    venue = "Tekniska museet"
    address = "Museivägen 7\n115 27 Stockholm"
    organiser = "Erfarenhetsbanken"
    capacity = 10
    registration_opens_at = factory.LazyAttribute(
        lambda o: timezone.now() - datetime.timedelta(days=5)
    )
    registration_closes_at = factory.LazyAttribute(
        lambda o: o.starts_at - datetime.timedelta(days=1)
    )
