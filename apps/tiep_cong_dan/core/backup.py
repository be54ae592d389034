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
            raise BackupError(f"đường dẫn không an toàn trong bản sao lưu: {member.name}")
        if member.issym() or member.islnk():
            raise BackupError(f"liên kết trong bản sao lưu: {member.name}")
        if not (member.isfile() or member.isdir()):
            raise BackupError(f"mục không phải tệp trong bản sao lưu: {member.name}")
        yield member


DATABASE_FILES = {"mariadb": "database.sql", "sqlite": "database.sqlite3"}


def _read_manifest(tar: tarfile.TarFile, members: list[tarfile.TarInfo]) -> dict:
    """The manifest, checked for what restoring relies on."""
    entry = next((m for m in members if m.name == "manifest.json" and m.isfile()), None)
    if entry is None:
        raise BackupError("bản sao lưu không có manifest.json (danh mục tệp)")
    try:
        manifest = json.loads(tar.extractfile(entry).read().decode("utf-8"))
    except (UnicodeDecodeError, json.JSONDecodeError) as exc:
        raise BackupError(f"manifest.json hỏng, không đọc được: {exc}") from exc
    if not isinstance(manifest, dict) or manifest.get("format") != FORMAT:
        raise BackupError("manifest.json không đúng định dạng bản sao lưu của hệ thống")
    files = manifest.get("files")
    if (
        not isinstance(files, dict)
        or not all(isinstance(k, str) and isinstance(v, str) for k, v in files.items())
        or manifest.get("engine") not in DATABASE_FILES
    ):
        raise BackupError("manifest.json hỏng: thiếu danh sách tệp hoặc loại cơ sở dữ liệu")
    if DATABASE_FILES[manifest["engine"]] not in files:
        raise BackupError("manifest.json không liệt kê tệp cơ sở dữ liệu")
    return manifest


def _check_against_manifest(members: list[tarfile.TarInfo], files: dict) -> list:
    """The archive holds exactly the files its manifest lists: one it does not list
    could be anything, one missing would restore an incomplete site."""
    present = {m.name for m in members if m.isfile()} - {"manifest.json"}
    extra = sorted(present - set(files))
    if extra:
        raise BackupError(
            "có tệp không nằm trong manifest.json: "
            + ", ".join(extra[:5])
            + (f" và {len(extra) - 5} tệp khác" if len(extra) > 5 else "")
        )
    missing = sorted(set(files) - present)
    if missing:
        raise BackupError(
            "thiếu tệp mà manifest.json liệt kê: "
            + ", ".join(missing[:5])
            + (f" và {len(missing) - 5} tệp khác" if len(missing) > 5 else "")
        )
    return [m for m in members if m.isdir() or m.name in files]


def restore(archive: Path) -> dict:
    """Replace the site's database and files with those in `archive`, after checking
    that it holds exactly the files of its manifest, each with its checksum; returns
    the manifest. Nothing is touched unless every check passes."""
    with tempfile.TemporaryDirectory() as work:
        work = Path(work)
        try:
            with tarfile.open(archive, "r:gz") as tar:
                members = list(_safe_members(tar))
                manifest = _read_manifest(tar, members)
                listed = _check_against_manifest(members, manifest["files"])
                tar.extractall(work, members=listed)  # noqa: S202 - checked above
        except (tarfile.TarError, OSError, EOFError) as exc:
            raise BackupError(f"không đọc được bản sao lưu: {exc}") from exc
        for name, digest in manifest["files"].items():
            if _sha256(work / name) != digest:
                raise BackupError(f"{name} không khớp mã kiểm tra (checksum) trong manifest.json")
        db = _db()
        engine = "mariadb" if db["ENGINE"].endswith("mysql") else "sqlite"
        if manifest["engine"] != engine:
            raise BackupError(f"bản sao lưu {manifest['engine']} không khôi phục được vào {engine}")
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
