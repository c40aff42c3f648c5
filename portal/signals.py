"""What purges the anonymous page cache: any change to content a page shows."""

from django.db import connection, transaction
from django.db.models.signals import m2m_changed, post_delete, post_save
from wagtail.signals import page_published, page_unpublished, post_page_move

from portal.page_cache import purge

# Apps whose every model is shown on public pages, and single models elsewhere.
CONTENT_APPS = {"cases", "portal", "activities"}
# View restrictions too: a page put behind a password must leave the cache;
# search promotions, which the worker keeps (search.service.promotions).
CONTENT_MODELS = {
    "wagtailcore.site",
    "wagtailcore.locale",
    "wagtailimages.image",
    "wagtaildocs.document",
    "taggit.tag",
    "wagtailcore.pageviewrestriction",
    "wagtailcore.collectionviewrestriction",
    "wagtailsearchpromotions.searchpromotion",
}


def _shows_on_pages(sender):
    meta = getattr(sender, "_meta", None)
    return meta is not None and (
        meta.app_label in CONTENT_APPS or meta.label_lower in CONTENT_MODELS
    )


def purge_now_and_on_commit():
    """Now, and again when the transaction commits: a reader served between
    the two would otherwise cache the old content under the new generation."""
    purge()
    if connection.in_atomic_block and not any(
        callback is purge for _sids, callback, _robust in connection.run_on_commit
    ):
        transaction.on_commit(purge)


def purge_on_change(sender, **kwargs):
    if _shows_on_pages(sender):
        purge_now_and_on_commit()


def purge_always(sender, **kwargs):
    purge_now_and_on_commit()


def connect():
    for signal in (post_save, post_delete, m2m_changed):
        signal.connect(purge_on_change, dispatch_uid=f"page-cache-{id(signal)}")
    for signal in (page_published, page_unpublished, post_page_move):
        signal.connect(purge_always, dispatch_uid=f"page-cache-wagtail-{id(signal)}")
