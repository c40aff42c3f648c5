"""Search fixtures: an isolated index per test on OpenSearch (own prefix,
deleted afterwards); on the database backends the test transaction isolates."""

import copy
import uuid

import pytest
from django.test import Client
from modelsearch.backends import get_search_backend

from cases.models import CaseStudyPage
from search import engine, spelling, vocabulary

# Tasks go to the database queue and wait there: no worker runs them.
QUEUED_TASKS = {"default": {"BACKEND": "django_tasks_db.DatabaseBackend"}}


def _is_engine(backends):
    return "search.backends.database" not in backends["default"]["BACKEND"]


@pytest.fixture(autouse=True)
def isolated_search_index(db, settings):
    engine._state.update(checked=0.0, up=True)
    spelling.forget()
    vocabulary.forget()
    index = None
    if _is_engine(settings.WAGTAILSEARCH_BACKENDS):
        backends = copy.deepcopy(settings.WAGTAILSEARCH_BACKENDS)
        backends["default"]["INDEX_PREFIX"] = f"test_{uuid.uuid4().hex[:10]}_"
        settings.WAGTAILSEARCH_BACKENDS = backends
        backend = get_search_backend()
        index = backend.get_index_for_model(CaseStudyPage)
        index.reset()
        index.add_model(CaseStudyPage)
    yield index
    if index is not None:
        index.delete()
    engine._state.update(checked=0.0, up=True)


@pytest.fixture
def api(isolated_search_index):
    """GET /api/search/ with the index refreshed first; returns (status, json)."""

    def _get(_path="/api/search/", **params):
        if isolated_search_index is not None:
            isolated_search_index.refresh()
        response = Client().get(_path, params)
        return response.status_code, response.json()

    return _get


@pytest.fixture
def page(isolated_search_index):
    def _get(path, **params):
        if isolated_search_index is not None:
            isolated_search_index.refresh()
        return Client().get(path, params)

    return _get
