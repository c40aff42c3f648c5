"""backup then restore into an empty installation gives the same site.

Runs manage.py in subprocesses against throw-away databases on the same
engine as the suite (SQLite files, or new databases on the PostgreSQL server)."""

import json
import os
import subprocess
import sys
import uuid
from pathlib import Path

import pytest
from django.conf import settings
from django.db import connection

from tests.conftest import case_line

pytestmark = pytest.mark.django_db

# Rows per model; the search index is derived data that restore rebuilds.
COUNTS = (
    "import json; from django.apps import apps; "
    "print(json.dumps({m._meta.label: m._default_manager.count() for m in apps.get_models() "
    "if not m._meta.proxy and m._meta.app_label not in ('wagtailsearch', 'modelsearch')}))"
)
ADD_FILES = (
    "from cases.demo import _add_hero_images; "
    "_add_hero_images([{'id': f'b-{i}', 'translation_of': None, 'themes': ['digital-services']} "
    "for i in range(3)]); "
    "from django.core.files.base import ContentFile; "
    "from wagtail.documents import get_document_model as D; "
    "D().objects.create(title='Rapport', file=ContentFile(b'%PDF-1.4 rapport', name='rapport.pdf'))"
)


def manage(env, *args, stdin=None):
    result = subprocess.run(  # noqa: S603
        [sys.executable, "manage.py", *args],
        env=env,
        input=stdin,
        capture_output=True,
        text=True,
        cwd=settings.BASE_DIR,
        timeout=600,
        check=False,
    )
    assert result.returncode == 0, result.stderr[-2000:]
    return result.stdout


def _admin():
    """A connection to the server's own database, outside the test's transaction
    (CREATE and DROP DATABASE cannot run inside one)."""
    import psycopg

    db = settings.DATABASES["default"]
    return psycopg.connect(
        host=db["HOST"],
        port=db["PORT"],
        user=db["USER"],
        password=db.get("PASSWORD") or None,
        dbname="postgres",
        autocommit=True,
    )


@pytest.fixture
def installation(tmp_path):
    """installation(name): the environment of a new, empty installation with its
    own database and media folder. Its PostgreSQL databases are dropped after
    the test."""
    created = []

    def _new(name):
        env = {k: v for k, v in os.environ.items() if k != "DJANGO_SETTINGS_MODULE"}
        env.update(
            DJANGO_SETTINGS_MODULE="portal.settings.test",
            SEARCH_URL="",
            MEDIA_ROOT=str(tmp_path / f"media-{name}"),
        )
        if connection.vendor == "sqlite":
            env["DATABASE_URL"] = f"sqlite:///{tmp_path / (name + '.sqlite3')}"
            return env
        db = settings.DATABASES["default"]
        dbname = f"backup_{name}_{uuid.uuid4().hex[:8]}"
        with _admin() as admin:
            admin.execute(f'CREATE DATABASE "{dbname}"')
        created.append(dbname)
        env["DATABASE_URL"] = f"postgres://{db['USER']}@{db['HOST']}:{db['PORT']}/{dbname}"
        return env

    yield _new
    if created:
        with _admin() as admin:
            for dbname in created:
                admin.execute(f'DROP DATABASE IF EXISTS "{dbname}" WITH (FORCE)')


def media_files(env):
    root = Path(env["MEDIA_ROOT"])
    return {str(p.relative_to(root)): p.read_bytes() for p in root.rglob("*") if p.is_file()}


def test_backup_restore_gives_the_same_site(tmp_path, installation):
    source = installation("source")
    manage(source, "migrate", "--noinput", "-v0")
    lines = "\n".join(
        json.dumps(case_line(id=f"b-{i}", title=f"Fall {i}"), ensure_ascii=False) for i in range(3)
    )
    manage(source, "import_cases", "-", stdin=lines)
    manage(source, "shell", "-v0", "-c", ADD_FILES)
    archive = tmp_path / "backup.tar.gz"
    manage(source, "backup", str(archive))
    assert archive.exists()

    target = installation("target")
    manage(target, "migrate", "--noinput", "-v0")  # an empty installation
    manage(target, "restore", str(archive))

    assert manage(target, "export_cases", "-") == manage(source, "export_cases", "-")
    assert len(manage(source, "export_cases", "-").splitlines()) == 3
    assert json.loads(manage(target, "shell", "-v0", "-c", COUNTS)) == json.loads(
        manage(source, "shell", "-v0", "-c", COUNTS)
    )
    source_files = media_files(source)
    assert any(name.startswith("original_images/") for name in source_files)
    assert any(name.startswith("documents/") for name in source_files)
    assert media_files(target) == source_files


def test_restore_refuses_a_site_that_is_not_empty(tmp_path, installation):
    env = installation("busy")
    manage(env, "migrate", "--noinput", "-v0")
    manage(env, "import_cases", "-", stdin=json.dumps(case_line(id="x-1")))
    archive = tmp_path / "b.tar.gz"
    manage(env, "backup", str(archive))
    result = subprocess.run(  # noqa: S603
        [sys.executable, "manage.py", "restore", str(archive)],
        env=env,
        capture_output=True,
        text=True,
        cwd=settings.BASE_DIR,
        check=False,
    )
    assert result.returncode != 0
    assert "not empty" in result.stderr
