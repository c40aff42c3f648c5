"""The database's own index takes a change in the saving transaction: a case
is found at once even when the task queue is behind (no worker has run)."""

from django.test import Client
from django_tasks_db.models import DBTaskResult

from tests.search.conftest import QUEUED_TASKS


def found(q):
    """The cases holding the words (those holding a compound's part alone follow them)."""
    data = Client().get("/api/search/", {"q": q}).json()
    return [r["id"] for r in data["results"]][: data.get("every_word_total", data["total"])]


def test_a_case_is_found_before_any_queued_task_has_run(make_case, settings):
    settings.TASKS = QUEUED_TASKS
    case = make_case(id="eagles", title="Kungsörnar inventeras med AI", themes=["digital-services"])
    assert found("kungsörnar") == ["eagles"]

    case.themes.set([case.themes.model.objects.get(slug="security", locale=case.locale)])
    case.save_revision().publish()
    assert found("informationssäkerhet") == ["eagles"]
    case.unpublish()
    assert found("kungsörnar") == []
    assert not DBTaskResult.objects.filter(task_path__startswith="modelsearch.").exists()


def test_the_next_search_follows_every_change(make_case):
    """A publish, an edit or an unpublish shows in the very next search."""
    for n in range(3):
        make_case(id=f"bot-{n}", title=f"Chattbot nummer {n}")
    make_case(id="other", title="Digital brevlåda")
    assert sorted(found("chattbot")) == ["bot-0", "bot-1", "bot-2"]

    make_case(id="bot-3", title="Chattbot nummer 3")
    assert sorted(found("chattbot")) == ["bot-0", "bot-1", "bot-2", "bot-3"]
    edited = make_case(id="bot-0", title="Röstbrevlåda")  # imported again: an edit
    assert sorted(found("chattbot")) == ["bot-1", "bot-2", "bot-3"]
    assert found("röstbrevlåda") == ["bot-0"]
    edited.unpublish()
    assert found("röstbrevlåda") == []
