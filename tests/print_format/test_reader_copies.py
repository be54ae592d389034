"""Each reader gets the copy of a document their rule allows, whichever path asks (the
desk, the API): the result notice's full copy for the cleared, the redacted one for
those who see every case, and for a commune, a district or a department the extract of
their own cases; each copy frozen on issue, the same file for every reader of it; the
access log names exactly whom the copy names. The agenda and the register follow the
same rule."""

import io

import pytest
from django.urls import reverse
from tiep_cong_dan.access.models import AccessKind, ConfidentialAccess
from tiep_cong_dan.doctype.result_notice.models import Assignment, Conclusion
from tiep_cong_dan.print_format.models import IssuedDocument

from ..api.test_api import client_for
from .conftest import PLACED_NAMES, docx_text, notice_of_placed_cases, pdf_text

MASKED = "thông tin được bảo mật"
EXTRACT = "Trích thông báo"

# Whose names each reader's copy of the notice shows; the others' must be absent.
SHOWN = {
    "canbo": {"dongkinh", "kylua", "dongkinh_tc", "old_era", "locbinh_old"},
    "chutich": {"dongkinh", "kylua", "dongkinh_tc", "old_era", "locbinh_old"},
    "vanphong": {"dongkinh", "kylua", "old_era", "locbinh_old"},  # the denouncer masked
    # Đông Kinh and the ward merged into it; its denunciation masked.
    "xa_dongkinh": {"dongkinh", "old_era"},
    # The case Sở Nông nghiệp và Môi trường is concerned with, and its task.
    "so_nnmt": {"dongkinh"},
    # The case of the old Lộc Bình district.
    "huyen_locbinh": {"locbinh_old"},
}
# Who also reads the masked denunciation's hearing; who reads an extract.
SEES_MASKED = {"vanphong", "xa_dongkinh"}
EXTRACT_READERS = {"xa_dongkinh", "so_nnmt", "huyen_locbinh"}
AGENCY_OF = {
    "dongkinh": "Sở Nông nghiệp và Môi trường",
    "kylua": "Sở Xây dựng",
    "dongkinh_tc": "Thanh tra tỉnh",
    "old_era": "Sở Tài chính",
    "locbinh_old": "Sở Tư pháp",
}


@pytest.fixture
def placed_notice(role_users, placed_petitions, settings, tmp_path):
    settings.MEDIA_ROOT = str(tmp_path / "media")
    return notice_of_placed_cases(placed_petitions, role_users)


def _desk(login, user, notice, fmt="pdf"):
    url = reverse("admin:tiep_cong_dan_document", args=["result_notice", notice.pk, fmt])
    response = login(user).get(url)
    assert response.status_code == 200, (user, response.status_code)
    return response.content


def _api(role_users, user, notice, fmt="pdf"):
    response = client_for(role_users[user]).get(
        f"/api/v1/documents/result_notice/{notice.pk}/{fmt}/"
    )
    assert response.status_code == 200, (user, response.status_code)
    return response.content


def _check_copy(text: str, user: str) -> None:
    for key, name in PLACED_NAMES.items():
        assert (name in text) == (key in SHOWN[user]), (user, name)
        # Each hearing's task, and the agency given it, only with the hearing.
        shown = key in SHOWN[user] or (key == "dongkinh_tc" and user in SEES_MASKED)
        assert (AGENCY_OF[key] in text) == shown, (user, AGENCY_OF[key])
    assert (MASKED in text) == (user in SEES_MASKED), user
    assert (EXTRACT in text) == (user in EXTRACT_READERS), user
    if user in EXTRACT_READERS:
        assert "Kỳ Lừa" not in text or "kylua" in SHOWN[user]
    assert "020080000003" not in text or user in ("canbo", "chutich")


