"""The past years' import in the desk: a button above the sessions for the Board, the
template to download, the upload checked in the background with its progress, every
error by row and column, then the import, for the uploader alone; the imported steps
shown as entered from records in the timeline and the event log."""

import io

from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse
from openpyxl import load_workbook
from tiep_cong_dan.doctype.petition.models import Petition
from tiep_cong_dan.doctype.reception_session.models import ReceptionSession
from tiep_cong_dan.imports.models import ImportJob

from .scheme_records import scheme_register, write_register
from .test_history_bad_input import small_register

UPLOAD = "admin:tiep_cong_dan_receptionsession_history_import"
JOB = "admin:tiep_cong_dan_receptionsession_history_import_job"
TEMPLATE = "admin:tiep_cong_dan_receptionsession_history_template"


def _upload(client, path):
    data = path.read_bytes()
    return client.post(reverse(UPLOAD), {"file": SimpleUploadedFile(path.name, data)})


def test_the_board_finds_the_import_above_the_sessions_and_others_do_not(login):
    page = login("canbo").get(reverse("admin:tiep_cong_dan_receptionsession_changelist"))
    assert "Nhập hồ sơ các năm trước" in page.content.decode()
    form = login("truongban").get(reverse(UPLOAD))
    assert form.status_code == 200 and reverse(TEMPLATE) in form.content.decode()
    other = login("so_nnmt")
    listing = other.get(reverse("admin:tiep_cong_dan_receptionsession_changelist"))
    assert "Nhập hồ sơ các năm trước" not in listing.content.decode()
    assert other.get(reverse(UPLOAD)).status_code == 403
    assert other.get(reverse(TEMPLATE)).status_code == 403


def test_the_template_has_every_column_in_the_form_s_order_and_an_example(login):
    response = login("canbo").get(reverse(TEMPLATE))
    assert response.status_code == 200
    assert "mau-nhap-ho-so-tiep-cong-dan.xlsx" in response["Content-Disposition"]
    book = load_workbook(io.BytesIO(response.content))
    assert book.sheetnames == [
        "Sổ tiếp công dân",
        "Thông báo kết quả",
        "Nhiệm vụ được giao",
        "Hướng dẫn",
    ]
    register = [[c.value for c in row] for row in book["Sổ tiếp công dân"].iter_rows()]
    assert register[0][:13] == [
        "STT",
        "Ngày tiếp",
        "Họ tên, địa chỉ",
        "CCCD/CMND/Hộ chiếu",
        "Nội dung đơn",
        "Loại đơn (KN/TC/KN/PA)",
        "Số người cùng nội dung",
        "Cơ quan đã giải quyết",
        "Thuộc thẩm quyền (x)",
        "Hướng dẫn công dân đến cơ quan có thẩm quyền",
        "Cơ quan, đơn vị thụ lý",
        "Theo dõi kết quả giải quyết",
        "Ghi chú",
    ]
    assert register[0][13:17] == [
        "Loại kỳ tiếp",
        "Hình thức tiếp",
        "Xã, phường, thị trấn nơi cư trú",
        "Huyện, thành phố nơi cư trú",
    ]
    assert register[1][:13] == [f"({i})" for i in range(1, 14)]
    assert register[2][0] == 1 and register[2][13:15] == ["định kỳ", "trực tiếp"]
    guide = [[c.value for c in row] for row in book["Hướng dẫn"].iter_rows()]
    described = {(r[0], r[1]) for r in guide[1:] if r[1]}
    assert ("Sổ tiếp công dân", "Đoàn đông người (x)") in described
    assert ("Nhiệm vụ được giao", "Cơ quan được giao") in described
    assert len(described) == len(register[0]) + 8 + 9


