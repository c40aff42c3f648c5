"""The page tree every installation needs: a home page per language, the case
index and the standard pages. Idempotent: what exists is left alone, except a
standard page still showing a text installed earlier, which gets the current
one (refresh_installed_texts)."""

import hashlib

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
    refresh_installed_texts(homes)
    contact = add_translated_pages(homes, StandardPage, site_content.CONTACT)
    _set_contact_page(contact.get("sv"))
    return homes


def _digest(text):
    return hashlib.sha256(text.encode()).hexdigest()[:16]


def refresh_installed_texts(homes):
    """Give each standard page whose intro or body is still a text installed
    earlier (site_content.EARLIER_TEXTS) the current text, as a new published
    revision; an editor's own text is kept. Returns the pages changed."""
    from portal.models import StandardPage

    changed = []
    for texts in site_content.STANDARD_PAGES:
        for language, home in homes.items():
            new = texts[language]
            page = StandardPage.objects.child_of(home).filter(slug=new["slug"]).first()
            if page is None or not page.live:
                continue
            fields = [
                field
                for field in ("intro", "body")
                if _digest(getattr(page, field)) in site_content.EARLIER_TEXTS
            ]
            if not fields:
                continue
            for field in fields:
                setattr(page, field, new[field])
            page.save_revision().publish()
            changed.append(page)
    return changed


def _set_contact_page(page):
    """Point the Organisation setting at the contact page, unless an editor
    chose one."""
    from core.models import Organisation

    organisation = Organisation.load()
    if page is not None and organisation.contact_page_id is None:
        organisation.contact_page = page
        organisation.save(update_fields=["contact_page"])


def update_existing_site(**kwargs):
    """After `migrate` on an installation that has its page tree: the current
    standard-page texts where editors kept the installed ones and, on a site
    that had them, the contact page they refer to. Nothing on an empty
    database, and nothing that an editor deleted comes back."""
    from portal.models import HomePage, StandardPage

    homes = {
        language: HomePage.objects.filter(locale__language_code=language).first()
        for language in language_codes()
    }
    homes = {language: home for language, home in homes.items() if home is not None}
    if not homes:
        return
    with transaction.atomic():
        if refresh_installed_texts(homes):
            contact = add_translated_pages(homes, StandardPage, site_content.CONTACT)
            _set_contact_page(contact.get("sv"))
