"""Backup and restore of a site: the database (MariaDB through mariadb-dump, with the
event log's triggers; SQLite through its online backup API) and the uploaded and
issued files, in one .tar.gz with a manifest of SHA-256 sums checked on restore."""

import datetime
import hashlib
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
from django.db import connections

FORMAT = 1


class BackupError(Exception):
    pass


def _db() -> dict:
    return settings.DATABASES["default"]


def _mysql_args(db: dict) -> list[str]:
    args = [f"--user={db['USER'] or 'root'}", f"--host={db['HOST'] or '127.0.0.1'}"]
    if db.get("PORT"):
        args.append(f"--port={db['PORT']}")
    return args


def _mysql_env(db: dict) -> dict:
    # The password goes through the environment, never the command line.
    return {**os.environ, "MYSQL_PWD": db.get("PASSWORD") or ""}


def _dump_database(target: Path) -> str:
    db = _db()
    if db["ENGINE"].endswith("mysql"):
        path = target / "database.sql"
        with open(path, "wb") as out:
            done = subprocess.run(
                [
                    "mariadb-dump",
                    *_mysql_args(db),
                    "--single-transaction",
                    "--triggers",
                    "--routines",
                    "--default-character-set=utf8mb4",
                    db["NAME"],
                ],
                stdout=out,
                stderr=subprocess.PIPE,
                env=_mysql_env(db),
            )
        if done.returncode:
            raise BackupError(done.stderr.decode(errors="replace")[:500])
        return "mariadb"
    path = target / "database.sqlite3"
    source = sqlite3.connect(db["NAME"])
    try:
        dest = sqlite3.connect(path)
        source.backup(dest)
        dest.close()
    finally:
        source.close()
    return "sqlite"


def _sha256(path: Path) -> str:
    digest = hashlib.sha256()
    with open(path, "rb") as fh:
        for chunk in iter(lambda: fh.read(1 << 20), b""):
            digest.update(chunk)
    return digest.hexdigest()


def backup(archive: Path) -> dict:
    """Write the site's database and files to `archive` (.tar.gz); returns the manifest."""
    with tempfile.TemporaryDirectory() as work:
        work = Path(work)
        engine = _dump_database(work)
        media = Path(settings.MEDIA_ROOT)
        files = {}
        for name in sorted(os.listdir(work)):
            files[name] = _sha256(work / name)
        if media.exists():
            for path in sorted(media.rglob("*")):
                if path.is_file():
                    files[f"media/{path.relative_to(media)}"] = _sha256(path)
        manifest = {
            "format": FORMAT,
            "engine": engine,
            "site": settings.SITE_NAME,
            "created_at": datetime.datetime.now(datetime.UTC).isoformat(),
            "files": files,
        }
        archive.parent.mkdir(parents=True, exist_ok=True)
        with tarfile.open(archive, "w:gz") as tar:
            data = json.dumps(manifest, ensure_ascii=False, indent=1).encode()
            info = tarfile.TarInfo("manifest.json")
            info.size = len(data)
            tar.addfile(info, io.BytesIO(data))
            for name in sorted(os.listdir(work)):
                tar.add(work / name, arcname=name)
            if media.exists():
                tar.add(media, arcname="media")
    return manifest


def _safe_members(tar: tarfile.TarFile):
    for member in tar.getmembers():
        if member.name.startswith("/") or ".." in Path(member.name).parts:
            raise BackupError(f"unsafe path in archive: {member.name}")
        if member.issym() or member.islnk():
            raise BackupError(f"link in archive: {member.name}")
        yield member


def restore(archive: Path) -> dict:
    """Replace the site's database and files with those in `archive`, after checking
    every file against the manifest; returns the manifest."""
    with tempfile.TemporaryDirectory() as work:
        work = Path(work)
        with tarfile.open(archive, "r:gz") as tar:
            tar.extractall(work, members=list(_safe_members(tar)))  # noqa: S202 - checked
        manifest = json.loads((work / "manifest.json").read_text())
        if manifest.get("format") != FORMAT:
            raise BackupError("unknown backup format")
        for name, digest in manifest["files"].items():
            if _sha256(work / name) != digest:
                raise BackupError(f"{name} does not match its checksum")
        db = _db()
        engine = "mariadb" if db["ENGINE"].endswith("mysql") else "sqlite"
        if manifest["engine"] != engine:
            raise BackupError(f"a {manifest['engine']} backup cannot restore into {engine}")
        connections.close_all()
        if engine == "mariadb":
            with open(work / "database.sql", "rb") as dump:
                done = subprocess.run(
                    ["mariadb", *_mysql_args(db), "--default-character-set=utf8mb4", db["NAME"]],
                    stdin=dump,
                    stderr=subprocess.PIPE,
                    env=_mysql_env(db),
                )
            if done.returncode:
                raise BackupError(done.stderr.decode(errors="replace")[:500])
        else:
            source = sqlite3.connect(work / "database.sqlite3")
            try:
                dest = sqlite3.connect(db["NAME"])
                source.backup(dest)
                dest.close()
            finally:
                source.close()
        media = Path(settings.MEDIA_ROOT)
        if media.exists():
            shutil.rmtree(media)
        if (work / "media").exists():
            shutil.copytree(work / "media", media)
        else:
            media.mkdir(parents=True, exist_ok=True)
    return manifest
