"""The page tree every installation needs: a home page per language, the case
index and the standard pages. Idempotent: what exists is left alone."""

from django.db import transaction
from wagtail.models import Locale, Page, Site

from core.languages import language_codes
from portal import site_content


def add_translated_pages(parent_by_lang, model, texts, **fields):
    """Create a page in Swedish and its English translation (same translation key)
    under each language's parent, keeping pages that exist (by slug)."""
    pages = {}
    for language in language_codes():
        parent = parent_by_lang.get(language)
        if parent is None:
            continue
        locale = Locale.objects.get(language_code=language)
        existing = model.objects.child_of(parent).filter(slug=texts[language]["slug"]).first()
        if existing:
            pages[language] = existing
            continue
        values = dict(texts[language])
        page = model(locale=locale, **fields, **values)
        if "sv" in pages:
            page.translation_key = pages["sv"].translation_key
        parent.add_child(instance=page)
        page.save_revision().publish()
        pages[language] = page
    return pages


@transaction.atomic
def ensure_site_structure():
    from cases.models import CaseIndexPage
    from cases.snippets import DigitalisationStage, Theme
    from cases.taxonomy import ensure_taxonomy
    from portal.models import HomePage, StandardPage

    ensure_taxonomy(Locale, Theme, DigitalisationStage)
    sv = Locale.objects.get(language_code="sv")
    en = Locale.objects.get(language_code="en")
    root = Page.get_first_root_node()
    if root is None:  # only after a test flushed every table
        root = Page.add_root(title="Root", slug="root", locale=sv)
    homes = {}
    for language, locale in (("sv", sv), ("en", en)):
        home = HomePage.objects.filter(locale=locale).first()
        if home is None:
            texts = site_content.HOME[language]
            home = HomePage(
                title=texts["title"],
                intro=texts["intro"],
                locale=locale,
                slug="start" if language == "sv" else "en",
            )
            if "sv" in homes:
                home.translation_key = homes["sv"].translation_key
            root.add_child(instance=home)
            home.save_revision().publish()
        homes[language] = home

    site = Site.objects.filter(is_default_site=True).first()
    if site is None:
        Site.objects.create(
            hostname="localhost",
            port=80,
            root_page=homes["sv"],
            is_default_site=True,
            site_name="Erfarenhetsbanken",
        )
    elif site.root_page_id != homes["sv"].pk:
        old_root = site.root_page
        site.root_page = homes["sv"]
        site.site_name = "Erfarenhetsbanken"
        site.save()
        # Wagtail's placeholder "Welcome" page is not ours to keep.
        if old_root.specific_class is Page and old_root.depth == 2:
            old_root.delete()

    add_translated_pages(homes, CaseIndexPage, site_content.CASE_INDEX, show_in_menus=True)
    for texts in site_content.STANDARD_PAGES:
        add_translated_pages(homes, StandardPage, texts)
    return homes