def test_each_reader_gets_the_copy_their_rule_allows_through_the_desk_and_the_api(
    login, role_users, placed_notice, placed_petitions, tmp_path
):
    """Given the issued notice of five cases in different scopes, when each reader
    downloads it from the desk and from the API, twice, then each copy names exactly
    the cases the reader may see, both paths give the same file, and the second
    download is the first one, byte for byte, even after the notice was edited."""
    first = {}
    for user in SHOWN:
        desk = _desk(login, user, placed_notice)
        _check_copy(pdf_text(desk, tmp_path), user)
        assert _api(role_users, user, placed_notice) == desk
        first[user] = desk
    # The full copy is one file, whoever of the cleared asks first.
    assert first["canbo"] == first["chutich"]
    extracts = {user: first[user] for user in EXTRACT_READERS}
    assert len(set(extracts.values())) == 3
    stored = IssuedDocument.objects.filter(
        doctype="result_notice", object_id=placed_notice.pk, fmt="pdf"
    )
    variants = set(stored.values_list("variant", flat=True))
    assert {"full", "redacted"} < variants and len(variants) == 5
    extract_names = variants - {"full", "redacted"}
    assert all(v.startswith("x") and len(v) == 10 for v in extract_names)
    # Edited after issue: every copy stays what was issued.
    Conclusion.objects.filter(notice=placed_notice).update(text="Sửa sau khi ban hành.")
    Assignment.objects.filter(notice=placed_notice).update(task="Sửa sau khi ban hành.")
    for user in SHOWN:
        assert _desk(login, user, placed_notice) == first[user], user
        assert _api(role_users, user, placed_notice) == first[user], user
    assert stored.count() == 5


def test_the_docx_copies_are_extracts_too(login, role_users, placed_notice):
    text = docx_text(_desk(login, "xa_dongkinh", placed_notice, "docx"))
    assert PLACED_NAMES["dongkinh"] in text and PLACED_NAMES["old_era"] in text
    for key in ("kylua", "dongkinh_tc", "locbinh_old"):
        assert PLACED_NAMES[key] not in text
    api = docx_text(_api(role_users, "huyen_locbinh", placed_notice, "docx"))
    assert PLACED_NAMES["locbinh_old"] in api and PLACED_NAMES["dongkinh"] not in api


def test_the_access_log_names_whom_the_copy_names(
    login, role_users, placed_notice, placed_petitions
):
    def logged(user) -> dict[str, set[int]]:
        entries = ConfidentialAccess.objects.filter(user=role_users[user])
        return {e.kind: set(map(int, e.object_ids.split(","))) for e in entries}

    def citizens(*keys) -> set[int]:
        return {placed_petitions[k].citizen_id for k in keys}

    _desk(login, "xa_dongkinh", placed_notice)
    assert logged("xa_dongkinh") == {AccessKind.PERSONAL: citizens("dongkinh", "old_era")}
    _api(role_users, "so_nnmt", placed_notice)
    assert logged("so_nnmt") == {AccessKind.PERSONAL: citizens("dongkinh")}
    _desk(login, "vanphong", placed_notice)
    assert logged("vanphong") == {
        AccessKind.PERSONAL: citizens("dongkinh", "kylua", "old_era", "locbinh_old")
    }
    _desk(login, "chutich", placed_notice)
    assert logged("chutich") == {
        AccessKind.PERSONAL: citizens("dongkinh", "kylua", "old_era", "locbinh_old"),
        AccessKind.CONFIDENTIAL: citizens("dongkinh_tc"),
    }


def test_the_agenda_names_only_the_readers_cases(login, placed_notice, tmp_path):
    session = placed_notice.session
    url = reverse("admin:tiep_cong_dan_document", args=["agenda", session.pk, "pdf"])
    commune = pdf_text(login("xa_dongkinh").get(url).content, tmp_path)
    assert PLACED_NAMES["dongkinh"] in commune and PLACED_NAMES["old_era"] in commune
    assert MASKED in commune
    for key in ("kylua", "dongkinh_tc", "locbinh_old"):
        assert PLACED_NAMES[key] not in commune
    district = pdf_text(login("huyen_locbinh").get(url).content, tmp_path)
    assert PLACED_NAMES["locbinh_old"] in district
    assert not [k for k, name in PLACED_NAMES.items() if k != "locbinh_old" and name in district]
    board = pdf_text(login("canbo").get(url).content, tmp_path)
    assert all(name in board for name in PLACED_NAMES.values())


