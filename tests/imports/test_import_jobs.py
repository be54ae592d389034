"""Imports as background jobs, within bounds: a zip bomb, an XML entity and an
oversized sheet are refused quickly with a message (never a server error); the check
reads without a transaction, so officers keep saving while it runs; the job reports
its progress; its file is deleted after the import, the cancel or a day; on the
embedded SQLite, readers never block a writer (WAL) and a writer waits (busy timeout)."""

import datetime
import io
import os
import threading
import time
import zipfile

import pytest
from django.core.files.base import ContentFile
from django.core.files.uploadedfile import SimpleUploadedFile
from django.db import connection
from django.urls import reverse
from django.utils import timezone
from openpyxl import Workbook
from tiep_cong_dan.doctype.petition.models import Petition
from tiep_cong_dan.imports.jobs import purge_import_files, run_import
from tiep_cong_dan.imports.models import ImportJob
from tiep_cong_dan.imports.registers import import_register

from ..conftest import ensure_master_data, make_citizen, make_petition, new_unit
from .test_registers import GOOD, _book

UPLOAD = "admin:tiep_cong_dan_petition_import"


def _xlsx(sheet_xml: bytes) -> bytes:
    """A real workbook whose first sheet's XML is replaced by `sheet_xml`."""
    book = io.BytesIO()
    Workbook().save(book)
    out = io.BytesIO()
    with zipfile.ZipFile(book) as src, zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as dst:
        for item in src.infolist():
            body = src.read(item)
            if item.filename == "xl/worksheets/sheet1.xml":
                body = sheet_xml
            dst.writestr(item.filename, body)
    return out.getvalue()


def _zip_bomb() -> bytes:
    """About 1 MB that inflates to 1 GB of sheet XML."""
    book = io.BytesIO()
    Workbook().save(book)
    out = io.BytesIO()
    with zipfile.ZipFile(book) as src, zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as dst:
        for item in src.infolist():
            if item.filename != "xl/worksheets/sheet1.xml":
                dst.writestr(item.filename, src.read(item))
        info = zipfile.ZipInfo("xl/worksheets/sheet1.xml")
        info.compress_type = zipfile.ZIP_DEFLATED
        with dst.open(info, "w", force_zip64=True) as fh:
            chunk = b"<row>" + b" " * (1 << 20) + b"</row>"
            for _ in range(1024):
                fh.write(chunk)
    return out.getvalue()


SHEET_HEAD = (
    b'<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n'
    b'<worksheet xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main">'
)
ENTITY_BOMB = _xlsx(
    b'<?xml version="1.0"?>\n<!DOCTYPE lolz [<!ENTITY lol "lol">'
    b'<!ENTITY lol2 "&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;">]>'
    + SHEET_HEAD[len(b'<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n') :]
    + b'<sheetData><row r="1"><c r="A1" t="inlineStr"><is><t>&lol2;</t></is></c></row>'
    b"</sheetData></worksheet>"
)
UNDECLARED_ENTITY = _xlsx(
    SHEET_HEAD + b'<sheetData><row r="1"><c r="A1" t="inlineStr"><is><t>&nope;</t></is></c>'
    b"</row></sheetData></worksheet>"
)
# The document type hidden behind 70 KB of comment, past the zip check's look: the
# parser (defusedxml, through openpyxl) refuses it.
LATE_DOCTYPE = _xlsx(
    b'<?xml version="1.0"?>\n<!--'
    + b"x" * 70_000
    + b'-->\n<!DOCTYPE w [<!ENTITY e "e">]>'
    + SHEET_HEAD[len(b'<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n') :]
    + b"<sheetData/></worksheet>"
)


def test_openpyxl_parses_with_defusedxml():
    import openpyxl

    assert openpyxl.DEFUSEDXML is True


