"""Backup and restore as a round trip on the real MariaDB: the data and the files come
back identical (table checksums, file contents), the event log's triggers with them; a
tampered or unsafe archive is refused."""

import io
import tarfile

import pytest
from django.core.management import call_command
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
    with pytest.raises(BackupError, match="checksum"):
        restore(tampered)
    evil = tmp_path / "evil.tar.gz"
    with tarfile.open(evil, "w:gz") as dst:
        info = tarfile.TarInfo("../../etc/passwd")
        info.size = 1
        dst.addfile(info, io.BytesIO(b"x"))
    with pytest.raises(BackupError, match="unsafe"):
        restore(evil)
