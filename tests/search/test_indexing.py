"""The remote engine follows publishing, unpublishing and deleting through the
task queue, and catches up with what changed while it was unreachable."""

import copy

import pytest
from django.test import Client
from django_tasks_db.models import DBTaskResult
from modelsearch.backends import get_search_backend

from cases.models import CaseStudyPage
from search import engine
from search.health import backend_name
from search.indexing import sync_search_engine
from search.models import PendingIndexUpdate
from tests.search.conftest import QUEUED_TASKS

pytestmark = pytest.mark.opensearch


def in_engine(index, word):
    """Titles the engine itself holds for a word (not only what a search shows)."""
    index.refresh()
    results = get_search_backend().search(word, CaseStudyPage.objects.all())
    return sorted(page.title for page in results)


def run_like_the_worker(queued):
    """What `manage.py db_worker` does with each task (the command itself
    cannot run inside the test's transaction: it resets connections)."""
    for result in queued:
        result.task.call(*result.args_kwargs["args"], **result.args_kwargs["kwargs"])


def search_api(q):
    return Client().get("/api/search/", {"q": q}).json()


def test_publishing_reaches_the_engine_only_through_the_worker(
    make_case, settings, isolated_search_index, django_capture_on_commit_callbacks
):
    settings.TASKS = QUEUED_TASKS
    with django_capture_on_commit_callbacks(execute=True):
        make_case(id="bot", title="Chattbot för deklarationen")
    assert in_engine(isolated_search_index, "chattbot") == []
    queued = list(DBTaskResult.objects.ready())
    assert "search.indexing.sync_search_engine" in {task.task_path for task in queued}

    run_like_the_worker(queued)

    assert in_engine(isolated_search_index, "chattbot") == ["Chattbot för deklarationen"]
    assert not PendingIndexUpdate.objects.exists()


def test_unpublishing_and_deleting_follow(make_case, isolated_search_index):
    page = make_case(id="bot", title="Chattbot för deklarationen")
    other = make_case(id="bot2", title="Chattbot i kundtjänsten")
    assert len(in_engine(isolated_search_index, "chattbot")) == 2

    page.unpublish()
    assert in_engine(isolated_search_index, "chattbot") == ["Chattbot i kundtjänsten"]
    assert [r["id"] for r in search_api("chattbot")["results"]] == ["bot2"]
    other.delete()
    assert in_engine(isolated_search_index, "chattbot") == []
    assert search_api("chattbot")["total"] == 0


def test_what_is_published_while_the_engine_is_down_reaches_it_when_back(
    make_case, settings, isolated_search_index
):
    working = settings.WAGTAILSEARCH_BACKENDS
    down = copy.deepcopy(working)
    down["default"]["URLS"] = ["http://127.0.0.1:9"]  # nothing listens there
    settings.WAGTAILSEARCH_BACKENDS = down
    engine._state.update(checked=0.0, up=True)
    inline_tasks, settings.TASKS = settings.TASKS, QUEUED_TASKS  # no worker has run

    make_case(id="bot", title="Chattbot som svarar")
    data = search_api("chattbot")
    assert (data["backend"], data["degraded"]) == ("database", True)
    assert [r["id"] for r in data["results"]] == ["bot"]
    assert PendingIndexUpdate.objects.count() >= 1

    settings.TASKS = inline_tasks
    settings.WAGTAILSEARCH_BACKENDS = working  # the engine answers again
    engine._state.update(checked=0.0)
    data = search_api("chattbot")  # noticing it is back sends what waited
    assert not PendingIndexUpdate.objects.exists()
    assert in_engine(isolated_search_index, "chattbot") == ["Chattbot som svarar"]
    data = search_api("chattbot")
    assert (data["backend"], data.get("degraded")) == (backend_name(), None)
    assert [r["id"] for r in data["results"]] == ["bot"]


def test_a_change_the_engine_refuses_holds_up_no_other(make_case, isolated_search_index, caplog):
    # Queued first: a change to a model that is gone, which cannot be sent.
    PendingIndexUpdate.objects.create(model="cases.gone", object_id="1")
    make_case(id="bot", title="Chattbot som svarar")
    assert in_engine(isolated_search_index, "chattbot") == ["Chattbot som svarar"]
    assert not PendingIndexUpdate.objects.exists()
    assert "the search engine refused cases.gone 1" in caplog.text
    # The engine is still taken to answer.
    assert search_api("chattbot")["backend"] == backend_name()


def test_while_the_engine_is_down_one_retry_waits(make_case, settings):
    down = copy.deepcopy(settings.WAGTAILSEARCH_BACKENDS)
    down["default"]["URLS"] = ["http://127.0.0.1:9"]  # nothing listens there
    settings.WAGTAILSEARCH_BACKENDS = down
    settings.TASKS = QUEUED_TASKS
    make_case(id="bot", title="Chattbot som svarar")
    DBTaskResult.objects.all().delete()
    for _n in range(3):  # as three more changes would
        sync_search_engine.enqueue()
    queued = list(DBTaskResult.objects.ready())
    run_like_the_worker(queued)  # each finds the engine down
    retries = DBTaskResult.objects.exclude(pk__in=[task.pk for task in queued])
    assert [task.task_path for task in retries] == ["search.indexing.sync_search_engine"]
    assert PendingIndexUpdate.objects.exists()


def test_a_missing_index_is_made_with_the_portals_mapping(make_case, isolated_search_index):
    isolated_search_index.delete()
    make_case(id="bot", title="Chattbot som svarar")
    mapping = isolated_search_index.es.indices.get_mapping(index=isolated_search_index.name)
    [properties] = [m["mappings"]["properties"] for m in mapping.values()]
    assert properties["title"]["fields"]["sv"]["analyzer"] == "swedish"
    assert in_engine(isolated_search_index, "chattbot") == ["Chattbot som svarar"]


def test_a_search_that_fails_inside_the_engine_is_answered_by_the_database(
    make_case, isolated_search_index
):
    """The engine answers, but not the search: its index is closed (as during
    a restore or a broken shard). The reader still gets the database's results."""
    make_case(id="bot", title="Chattbot som svarar")
    assert search_api("chattbot")["backend"] == backend_name() != "database"
    isolated_search_index.es.indices.close(index=isolated_search_index.name)
    engine._state.update(checked=0.0, up=True)
    data = search_api("chattbot")
    assert (data["backend"], data["degraded"]) == ("database", True)
    assert [r["id"] for r in data["results"]] == ["bot"]
    assert "notice" in data
