"""Backup and restore as a round trip on the real MariaDB: the data and the files come
back identical (table checksums, file contents), the event log's triggers with them; a
tampered or unsafe archive is refused, and so is anything its manifest does not say
(an extra file, a missing one, a broken or absent manifest), in Vietnamese, with the
site left as it was."""

import io
import json
import tarfile

import pytest
from django.core.management import CommandError, call_command
from django.db import connection
from tiep_cong_dan.core.backup import BackupError, backup, restore
from tiep_cong_dan.doctype.petition.models import Petition

from ..conftest import PASSWORD, ensure_master_data, make_citizen, make_petition, new_unit


def _checksums() -> dict[str, int]:
    with connection.cursor() as cursor:
        tables = connection.introspection.table_names(cursor)
        cursor.execute("CHECKSUM TABLE " + ", ".join(f"`{t}`" for t in tables))
        return {row[0]: row[1] for row in cursor.fetchall()}


@pytest.mark.django_db(transaction=True)
def test_a_round_trip_gives_identical_data_and_files(tmp_path, settings):
    if connection.vendor != "mysql":
        pytest.skip("the tests run on MariaDB")
    from tiep_cong_dan.demo.users import create_demo_users

    settings.MEDIA_ROOT = str(tmp_path / "media")
    (tmp_path / "media" / "documents").mkdir(parents=True)
    (tmp_path / "media" / "documents" / "thong-bao.pdf").write_bytes(b"%PDF-1.7 signed")
    ensure_master_data()
    create_demo_users(PASSWORD)
    dk = new_unit("05977")
    kept = make_petition(dk, make_citizen(dk, "Hoàng Văn An", "020090000001"))
    before = _checksums()
    archive = tmp_path / "site.tar.gz"
    call_command("backup", out=str(archive))
    # Life goes on: a new case, an edit, a file replaced.
    make_petition(dk, make_citizen(dk, "Lương Văn Cường", "020080000003"))
    Petition.objects.filter(pk=kept.pk).update(summary="Đã sửa sau khi sao lưu")
    (tmp_path / "media" / "documents" / "thong-bao.pdf").write_bytes(b"changed")
    call_command("restore", str(archive), yes=True)
    assert _checksums() == before
    assert Petition.objects.count() == 1
    assert Petition.objects.get().summary == kept.summary
    assert (tmp_path / "media" / "documents" / "thong-bao.pdf").read_bytes() == b"%PDF-1.7 signed"
    with connection.cursor() as cursor:  # the append-only log's triggers came back
        cursor.execute("SHOW TRIGGERS LIKE 'tiep_cong_dan_workflowevent'")
        assert len(cursor.fetchall()) >= 1


def test_a_tampered_or_unsafe_archive_is_refused(tmp_path, settings, db):
    settings.MEDIA_ROOT = str(tmp_path / "media")
    archive = tmp_path / "site.tar.gz"
    manifest = backup(archive)
    assert manifest["files"]
    tampered = tmp_path / "tampered.tar.gz"
    with tarfile.open(archive) as src, tarfile.open(tampered, "w:gz") as dst:
        for member in src.getmembers():
            data = src.extractfile(member).read() if member.isfile() else None
            if member.name.startswith("database"):
                data = data + b"\n-- changed"
                member.size = len(data)
            dst.addfile(member, io.BytesIO(data) if data is not None else None)
    with pytest.raises(BackupError, match="không khớp mã kiểm tra"):
        restore(tampered)
    evil = tmp_path / "evil.tar.gz"
    with tarfile.open(evil, "w:gz") as dst:
        info = tarfile.TarInfo("../../etc/passwd")
        info.size = 1
        dst.addfile(info, io.BytesIO(b"x"))
    with pytest.raises(BackupError, match="không an toàn"):
        restore(evil)