def test_a_zip_bomb_is_refused_from_the_directory_quickly(tmp_path, role_users, login, settings):
    settings.MEDIA_ROOT = str(tmp_path / "media")
    bomb = _zip_bomb()
    assert len(bomb) < 2 * 1024 * 1024
    path = tmp_path / "bom.xlsx"
    path.write_bytes(bomb)
    started = time.monotonic()
    result = import_register(path, by=None, commit=False)
    assert time.monotonic() - started < 2
    assert result.errors[0][0] == 0 and "bom nén" in result.errors[0][2]
    started = time.monotonic()
    page = login("canbo").post(reverse(UPLOAD), {"file": SimpleUploadedFile("so.xlsx", bomb)})
    assert time.monotonic() - started < 3
    assert page.status_code == 200 and "bom nén" in page.content.decode()
    assert not ImportJob.objects.exists()
    assert not list((tmp_path / "media").rglob("*.xlsx"))


@pytest.mark.parametrize(
    "content, words",
    [
        (ENTITY_BOMB, "khai báo thực thể XML"),
        (LATE_DOCTYPE, "khai báo thực thể XML"),
        (UNDECLARED_ENTITY, "thực thể không khai báo"),
    ],
)
def test_xml_entities_are_refused_with_a_message(content, words, tmp_path, role_users, login):
    path = tmp_path / "so.xlsx"
    path.write_bytes(content)
    started = time.monotonic()
    result = import_register(path, by=None, commit=True)
    assert time.monotonic() - started < 2
    assert len(result.errors) == 1 and words in result.errors[0][2]
    # In the desk: a message on the upload form, or on the job's page; never a 500.
    client = login("canbo")
    page = client.post(reverse(UPLOAD), {"file": SimpleUploadedFile("so.xlsx", content)})
    if page.status_code == 302:
        page = client.get(page["Location"])
        assert ImportJob.objects.get().state == "invalid"
    assert page.status_code == 200 and words in page.content.decode()
    assert not Petition.objects.exists()


def test_a_sheet_with_too_many_rows_is_refused(tmp_path, role_users, settings):
    settings.TCD_IMPORT_MAX_ROWS = 2
    result = import_register(_book(tmp_path, GOOD), by=None, commit=False)
    assert result.errors == [
        (0, "", "Sổ có hơn 2 dòng: hãy chia thành nhiều tệp nhỏ hơn và nhập lần lượt.")
    ]
    settings.TCD_IMPORT_MAX_ROWS = 3
    assert import_register(_book(tmp_path, GOOD), by=None, commit=False).ok


def test_the_check_reports_its_progress_and_writes_nothing(tmp_path, role_users):
    seen = []
    result = import_register(
        _book(tmp_path, GOOD),
        by=role_users["canbo"],
        commit=True,
        progress=lambda step, done, total: seen.append((step, done, total)),
    )
    assert result.ok
    assert seen == [
        ("Đang kiểm tra từng dòng", 1, 3),
        ("Đang kiểm tra từng dòng", 2, 3),
        ("Đang kiểm tra từng dòng", 3, 3),
        ("Đang ghi vào sổ", 1, 3),
        ("Đang ghi vào sổ", 2, 3),
        ("Đang ghi vào sổ", 3, 3),
    ]


def _job(user, tmp_path, rows=GOOD, **fields) -> ImportJob:
    job = ImportJob(kind="register", uploaded_by=user, original_name="so.xlsx", **fields)
    job.file.save("so.xlsx", ContentFile(_book(tmp_path, rows).read_bytes()), save=False)
    job.save()
    return job


def test_the_job_records_progress_and_outcome(tmp_path, role_users, settings):
    settings.MEDIA_ROOT = str(tmp_path / "media")
    job = _job(role_users["canbo"], tmp_path)
    assert run_import(job.pk) == "checked"
    job.refresh_from_db()
    assert (job.state, job.done, job.total, job.errors) == ("checked", 3, 3, [])
    assert job.file and Petition.objects.count() == 0
    assert run_import(job.pk) == "not queued"  # sent twice: the second does nothing


def test_the_job_page_shows_the_progress_while_it_runs(tmp_path, role_users, login, settings):
    settings.MEDIA_ROOT = str(tmp_path / "media")
    job = _job(
        role_users["canbo"],
        tmp_path,
        state="checking",
        step="Đang kiểm tra từng dòng",
        done=2,
        total=3,
    )
    page = login("canbo").get(reverse("admin:tiep_cong_dan_petition_import_job", args=[job.pk]))
    text = page.content.decode()
    assert "Đang kiểm tra từng dòng (2/3)" in text and "width:67%" in text
    assert '<meta http-equiv="refresh" content="2">' in text


