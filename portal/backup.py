"""One-file backups: the database (through its own dump tool where there is
one) and the media files, in a gzipped tar with a manifest.

PostgreSQL: pg_dump's custom format, restored with pg_restore.
SQLite: a consistent copy made with SQLite's online backup API."""

import io
import json
import os
import shutil
import sqlite3
import subprocess
import tarfile
import tempfile
from pathlib import Path

from django.conf import settings
from django.db import connection, connections
from django.utils import timezone

FORMAT_VERSION = 1


class BackupError(Exception):
    pass


def _pg_env():
    db = settings.DATABASES["default"]
    env = dict(os.environ)
    env.update(
        {
            "PGHOST": str(db.get("HOST") or "127.0.0.1"),
            "PGPORT": str(db.get("PORT") or 5432),
            "PGUSER": str(db.get("USER") or ""),
            "PGPASSWORD": str(db.get("PASSWORD") or ""),
            "PGDATABASE": str(db["NAME"]),
        }
    )
    return env


def _run(command, **kwargs):
    try:
        subprocess.run(command, check=True, capture_output=True, **kwargs)  # noqa: S603
    except FileNotFoundError:
        raise BackupError(f"{command[0]} is not installed") from None
    except subprocess.CalledProcessError as exc:
        raise BackupError(
            f"{command[0]} failed: {exc.stderr.decode(errors='replace')[-500:]}"
        ) from None


def _dump_database(folder):
    vendor = connection.vendor
    if vendor == "postgresql":
        target = folder / "database.pgdump"
        _run(
            ["pg_dump", "--format=custom", "--no-owner", "--no-privileges", f"--file={target}"],
            env=_pg_env(),
        )
        return vendor, target.name
    if vendor == "sqlite":
        target = folder / "database.sqlite3"
        source = sqlite3.connect(settings.DATABASES["default"]["NAME"])
        copy = sqlite3.connect(target)
        with copy:
            source.backup(copy)
        copy.close()
        source.close()
        return vendor, target.name
    raise BackupError(f"no backup method for the {vendor} database")


def create_backup(path):
    """Write the archive to `path` (atomically: a temporary file renamed at the end)."""
    path = Path(path)
    media = Path(settings.MEDIA_ROOT)
    with tempfile.TemporaryDirectory() as tmp:
        vendor, db_file = _dump_database(Path(tmp))
        files = sorted(p for p in media.rglob("*") if p.is_file()) if media.exists() else []
        manifest = {
            "format": FORMAT_VERSION,
            "created": timezone.now().isoformat(),
            "database": {"vendor": vendor, "file": db_file},
            "media": [str(p.relative_to(media)) for p in files],
        }
        partial = path.with_name(path.name + ".partial")
        with tarfile.open(partial, "w:gz") as archive:
            data = json.dumps(manifest, indent=2).encode()
            info = tarfile.TarInfo("manifest.json")
            info.size = len(data)
            archive.addfile(info, io.BytesIO(data))
            archive.add(Path(tmp) / db_file, arcname=db_file)
            for file in files:
                archive.add(file, arcname=f"media/{file.relative_to(media)}")
        partial.replace(path)
    return manifest


def _database_is_empty():
    """Empty: no tables, or only migrations applied with no pages beyond the root
    tree that migrations make."""
    tables = connection.introspection.table_names()
    if "wagtailcore_page" not in tables:
        return True
    with connection.cursor() as cursor:
        cursor.execute("SELECT COUNT(*) FROM wagtailcore_page")
        return cursor.fetchone()[0] <= 2


def _safe_members(archive, prefix):
    for member in archive.getmembers():
        name = member.name
        if not name.startswith(prefix) or ".." in Path(name).parts or name.startswith("/"):
            continue
        if not (member.isfile() or member.isdir()):
            continue
        yield member


def restore_backup(path, force=False):
    path = Path(path)
    if not path.exists():
        raise BackupError(f"{path} does not exist")
    if not force and not _database_is_empty():
        raise BackupError(
            "the database is not empty; restore into an empty installation "
            "(or pass --force to replace it)"
        )
    with tarfile.open(path, "r:gz") as archive:
        manifest = json.load(archive.extractfile("manifest.json"))
        database = manifest["database"]
        if database["vendor"] != connection.vendor:
            raise BackupError(
                f"the backup is of a {database['vendor']} database, "
                f"this installation uses {connection.vendor}"
            )
        with tempfile.TemporaryDirectory() as tmp:
            archive.extract(database["file"], tmp, filter="data")
            dump = Path(tmp) / database["file"]
            connections.close_all()
            if connection.vendor == "postgresql":
                _run(
                    [
                        "pg_restore",
                        "--clean",
                        "--if-exists",
                        "--no-owner",
                        "--no-privileges",
                        "--single-transaction",
                        f"--dbname={_pg_env()['PGDATABASE']}",
                        str(dump),
                    ],
                    env=_pg_env(),
                )
            else:
                target = Path(settings.DATABASES["default"]["NAME"])
                source = sqlite3.connect(dump)
                copy = sqlite3.connect(target)
                with copy:
                    source.backup(copy)
                copy.close()
                source.close()
        media = Path(settings.MEDIA_ROOT)
        media.mkdir(parents=True, exist_ok=True)
        for member in _safe_members(archive, "media/"):
            relative = Path(member.name).relative_to("media")
            if member.isdir():
                continue
            destination = media / relative
            destination.parent.mkdir(parents=True, exist_ok=True)
            with archive.extractfile(member) as source, open(destination, "wb") as out:
                shutil.copyfileobj(source, out)
    return manifest