def _rewrite(archive, target, *, drop=(), add=None, manifest=None):
    """A copy of `archive` without the members in `drop`, with `add` (name -> bytes)
    and, when given, another manifest.json (bytes)."""
    with tarfile.open(archive) as src, tarfile.open(target, "w:gz") as dst:
        for member in src.getmembers():
            if member.name in drop:
                continue
            data = src.extractfile(member).read() if member.isfile() else None
            if member.name == "manifest.json" and manifest is not None:
                data = manifest
                member.size = len(data)
            dst.addfile(member, io.BytesIO(data) if data is not None else None)
        for name, data in (add or {}).items():
            info = tarfile.TarInfo(name)
            info.size = len(data)
            dst.addfile(info, io.BytesIO(data))
    return target


def test_restore_refuses_anything_its_manifest_does_not_say(tmp_path, settings, role_users):
    if connection.vendor != "mysql":
        pytest.skip("the tests run on MariaDB")
    settings.MEDIA_ROOT = str(tmp_path / "media")
    signed = tmp_path / "media" / "documents" / "thong-bao.pdf"
    signed.parent.mkdir(parents=True)
    signed.write_bytes(b"%PDF-1.7 signed")
    archive = tmp_path / "site.tar.gz"
    manifest = backup(archive)
    # The site moves on after the backup; a refused restore leaves it so.
    dk = new_unit("05977")
    make_petition(dk, make_citizen(dk, "Lương Văn Cường", "020080000003"))
    signed.write_bytes(b"changed after the backup")
    listed = json.dumps(manifest).encode()
    unlisted = dict(
        manifest, files={k: v for k, v in manifest["files"].items() if "media/" not in k}
    )
    cases = {
        "extra": (
            _rewrite(archive, tmp_path / "extra.tar.gz", add={"media/trang.html": b"<script>"}),
            "có tệp không nằm trong manifest.json: media/trang.html",
        ),
        "unlisted": (
            _rewrite(archive, tmp_path / "unlisted.tar.gz", manifest=json.dumps(unlisted).encode()),
            "có tệp không nằm trong manifest.json: media/documents/thong-bao.pdf",
        ),
        "missing": (
            _rewrite(archive, tmp_path / "missing.tar.gz", drop={"media/documents/thong-bao.pdf"}),
            "thiếu tệp mà manifest.json liệt kê: media/documents/thong-bao.pdf",
        ),
        "broken": (
            _rewrite(archive, tmp_path / "broken.tar.gz", manifest=listed[:40]),
            "manifest.json hỏng, không đọc được",
        ),
        "not a manifest": (
            _rewrite(archive, tmp_path / "list.tar.gz", manifest=b"[1, 2, 3]"),
            "manifest.json không đúng định dạng",
        ),
        "absent": (
            _rewrite(archive, tmp_path / "absent.tar.gz", drop={"manifest.json"}),
            "bản sao lưu không có manifest.json",
        ),
        "checksum": (
            _rewrite(
                archive,
                tmp_path / "checksum.tar.gz",
                manifest=json.dumps(
                    dict(
                        manifest,
                        files={**manifest["files"], "media/documents/thong-bao.pdf": "0" * 64},
                    )
                ).encode(),
            ),
            "media/documents/thong-bao.pdf không khớp mã kiểm tra",
        ),
    }
    not_gzip = tmp_path / "not-a-backup.tar.gz"
    not_gzip.write_bytes(b"just text")
    cases["not an archive"] = (not_gzip, "không đọc được bản sao lưu")
    for case, (path, message) in cases.items():
        with pytest.raises(CommandError) as exc:
            call_command("restore", str(path), yes=True)
        assert str(exc.value).startswith("Từ chối khôi phục: "), case
        assert message in str(exc.value), (case, str(exc.value))
        assert Petition.objects.count() == 1, case
        assert signed.read_bytes() == b"changed after the backup", case
    with pytest.raises(CommandError, match="Không có bản sao lưu"):
        call_command("restore", str(tmp_path / "none.tar.gz"), yes=True)