@pytest.mark.django_db(transaction=True)
def test_officers_save_while_a_long_check_runs(tmp_path, settings):
    """The check runs in a thread and stops half-way; meanwhile another officer
    registers a petition of the same year, with a 3-second lock wait: before, the
    dry run held the year's numbering row (and SQLite's write lock) to its end."""
    if connection.vendor != "mysql":
        pytest.skip("the tests run on MariaDB")
    from django.contrib.auth.models import User
    from django.db import connections

    from ..conftest import PASSWORD

    ensure_master_data()
    from tiep_cong_dan.demo.users import create_demo_users

    create_demo_users(PASSWORD)
    officer = User.objects.get(username="canbo")
    path = _book(tmp_path, GOOD)
    halfway, resume = threading.Event(), threading.Event()
    outcome = {}

    def check():
        def progress(step, done, total):
            if done == 2:
                halfway.set()
                resume.wait(30)

        try:
            outcome["result"] = import_register(path, by=officer, commit=False, progress=progress)
        finally:
            connections.close_all()

    worker = threading.Thread(target=check)
    worker.start()
    try:
        assert halfway.wait(30)
        with connection.cursor() as cursor:
            cursor.execute("SET SESSION innodb_lock_wait_timeout = 3")
        dk = new_unit("05977")
        started = time.monotonic()
        saved = make_petition(dk, make_citizen(dk, "Hà Thị Gấm", "020190000777"))
        assert saved.registration_number.startswith("2026/") and time.monotonic() - started < 3
    finally:
        resume.set()
        worker.join(30)
    assert outcome["result"].ok and outcome["result"].rows == 3
    assert Petition.objects.count() == 1  # the check wrote nothing


def test_cancel_deletes_the_file(tmp_path, role_users, login, settings):
    settings.MEDIA_ROOT = str(tmp_path / "media")
    client = login("canbo")
    data = _book(tmp_path, GOOD).read_bytes()
    job_url = client.post(reverse(UPLOAD), {"file": SimpleUploadedFile("so.xlsx", data)})[
        "Location"
    ]
    job = ImportJob.objects.get()
    stored = tmp_path / "media" / job.file.name
    assert stored.exists()
    page = client.post(job_url, {"action": "cancel"}, follow=True)
    assert "Đã hủy lượt nhập" in page.content.decode()
    job.refresh_from_db()
    assert job.state == "cancelled" and not job.file and not stored.exists()
    # A cancelled import cannot be imported afterwards.
    client.post(job_url, {"action": "commit"})
    assert not Petition.objects.exists()


def test_a_file_with_errors_is_deleted_once_checked(tmp_path, role_users, login, settings):
    settings.MEDIA_ROOT = str(tmp_path / "media")
    bad = [[1, "31/02/2026", "Vi Thị Bình", "khối 5", "05977", "", "Phản ánh", "PA", 1, "", "", ""]]
    client = login("canbo")
    data = _book(tmp_path, bad).read_bytes()
    page = client.get(
        client.post(reverse(UPLOAD), {"file": SimpleUploadedFile("so.xlsx", data)})["Location"]
    )
    assert "Ngày không đúng dạng" in page.content.decode()
    job = ImportJob.objects.get()
    assert job.state == "invalid" and not job.file
    assert not list((tmp_path / "media" / "imports").iterdir())


def test_files_are_purged_after_a_day_and_orphans_with_them(tmp_path, role_users, settings):
    settings.MEDIA_ROOT = str(tmp_path / "media")
    officer = role_users["canbo"]
    now = timezone.now()
    old = _job(officer, tmp_path, state="checked")
    fresh = _job(officer, tmp_path, state="checked")
    ImportJob.objects.filter(pk=old.pk).update(created_at=now - datetime.timedelta(hours=25))
    folder = tmp_path / "media" / "imports"
    orphan, recent_orphan = folder / "0123abcd.xlsx", folder / "4567ef.xlsx"
    orphan.write_bytes(b"left by a crash")
    recent_orphan.write_bytes(b"being written")
    two_days_ago = (now - datetime.timedelta(days=2)).timestamp()
    os.utime(orphan, (two_days_ago, two_days_ago))
    assert purge_import_files(now) == {"removed": 2, "requeued": 0}
    old.refresh_from_db()
    fresh.refresh_from_db()
    assert old.state == "expired" and not old.file
    assert fresh.state == "checked" and (tmp_path / "media" / fresh.file.name).exists()
    assert not orphan.exists() and recent_orphan.exists()


