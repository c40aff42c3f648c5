"""The database's own index takes a change in the saving transaction: a case
is found at once even when the task queue is behind (no worker has run)."""

from django.test import Client
from django_tasks_db.models import DBTaskResult

QUEUED_TASKS = {"default": {"BACKEND": "django_tasks_db.DatabaseBackend"}}


def found(q):
    return [r["id"] for r in Client().get("/api/search/", {"q": q}).json()["results"]]


def test_a_case_is_found_before_any_queued_task_has_run(make_case, settings):
    settings.TASKS = QUEUED_TASKS
    case = make_case(id="eagles", title="Kungsörnar inventeras med AI",
                     themes=["digital-services"])
    assert found("kungsörnar") == ["eagles"]

    case.themes.set([case.themes.model.objects.get(slug="security", locale=case.locale)])
    case.save_revision().publish()
    assert found("informationssäkerhet") == ["eagles"]
    case.unpublish()
    assert found("kungsörnar") == []
    assert not DBTaskResult.objects.filter(task_path__startswith="modelsearch.").exists()
