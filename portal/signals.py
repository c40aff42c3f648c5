"""What a change to pages clears: the menus and the footer kept in the cache
(templates/base.html), and the pages nginx keeps (wagtail.contrib.frontend_cache),
once the change is committed, so that no request keeps the old state again."""

from django.conf import settings
from django.core.cache import cache
from django.core.cache.utils import make_template_fragment_key
from django.db import transaction
from django.db.models.signals import post_delete, post_save
from wagtail.contrib.frontend_cache.utils import PurgeBatch
from wagtail.models import Page, PageViewRestriction, Site
from wagtail.signals import page_published, page_unpublished, post_page_move

from core.languages import language_codes


def clear_site_chrome():
    """Delete the menu, brand and footer fragments of every site and language."""
    from portal.templatetags.portal_tags import nav_sections

    keys = []
    for site in Site.objects.values_list("pk", flat=True):
        for language in language_codes():
            keys.append(make_template_fragment_key("site-brand", [language, site]))
            keys.append(make_template_fragment_key("site-footer", [language, site]))
            keys += [
                make_template_fragment_key("site-nav", [language, site, section])
                for section in nav_sections(language)
            ]
    cache.delete_many(keys)


def purge_from_frontend_cache(pages):
    """The pages and their ancestors (the listings and home pages that show
    them) from nginx's cache; other pages that show them follow within
    PAGE_CACHE_SHARED_SECONDS."""
    if not getattr(settings, "WAGTAILFRONTENDCACHE", None):
        return
    batch = PurgeBatch()
    for page in pages:
        batch.add_pages([page, *page.get_ancestors().filter(depth__gt=1).live().specific()])
    batch.purge()


def page_changed(sender, instance, **kwargs):
    # Now, for the rest of this request, and again once committed: a request
    # served in between would have kept the old menu.
    clear_site_chrome()
    transaction.on_commit(clear_site_chrome)
    transaction.on_commit(lambda: purge_from_frontend_cache([instance]))


def restriction_changed(sender, instance, **kwargs):
    """A page put behind a password or a log-in leaves nginx's cache, with
    everything under it."""
    pages = Page.objects.filter(pk=instance.page_id)  # read once committed

    def purge():
        for page in pages:
            purge_from_frontend_cache(page.get_descendants(inclusive=True).specific())

    transaction.on_commit(purge)


def organisation_changed(sender, instance, **kwargs):
    """The standard pages show the organisation's details (the contact page,
    the privacy notice, the accessibility statement): out of nginx's cache
    with them. Other pages' footers follow within PAGE_CACHE_SHARED_SECONDS."""
    from portal.models import StandardPage

    transaction.on_commit(lambda: purge_from_frontend_cache(StandardPage.objects.live().specific()))


def connect():
    from core.models import Organisation

    post_save.connect(organisation_changed, sender=Organisation, dispatch_uid="portal-organisation")
    for signal in (page_published, page_unpublished, post_page_move):
        signal.connect(page_changed, dispatch_uid=f"portal-page-changed-{id(signal)}")
    for signal in (post_save, post_delete):
        signal.connect(
            restriction_changed,
            sender=PageViewRestriction,
            dispatch_uid=f"portal-restriction-{id(signal)}",
        )
