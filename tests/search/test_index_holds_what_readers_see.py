"""The search index, on the database and on the engine, holds only what
readers can see: the live revision of live, public pages. A saved draft, a
revision in moderation and a scheduled revision of a live case stay out of
it (a word or a prefix of one would tell anyone what the draft says), and an
unpublished or restricted page leaves it."""

import datetime

import pytest
from django.conf import settings
from django.contrib.auth import get_user_model
from django.test import Client
from django.utils import timezone
from modelsearch.backends import get_search_backend
from wagtail.models import Page, PageViewRestriction

from cases.models import CaseLesson

pytestmark = pytest.mark.search

LIVE_TITLE = "Kungsörn inventeras med drönare"
# Words only the draft holds, in its title, text, a lesson and a tag (words
# that no language's stemming changes, so each index is asked the same).
DRAFT_WORDS = ["zqxhemlik", "zqxtext", "zqxlärdom", "zqxmärkord"]
DRAFT_PREFIX = "zqxheml"


def edit_without_publishing(case):
    """What the editor's form puts on the page before "Save draft"."""
    case.title = "Zqxhemlik plan för kungsörn"
    case.approach = "<p>Ett utkast med zqxtext.</p>"
    case.lessons.add(CaseLesson(kind="advice", text="En zqxlärdom."))
    case.tags.add("zqxmärkord")
    return case


def readers_find(q, index):
    """Ids /api/search/ answers, and titles of the pages Wagtail's API finds."""
    if index is not None:
        index.refresh()
    client = Client()
    search = client.get("/api/search/", {"q": q}).json()
    pages = client.get("/api/v2/pages/", {"search": q}).json()
    return ([r["id"] for r in search["results"]], [item["title"] for item in pages["items"]])


def held_by_index(q, index):
    """Titles of the pages each index (the engine's and the database's
    fallback) holds for a word, whatever the pages' state."""
    if index is not None:
        index.refresh()
    return {
        alias: [page.title for page in get_search_backend(alias).search(q, Page.objects.all())]
        for alias in settings.WAGTAILSEARCH_BACKENDS
    }


def everywhere(titles):
    return {alias: titles for alias in settings.WAGTAILSEARCH_BACKENDS}


def assert_only_live_text_is_found(index):
    for word in [*DRAFT_WORDS, DRAFT_PREFIX]:
        assert readers_find(word, index) == ([], []), word
        assert held_by_index(word, index) == everywhere([]), word
    assert readers_find("kungsörn", index) == (["eagles"], [LIVE_TITLE])
    assert held_by_index("kungsörn", index) == everywhere([LIVE_TITLE])


@pytest.fixture
def editor(db):
    return get_user_model().objects.create_superuser("redaktor", "r@example.se", "x")


def test_a_saved_draft_is_not_searchable_until_published(make_case, isolated_search_index):
    case = make_case(id="eagles", title=LIVE_TITLE)
    revision = edit_without_publishing(case).save_revision()
    assert_only_live_text_is_found(isolated_search_index)

    revision.publish()
    for word in DRAFT_WORDS:
        assert readers_find(word, isolated_search_index)[0] == ["eagles"], word
    assert readers_find("drönare", isolated_search_index) == ([], [])


def test_a_revision_in_moderation_is_not_searchable(make_case, editor, isolated_search_index):
    case = make_case(id="eagles", title=LIVE_TITLE)
    edit_without_publishing(case).save_revision(user=editor)
    workflow = case.get_workflow()
    assert workflow is not None
    workflow.start(case, editor)
    assert case.workflow_in_progress
    assert_only_live_text_is_found(isolated_search_index)


def test_a_scheduled_revision_is_not_searchable_before_it_goes_live(
    make_case, editor, isolated_search_index
):
    case = make_case(id="eagles", title=LIVE_TITLE)
    case = edit_without_publishing(case)
    case.go_live_at = timezone.now() + datetime.timedelta(days=7)
    case.save_revision(user=editor).publish(user=editor)
    case.refresh_from_db()
    assert case.live and case.title == LIVE_TITLE  # still the old revision
    assert_only_live_text_is_found(isolated_search_index)


def test_unpublished_and_restricted_pages_leave_the_index(make_case, isolated_search_index):
    case = make_case(id="eagles", title=LIVE_TITLE)
    assert held_by_index("kungsörn", isolated_search_index) == everywhere([LIVE_TITLE])

    restriction = PageViewRestriction.objects.create(
        page=case.get_parent(), restriction_type=PageViewRestriction.LOGIN
    )
    assert held_by_index("kungsörn", isolated_search_index) == everywhere([])
    restriction.delete()
    assert held_by_index("kungsörn", isolated_search_index) == everywhere([LIVE_TITLE])
    assert readers_find("kungsörn", isolated_search_index)[0] == ["eagles"]

    case.unpublish()
    assert held_by_index("kungsörn", isolated_search_index) == everywhere([])
    case.get_latest_revision().publish()
    assert readers_find("kungsörn", isolated_search_index)[0] == ["eagles"]


def test_a_section_moved_into_a_private_one_leaves_the_index(site, isolated_search_index):
    from portal.models import StandardPage

    home = site["sv"]
    private = home.add_child(instance=StandardPage(title="Intranät", body="<p>Internt.</p>"))
    PageViewRestriction.objects.create(page=private, restriction_type=PageViewRestriction.LOGIN)
    section = home.add_child(instance=StandardPage(title="Ekonomi", body="<p>Om ekonomin.</p>"))
    section.add_child(instance=StandardPage(title="Zqxanslag", body="<p>Om anslaget.</p>"))
    assert held_by_index("zqxanslag", isolated_search_index) == everywhere(["Zqxanslag"])

    section.move(private, pos="last-child")
    assert held_by_index("zqxanslag", isolated_search_index) == everywhere([])
    section.refresh_from_db()
    section.move(home, pos="last-child")
    assert held_by_index("zqxanslag", isolated_search_index) == everywhere(["Zqxanslag"])
