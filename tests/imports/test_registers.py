"""Importing the Board's Excel register: a dry run lists every row's error and keeps
nothing; a commit registers all rows (numbered, with their events) or none."""

import datetime

import pytest
from django.core.management import CommandError, call_command
from openpyxl import Workbook
from tiep_cong_dan.doctype.citizen.models import Citizen
from tiep_cong_dan.doctype.petition.models import Petition
from tiep_cong_dan.imports.registers import import_register
from tiep_cong_dan.workflow.models import WorkflowEvent

HEADER = [
    "STT",
    "Ngày tiếp",
    "Họ tên",
    "Địa chỉ",
    "Mã đơn vị",
    "CCCD",
    "Nội dung",
    "Loại đơn",
    "Số người",
    "Cơ quan đã giải quyết",
    "Thuộc thẩm quyền",
    "Ghi chú",
]
GOOD = [
    [
        1,
        datetime.date(2026, 3, 2),
        "Hoàng Văn An",
        "thôn Nà Làng",
        "05977",
        "020090000001",
        "Khiếu nại quyết định thu hồi đất",
        "KN",
        1,
        "UBND huyện",
        "x",
        "",
    ],
    [
        2,
        "03/03/2026",
        "Vi Thị Bình",
        "khối 5",
        "05977",
        "",
        "Phản ánh ô nhiễm",
        "PA",
        12,
        "",
        "",
        "Đoàn đông người",
    ],
    [
        3,
        datetime.date(2024, 5, 6),
        "Lăng Văn Cường",
        "thôn Bản Cầu",
        "06160",
        "",
        "Kiến nghị về chế độ chính sách",
        "KNg",
        1,
        "",
        "",
        "",
    ],
]


def _book(tmp_path, rows, header=HEADER):
    wb = Workbook()
    ws = wb.active
    ws.append(header)
    for row in rows:
        ws.append(row)
    path = tmp_path / "so-tiep-cong-dan.xlsx"
    wb.save(path)
    return path


def test_a_good_register_is_checked_then_imported(tmp_path, role_users):
    path = _book(tmp_path, GOOD)
    dry = import_register(path, by=role_users["canbo"], commit=False)
    assert dry.ok and dry.rows == 3 and Petition.objects.count() == 0
    done = import_register(path, by=role_users["canbo"], commit=True)
    assert done.ok and len(done.registered) == 3
    group = Petition.objects.get(summary="Phản ánh ô nhiễm")
    assert (
        group.group_size == 12 and group.kind == "feedback" and "Đoàn đông người" in group.content
    )
    old = Petition.objects.get(summary__startswith="Kiến nghị")
    assert old.matter_unit.era == "before_2025"  # a 2024 case keeps its old commune
    first = Petition.objects.get(summary__startswith="Khiếu nại")
    assert first.jurisdiction == "chairman" and first.citizen.id_number == "020090000001"
    assert WorkflowEvent.objects.filter(doctype="petition", action="create").count() == 3


def test_every_row_error_is_listed_and_nothing_is_kept(tmp_path, role_users):
    bad = [
        GOOD[0],
        [2, "31/02/2026", "Vi Thị Bình", "khối 5", "05977", "", "Phản ánh", "PA", 1, "", "", ""],
        [3, datetime.date(2026, 3, 4), "", "khối 5", "99999", "", "Phản ánh", "XX", 1, "", "", ""],
        [
            4,
            datetime.date(2026, 3, 4),
            "Nông Văn Dũng",
            "thôn A",
            "05977",
            "",
            "Kiến nghị",
            "KNg",
            "nhiều",
            "",
            "",
            "",
        ],
    ]
    path = _book(tmp_path, bad)
    result = import_register(path, by=role_users["canbo"], commit=True)
    rows = {(row, column) for row, column, _ in result.errors}
    assert (3, "ngày tiếp") in rows  # 31/02 is no date
    assert (4, "họ tên") in rows  # missing name (the row's other faults wait for it)
    assert (5, "số người") in rows
    assert (
        Petition.objects.count() == 0
        and Citizen.objects.filter(full_name="Hoàng Văn An").count() == 0
    )
    assert result.registered == []