def test_an_import_queued_while_the_broker_was_down_is_sent_again(tmp_path, role_users, settings):
    settings.MEDIA_ROOT = str(tmp_path / "media")
    job = _job(role_users["canbo"], tmp_path)  # queued, never run
    ImportJob.objects.filter(pk=job.pk).update(
        updated_at=timezone.now() - datetime.timedelta(minutes=11)
    )
    assert purge_import_files() == {"removed": 0, "requeued": 1}
    job.refresh_from_db()
    assert job.state == "checked"  # the queue ran it (inline in tests)


def test_the_purge_is_scheduled_hourly():
    from tiep_cong_dan.jobs.schedules import DEFAULTS

    schedule = {task: (minute, hour) for task, minute, hour, *_ in DEFAULTS.values()}
    assert schedule["tcd.purge_import_files"] == ("15", "*")


def test_embedded_sqlite_uses_wal_and_a_busy_timeout(tmp_path, monkeypatch, django_db_blocker):
    """Two connections to a temporary SQLite file, configured as the site configures
    the embedded default: while one holds a read transaction (as a page or an
    import's check does), the other writes and commits at once; a second writer
    waits its turn instead of failing."""
    from django.db.utils import ConnectionHandler

    from sites.settings.base import database_from_env

    monkeypatch.setenv("DATABASE_URL", f"sqlite:///{tmp_path / 'site.sqlite3'}")
    config = database_from_env(tmp_path / "unused.sqlite3")
    handler = ConnectionHandler(
        {"default": config, "reader": config, "writer": config, "next": config}
    )
    reader, writer, second = handler["reader"], handler["writer"], handler["next"]
    blocker = django_db_blocker.unblock()  # these are not the test database
    blocker.__enter__()
    try:
        with writer.cursor() as cursor:
            assert cursor.execute("PRAGMA journal_mode").fetchone() == ("wal",)
            assert cursor.execute("PRAGMA busy_timeout").fetchone() == (60_000,)
            cursor.execute("CREATE TABLE petition (summary TEXT)")
            cursor.execute("INSERT INTO petition VALUES ('first')")
        reader.ensure_connection()
        reader.connection.execute("BEGIN")
        assert reader.connection.execute("SELECT count(*) FROM petition").fetchone() == (1,)
        started = time.monotonic()
        writer.ensure_connection()
        writer.connection.execute("BEGIN IMMEDIATE")
        writer.connection.execute("INSERT INTO petition VALUES ('saved meanwhile')")
        writer.connection.execute("COMMIT")
        assert time.monotonic() - started < 1
        # The reader's snapshot is unchanged until it ends.
        assert reader.connection.execute("SELECT count(*) FROM petition").fetchone() == (1,)
        reader.connection.execute("COMMIT")
        assert reader.connection.execute("SELECT count(*) FROM petition").fetchone() == (2,)
        # Two writers: the second waits for the first to commit, then writes.
        writer.connection.execute("BEGIN IMMEDIATE")
        second.ensure_connection()
        waited = {}

        def write_next():
            started = time.monotonic()
            second.connection.execute("BEGIN IMMEDIATE")
            second.connection.execute("INSERT INTO petition VALUES ('after waiting')")
            second.connection.execute("COMMIT")
            waited["seconds"] = time.monotonic() - started

        thread = threading.Thread(target=write_next)
        thread.start()
        time.sleep(0.5)
        writer.connection.execute("COMMIT")
        thread.join(10)
        assert waited["seconds"] >= 0.4
        assert reader.connection.execute("SELECT count(*) FROM petition").fetchone() == (3,)
    finally:
        handler.close_all()
        blocker.__exit__(None, None, None)
