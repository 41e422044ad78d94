"""Back up and restore the site: the PostgreSQL database and every media file.

A backup is a folder:

    manifest.json     when, from which database, how many media files
    database.dump     pg_dump's custom format (pg_restore reads it)
    media/            every file of the media storage, under its storage name

Media are copied through Django's storage API, so the same code backs up and restores a
MEDIA_ROOT on disk or an S3 bucket (MEDIA_STORAGE=s3); a restore can move a site from
one to the other. `manage.py backup` and `manage.py restore` wrap these functions.
"""

import json
import os
import shutil
import subprocess
from contextlib import nullcontext
from pathlib import Path

from django.conf import settings
from django.core.files import File
from django.core.files.storage import storages
from django.db import connection
from django.utils import timezone

FORMAT_VERSION = 1
MANIFEST = "manifest.json"
DATABASE_DUMP = "database.dump"
MEDIA_DIR = "media"


class BackupError(Exception):
    """A backup or restore that cannot go ahead; the message says why and what to do."""


def _require_postgresql():
    if connection.vendor != "postgresql":
        raise BackupError(
            "backup and restore work on PostgreSQL (DATABASE_URL=postgres://...). "
            "A SQLite database is one file: copy it while nothing writes to it."
        )


def _pg_command(program, *arguments):
    """A pg_dump/pg_restore command line and environment for the default database."""
    db = settings.DATABASES["default"]
    command = [program, "--no-owner", "--no-privileges", *arguments]
    for flag, key in (("--host", "HOST"), ("--port", "PORT"), ("--username", "USER")):
        if db.get(key):
            command += [flag, str(db[key])]
    command += ["--dbname", db["NAME"]]
    env = {**os.environ}
    if db.get("PASSWORD"):
        env["PGPASSWORD"] = db["PASSWORD"]
    return command, env


def _run(command, env):
    if shutil.which(command[0]) is None:
        raise BackupError(
            f"{command[0]} is not installed: install the PostgreSQL client of the server's "
            "major version (Debian: apt install postgresql-client)."
        )
    result = subprocess.run(command, env=env, capture_output=True, text=True, check=False)  # noqa: S603
    if result.returncode != 0:
        raise BackupError(f"{command[0]} failed: {result.stderr.strip()}")


def storage_files(storage, path=""):
    """Every file name in a storage, walking its folders (works on disk and in S3)."""
    folders, files = storage.listdir(path)
    for name in sorted(files):
        yield f"{path}/{name}" if path else name
    for folder in sorted(folders):
        yield from storage_files(storage, f"{path}/{folder}" if path else folder)


def copy_media_out(storage, destination):
    """Copy every file of `storage` under `destination`; (count, bytes)."""
    count = size = 0
    for name in storage_files(storage):
        target = Path(destination, name)
        target.parent.mkdir(parents=True, exist_ok=True)
        with storage.open(name, "rb") as source, target.open("wb") as out:
            shutil.copyfileobj(source, out)
        count += 1
        size += target.stat().st_size
    return count, size


def copy_media_in(source, storage, replace=False):
    """Save every file under `source` into `storage` under the same name; the count.

    The database refers to files by name, so names must come back exactly: an existing
    file of the same name is an error unless `replace`, which deletes it first. Where the
    storage can keep hidden images' files private (S3 with ACLs), every image file comes
    back private, since which are hidden is the database's to say: `manage.py
    sync_image_files` then opens the others.
    """
    count = 0
    source = Path(source)
    private = getattr(storage, "controls_access", False)
    with storage.private_uploads() if private else nullcontext():
        for path in sorted(p for p in source.rglob("*") if p.is_file()):
            count += _copy_file_in(source, path, storage, replace)
    return count


def _copy_file_in(source, path, storage, replace):
    """Save one file of the backup under its own name; 1."""
    name = path.relative_to(source).as_posix()
    if storage.exists(name):
        if not replace:
            raise BackupError(f"media file {name} exists already (restore --force replaces)")
        storage.delete(name)
    with path.open("rb") as handle:
        saved = storage.save(name, File(handle, name=path.name))
    if saved != name:
        raise BackupError(f"media file {name} was saved as {saved}")
    return 1


def backup(destination):
    """Dump the database and copy the media into the new folder `destination`."""
    _require_postgresql()
    destination = Path(destination)
    if destination.exists() and any(destination.iterdir()):
        raise BackupError(f"{destination} is not empty: back up into a new folder")
    destination.mkdir(parents=True, exist_ok=True)
    command, env = _pg_command(
        "pg_dump", "--format=custom", "--file", str(destination / DATABASE_DUMP)
    )
    _run(command, env)
    storage = storages["default"]
    count, size = copy_media_out(storage, destination / MEDIA_DIR)
    manifest = {
        "format": FORMAT_VERSION,
        "created_at": timezone.now().isoformat(),
        "database": settings.DATABASES["default"]["NAME"],
        "media_storage": type(storage).__name__,
        "media_files": count,
        "media_bytes": size,
    }
    (destination / MANIFEST).write_text(json.dumps(manifest, indent=2) + "\n")
    return manifest


def database_is_empty():
    """Whether the default database has no tables yet (a fresh `createdb`)."""
    return not connection.introspection.table_names()


def restore(source, force=False):
    """Load a backup folder into the (empty, unless `force`) database and media storage."""
    _require_postgresql()
    source = Path(source)
    try:
        manifest = json.loads((source / MANIFEST).read_text())
    except FileNotFoundError as error:
        raise BackupError(f"{source} is not a backup folder (no {MANIFEST})") from error
    if manifest.get("format") != FORMAT_VERSION:
        raise BackupError(f"unknown backup format {manifest.get('format')!r}")
    if not database_is_empty() and not force:
        raise BackupError(
            f"database {settings.DATABASES['default']['NAME']} is not empty: restore into a "
            "fresh one (createdb), or pass --force to replace what it holds"
        )
    arguments = ["--exit-on-error", "--single-transaction"]
    if force:
        arguments += ["--clean", "--if-exists"]
    command, env = _pg_command("pg_restore", *arguments, str(source / DATABASE_DUMP))
    connection.close()  # pg_restore --clean drops tables this process may hold open
    _run(command, env)
    media = source / MEDIA_DIR
    storage = storages["default"]
    count = copy_media_in(media, storage, replace=force) if media.exists() else 0
    return {**manifest, "media_files_restored": count}