def test_a_wrong_file_is_told_not_crashed(tmp_path, role_users):
    missing = import_register(_book(tmp_path, [], header=["STT", "Tên"]), by=None, commit=False)
    assert "Thiếu cột" in missing.errors[0][2]
    junk = tmp_path / "not-excel.xlsx"
    junk.write_bytes(b"%PDF-1.7 not a workbook")
    assert "Không đọc được tệp Excel" in import_register(junk, by=None, commit=False).errors[0][2]


def test_the_command_line(tmp_path, role_users, capsys):
    path = _book(tmp_path, GOOD[:1])
    call_command("import_register", str(path))
    assert "1 dòng hợp lệ" in capsys.readouterr().out
    call_command("import_register", str(path), "--commit", "--user", "canbo")
    assert Petition.objects.get().created_by.username == "canbo"
    with pytest.raises(CommandError):
        call_command("import_register", str(_book(tmp_path, [[1, "x"]])), "--commit")


def test_the_desk_checks_in_the_background_then_imports(tmp_path, role_users, login, settings):
    from django.core.files.uploadedfile import SimpleUploadedFile
    from django.urls import reverse
    from tiep_cong_dan.imports.models import ImportJob

    settings.MEDIA_ROOT = str(tmp_path / "media")
    url = reverse("admin:tiep_cong_dan_petition_import")
    client = login("canbo")
    data = _book(tmp_path, GOOD).read_bytes()
    upload = client.post(url, {"file": SimpleUploadedFile("so.xlsx", data)})
    job = ImportJob.objects.get()
    job_url = reverse("admin:tiep_cong_dan_petition_import_job", args=[job.pk])
    assert upload.status_code == 302 and upload["Location"] == job_url
    page = client.get(job_url).content.decode()  # the queue ran inline in tests
    assert "không có lỗi" in page and Petition.objects.count() == 0
    assert job.uploaded_by.username == "canbo" and job.original_name == "so.xlsx"
    # Another officer cannot see, import or cancel it.
    other = login("truongban")
    assert other.get(job_url).status_code == 404
    assert other.post(job_url, {"action": "commit"}).status_code == 404
    assert Petition.objects.count() == 0
    client = login("canbo")
    done = client.post(job_url, {"action": "commit"})
    assert done.status_code == 302 and Petition.objects.count() == 3
    job.refresh_from_db()
    assert job.state == "done" and len(job.outcome) == 3 and not job.file
    assert not list((tmp_path / "media" / "imports").iterdir())  # personal data gone
    assert "3 đơn" in client.get(job_url).content.decode()
    # A second commit of the same import does nothing.
    client.post(job_url, {"action": "commit"})
    assert Petition.objects.count() == 3
    fake = client.post(url, {"file": SimpleUploadedFile("so.xlsx", b"%PDF-1.7")})
    assert "không phải tệp Excel" in fake.content.decode()
    assert login("xa_dongkinh").get(url).status_code == 403
    assert login("xa_dongkinh").get(job_url).status_code == 403


def test_imported_names_and_texts_are_normalised(tmp_path, role_users):
    # given a register whose cells carry a right-to-left override, zero-width and
    # control characters and decomposed accents
    row = list(GOOD[0])
    row[2] = "Hoa\u0300ng \u202eVăn\u202c\u200b An"
    row[3] = "thôn\u00a0Nà Làng\x7f"
    row[6] = "Khiếu nại\u2066 quyết định\r\nthu hồi đất"
    done = import_register(_book(tmp_path, [row]), by=role_users["canbo"], commit=True)
    # then they are stored as the desk stores typed text
    assert done.ok
    petition = Petition.objects.get()
    assert (petition.citizen.full_name, petition.citizen.address) == (
        "Hoàng Văn An",
        "thôn Nà Làng",
    )
    assert petition.summary == "Khiếu nại quyết định thu hồi đất"
    assert petition.content == "Khiếu nại quyết định\nthu hồi đất"