def test_the_register_lists_only_the_readers_cases(login, placed_petitions, tmp_path):
    page = reverse("admin:tiep_cong_dan_register")
    query = {"start": "2024-05-01", "end": "2024-06-30", "fmt": "pdf"}
    commune = pdf_text(login("xa_dongkinh").get(page, query).content, tmp_path)
    assert PLACED_NAMES["old_era"] in commune and PLACED_NAMES["locbinh_old"] not in commune
    district = pdf_text(login("huyen_locbinh").get(page, query).content, tmp_path)
    assert PLACED_NAMES["locbinh_old"] in district and PLACED_NAMES["old_era"] not in district


def test_the_monthly_report_is_read_only_by_those_who_see_every_case(login, role_users, report):
    """Its tables count every case of the province: the roles scoped to some of them get
    neither the file nor the workbook, in the desk or the API."""
    for user in ("xa_dongkinh", "huyen_locbinh", "so_nnmt", "trunguong", "kythuat"):
        for fmt in ("pdf", "xlsx"):
            url = reverse("admin:tiep_cong_dan_document", args=["monthly_report", report.pk, fmt])
            assert login(user).get(url).status_code == 403, (user, fmt)
            api = client_for(role_users[user]).get(
                f"/api/v1/documents/monthly_report/{report.pk}/{fmt}/"
            )
            assert api.status_code == 404, (user, fmt)
    workbook = login("vanphong").get(
        reverse("admin:tiep_cong_dan_document", args=["monthly_report", report.pk, "xlsx"])
    )
    assert workbook.status_code == 200
    import openpyxl

    assert openpyxl.load_workbook(io.BytesIO(workbook.content)).sheetnames


def test_a_copy_leaving_out_other_agencies_tasks_is_its_own_extract(
    login, role_users, placed_notice, placed_petitions, tmp_path
):
    """Given Sở Nông nghiệp và Môi trường also tasked in every other hearing, it reads
    every hearing, but other agencies' tasks only in the case it is concerned with: not
    the Chairman's office's copy, even when that copy was frozen first."""
    from tiep_cong_dan.doctype.agency.models import Agency
    from tiep_cong_dan.doctype.result_notice.services import assign_task

    snnmt = Agency.objects.get(code="SNNMT")
    for key in ("kylua", "dongkinh_tc", "old_era", "locbinh_old"):
        assign_task(
            Assignment(
                notice=placed_notice,
                petition=placed_petitions[key],
                agency=snnmt,
                task="Phối hợp kiểm tra.",
                working_days=10,
            ),
            by=role_users["canbo"],
        )
    office = pdf_text(_desk(login, "vanphong", placed_notice), tmp_path)
    department = pdf_text(_api(role_users, "so_nnmt", placed_notice), tmp_path)
    assert AGENCY_OF["kylua"] in office and AGENCY_OF["locbinh_old"] in office
    for key in ("dongkinh", "kylua", "old_era", "locbinh_old"):
        assert PLACED_NAMES[key] in department, key
    assert MASKED in department and PLACED_NAMES["dongkinh_tc"] not in department
    for key in ("kylua", "dongkinh_tc", "old_era", "locbinh_old"):
        assert AGENCY_OF[key] not in department, key
    assert department.count("Phối hợp kiểm tra.") == 4
    assert EXTRACT in department and EXTRACT not in office
    variants = set(
        IssuedDocument.objects.filter(object_id=placed_notice.pk).values_list("variant", flat=True)
    )
    # The full copy was frozen (signed) as the notice was issued; the readers' copies
    # beside it are their own files.
    assert "full" in variants and "redacted" in variants and len(variants) == 3