def test_upload_check_then_import_for_the_uploader_alone(tmp_path, login, role_users, settings):
    settings.MEDIA_ROOT = str(tmp_path / "media")
    path = tmp_path / "so-2024.xlsx"
    register = scheme_register(path, years=(2024,))
    client = login("canbo")
    uploaded = _upload(client, path)
    assert uploaded.status_code == 302
    job = ImportJob.objects.get()
    assert (job.kind, job.state, job.total) == (
        "history",
        "checked",
        145 + 11 + len(register.tasks),
    )
    page = client.get(uploaded["Location"]).content.decode()
    assert "11 kỳ tiếp (1 đột xuất, 10 định kỳ)" in page and "145 lượt tiếp" in page
    assert not ReceptionSession.objects.exists()
    # Another officer of the Board cannot see nor act on it.
    other = login("truongban")
    assert other.get(reverse(JOB, args=[job.pk])).status_code == 404
    assert other.post(reverse(JOB, args=[job.pk]), {"action": "commit"}).status_code == 404
    client = login("canbo")
    done = client.post(reverse(JOB, args=[job.pk]), {"action": "commit"}, follow=True)
    job.refresh_from_db()
    assert job.state == "done" and not job.file
    text = done.content.decode()
    assert "mỗi hồ sơ ghi đúng ngày của nó" in text and "11 kỳ tiếp" in text
    assert ReceptionSession.objects.filter(from_records__file_name="so-2024.xlsx").count() == 11
    assert ReceptionSession.objects.get(kind="ad_hoc").from_records.imported_by.username == "canbo"


def test_errors_are_shown_by_row_and_column_and_nothing_is_imported(tmp_path, login, settings):
    settings.MEDIA_ROOT = str(tmp_path / "media")
    register = small_register()
    register.rows[1]["Hình thức tiếp"] = "qua điện thoại"
    path = write_register(tmp_path / "sai.xlsx", register)
    client = login("canbo")
    page = client.get(_upload(client, path)["Location"]).content.decode()
    assert "1 lỗi trong 5 dòng: chưa nhập dòng nào." in page
    assert "<td>4</td><td>Hình thức tiếp</td>" in page
    assert "“qua điện thoại” không có trong danh sách: trực tiếp, trực tuyến." in page
    assert ImportJob.objects.get().state == "invalid"
    assert not Petition.objects.exists()


def test_the_job_page_shows_the_progress_while_it_runs(login, role_users):
    job = ImportJob.objects.create(
        kind="history",
        uploaded_by=role_users["canbo"],
        original_name="so.xlsx",
        state="checking",
        step="Đang kiểm tra từng dòng",
        done=1200,
        total=5000,
    )
    page = login("canbo").get(reverse(JOB, args=[job.pk])).content.decode()
    assert "Đang kiểm tra từng dòng (1200/5000)" in page and "width:24%" in page
    assert '<meta http-equiv="refresh" content="2">' in page
    # A register import's job is not shown on this page, nor this one on the register's.
    assert (
        login("canbo")
        .get(reverse("admin:tiep_cong_dan_petition_import_job", args=[job.pk]))
        .status_code
        == 404
    )


def test_imported_steps_read_as_entered_from_records(tmp_path, login, role_users):
    from tiep_cong_dan.imports.history import import_history

    path = write_register(tmp_path / "so.xlsx", small_register())
    assert import_history(path, by=role_users["canbo"], commit=True).ok
    client = login("truongban")
    petition = Petition.objects.order_by("registration_seq").first()
    form = client.get(reverse("admin:tiep_cong_dan_petition_change", args=[petition.pk]))
    text = form.content.decode()
    assert "Từ hồ sơ" in text and "do canbo nhập ngày" in text
    log = client.get(reverse("admin:tiep_cong_dan_workflowevent_changelist") + "?source=records")
    assert log.status_code == 200 and "Từ hồ sơ" in log.content.decode()
    mine = client.get(reverse("admin:tiep_cong_dan_workflowevent_changelist") + "?source=system")
    assert "Từ hồ sơ" not in mine.content.decode().split("<tbody", 1)[-1]
