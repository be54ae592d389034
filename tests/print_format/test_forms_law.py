"""Forms 01/TCD and 02/TCD and the reply letter as the appendix of Decree 154/2026
lays them out, citing the law in force on each document's own date (the table of
legal bases), with the identity paper's date and place of issue, the pages and
condition of each document received, and a denouncer's identity still masked."""

import datetime

import pytest
from django.core.exceptions import ValidationError
from django.core.files.base import ContentFile
from django.core.management import call_command
from django.urls import reverse
from tiep_cong_dan.doctype.agency.models import Agency
from tiep_cong_dan.doctype.legal_basis.models import LegalBasis
from tiep_cong_dan.doctype.legal_basis.services import in_force, load_legal_bases
from tiep_cong_dan.doctype.petition.constants import Jurisdiction, PetitionKind
from tiep_cong_dan.doctype.petition.models import Petition, PetitionAttachment
from tiep_cong_dan.doctype.petition.services import set_agencies_concerned
from tiep_cong_dan.print_format.context.common import OUTSIDE_READER
from tiep_cong_dan.print_format.documents import DOCUMENTS
from tiep_cong_dan.print_format.service import document_file

from ..conftest import make_citizen, make_petition, new_unit
from .conftest import pdf_text

DECREE_154 = (
    "Nghị định số 154/2026/NĐ-CP ngày 15 tháng 5 năm 2026 của Chính phủ quy định chi tiết "
    "một số điều và biện pháp tổ chức thi hành Luật Tiếp công dân"
)
BEFORE, AFTER = datetime.date(2025, 9, 5), datetime.date(2026, 7, 10)
NAME, ID = "Nông Thị Hoa", "020085000021"
ISSUED_ON, ISSUED_BY = (
    datetime.date(2021, 4, 12),
    "Cục Cảnh sát quản lý hành chính về trật tự xã hội",
)


def _text(code: str, record, tmp_path, user=None) -> str:
    return pdf_text(document_file(DOCUMENTS[code], record, user, "pdf"), tmp_path)


def _citizen(name=NAME, number=ID):
    dk = new_unit("05977")
    citizen = make_citizen(dk, name, number)
    citizen.date_of_birth = datetime.date(1985, 2, 3)
    citizen.id_issued_on, citizen.id_issued_by = ISSUED_ON, ISSUED_BY
    citizen.full_clean()
    citizen.save()
    return citizen


def _refused(day, ground="decree_4_h", kind=PetitionKind.COMPLAINT, **citizen):
    dk = new_unit("05977")
    petition = make_petition(dk, _citizen(**citizen), kind=kind, received=day)
    Petition.objects.filter(pk=petition.pk).update(
        state="refused",
        refusal_ground=ground,
        refusal_notice_number="07/TB-BTCD",
        refusal_notice_date=day,
    )
    petition.refresh_from_db()
    return petition


# -- 1. the law in force on the document's date ---------------------------------------


def test_the_table_is_loaded_once_and_keeps_the_administrators_edits(master_data):
    assert load_legal_bases() == 0  # the test database has it already
    row = LegalBasis.objects.get(code="nd-154-2026-k1-d4")
    row.citation += " (đã sửa)"
    row.save()
    call_command("load_master_data", stdout=open("/dev/null", "w"))  # noqa: SIM115
    row.refresh_from_db()
    assert row.citation.endswith("(đã sửa)") and row.history.count() == 2
    # Decree 154/2026 Art. 44: in force from 2026-07-01, Decree 64/2014 ends that day.
    assert [r.code for r in in_force("refusal_notice", BEFORE)] == ["luat-tcd-2013-k3-d9"]
    assert [r.code for r in in_force("refusal_notice", AFTER)] == [
        "luat-tcd-2013-k3-d9",
        "nd-154-2026-k1-d4",
    ]
    old = LegalBasis.objects.get(code="nd-64-2014")
    assert old.valid_to == datetime.date(2026, 6, 30)


def test_a_bad_row_is_refused_in_words(master_data):
    row = LegalBasis(
        code="x",
        citation="Luật",
        valid_from=AFTER,
        valid_to=BEFORE,
        documents="refusal_notice, nothing",
    )
    with pytest.raises(ValidationError) as caught:
        row.full_clean()
    assert set(caught.value.message_dict) == {"valid_to", "documents"}


def test_a_notice_dated_before_decree_154_does_not_cite_it(role_users, tmp_path):
    text = _text("refusal_notice", _refused(BEFORE, ground="law_9_3"), tmp_path)
    assert "154/2026" not in text and "Mẫu số 01/TCD" not in text
    assert "Mẫu số 01 (Ban hành kèm theo Thông tư số 04/2021/TT-TTCP)" in text
    assert "Căn cứ khoản 3 Điều 9 Luật Tiếp công dân, Ban Tiếp công dân tỉnh Lạng Sơn" in text


def test_a_notice_dated_after_cites_decree_154_with_the_point_of_its_ground(role_users, tmp_path):
    text = _text("refusal_notice", _refused(AFTER), tmp_path)
    assert text.startswith("Mẫu số 01/TCD (Ban hành kèm theo Nghị định số 154/2026/NĐ-CP)")
    assert (
        "Căn cứ khoản 3 Điều 9 Luật Tiếp công dân và điểm h, khoản 1 Điều 4 "
        f"{DECREE_154}, Ban Tiếp công dân tỉnh Lạng Sơn từ chối tiếp nhận nội dung khiếu "
        f"nại của ông/bà {NAME} và thông báo để ông/bà được biết."
    ) in text


def test_the_clause_and_the_form_code_come_from_the_table(role_users, tmp_path):
    LegalBasis.objects.filter(code="nd-154-2026-mau-01-tcd").update(source="Nghị định X")
    LegalBasis.objects.filter(code="nd-154-2026-k1-d4").update(citation="Nghị định Y")
    text = _text("refusal_notice", _refused(AFTER), tmp_path)
    assert "Mẫu số 01/TCD (Ban hành kèm theo Nghị định X)" in text
    assert "điểm h, khoản 1 Điều 4 Nghị định Y, Ban" in text and "154/2026" not in text


def test_the_receipt_follows_the_form_in_force_on_its_day(role_users, tmp_path):
    petition = _refused(AFTER)
    Petition.objects.filter(pk=petition.pk).update(
        created_at=datetime.datetime(2026, 6, 30, 9, 0, tzinfo=datetime.UTC)
    )
    petition.refresh_from_db()
    assert "Mẫu số 02 (Ban hành kèm theo Thông tư số 04/2021/TT-TTCP)" in _text(
        "receipt", petition, tmp_path
    )
    Petition.objects.filter(pk=petition.pk).update(
        created_at=datetime.datetime(2026, 7, 1, 9, 0, tzinfo=datetime.UTC)
    )
    petition.refresh_from_db()
    assert "Mẫu số 02/TCD (Ban hành kèm theo Nghị định số 154/2026/NĐ-CP)" in _text(
        "receipt", petition, tmp_path
    )


# -- 2. the identity paper's date and place of issue -----------------------------------


def test_the_issue_date_is_checked_against_today_and_the_birth(master_data):
    citizen = make_citizen(new_unit("05977"), NAME, ID)
    citizen.date_of_birth = datetime.date(1985, 2, 3)
    for day, code in (
        (datetime.date(1984, 12, 31), "before_birth"),
        (datetime.date.today() + datetime.timedelta(days=1), "future_date"),
    ):
        citizen.id_issued_on = day
        with pytest.raises(ValidationError) as caught:
            citizen.full_clean()
        assert caught.value.error_dict["id_issued_on"][0].code == code


def test_the_api_and_the_desk_carry_the_place_of_issue(role_users, login):
    from rest_framework.test import APIClient
    from tiep_cong_dan.api.models import ApiToken

    citizen = _citizen()
    _, key = ApiToken.issue(role_users["canbo"], "test")
    api = APIClient()
    api.credentials(HTTP_AUTHORIZATION=f"Token {key}")
    data = api.get(f"/api/v1/citizens/{citizen.pk}/").json()
    assert data["id_issued_by"] == ISSUED_BY and data["id_issued_on"] == "2021-04-12"
    refused = api.patch(
        f"/api/v1/citizens/{citizen.pk}/", {"id_issued_on": "1984-01-01"}, format="json"
    )
    assert refused.status_code == 400 and "id_issued_on" in str(refused.json())
    page = login("canbo").get(reverse("admin:tiep_cong_dan_citizen_change", args=[citizen.pk]))
    assert page.status_code == 200 and 'name="id_issued_by"' in page.content.decode()


def test_a_register_brings_the_date_and_place_of_issue(tmp_path, role_users):
    from openpyxl import Workbook
    from tiep_cong_dan.doctype.citizen.models import Citizen
    from tiep_cong_dan.imports.registers import import_register

    wb = Workbook()
    ws = wb.active
    ws.append(["Ngày tiếp", "Họ tên", "Địa chỉ", "Mã đơn vị", "CCCD", "Ngày cấp", "Nơi cấp"])
    ws.append(["02/03/2026", NAME, "thôn Nà Làng", "05977", ID, "12/04/2021", ISSUED_BY])
    ws.append(["02/03/2026", "Lò Văn Tài", "khối 3", "05977", "020085000039", "31/02/2021", ""])
    ws["H1"], ws["I1"], ws["H2"], ws["I2"] = "Nội dung", "Loại đơn", "Khiếu nại", "KN"
    ws["H3"], ws["I3"] = "Khiếu nại", "KN"
    path = tmp_path / "so.xlsx"
    wb.save(path)
    result = import_register(path, by=role_users["canbo"], commit=True)
    assert result.errors == [(3, "ngày cấp", "Ngày cấp không đúng dạng ngày/tháng/năm.")]
    ws.delete_rows(3)
    wb.save(path)
    assert import_register(path, by=role_users["canbo"], commit=True).ok
    citizen = Citizen.objects.get(id_number=ID)
    assert (citizen.id_issued_on, citizen.id_issued_by) == (ISSUED_ON, ISSUED_BY)


# -- 3. form 01/TCD ----------------------------------------------------------------------


def test_the_refusal_notice_prints_every_field_of_form_01(role_users, tmp_path):
    petition = _refused(AFTER)
    set_agencies_concerned(
        petition, [*petition.agencies_concerned.all(), Agency.objects.get(code="SNNMT")]
    )
    text = _text("refusal_notice", petition, tmp_path)
    for line in (
        "THÔNG BÁO Về việc từ chối tiếp công dân",
        f"Kính gửi: Ông/Bà {NAME}",
        f"Ngày 10 tháng 7 năm 2026, ông/bà {NAME}",
        "Số căn cước/giấy chứng nhận căn cước/số định danh cá nhân/số hộ chiếu (hoặc giấy tờ "
        f"tùy thân): {ID}, ngày cấp: 12/04/2021, nơi cấp: {ISSUED_BY}",
        "Địa chỉ: thôn Nà Làng, phường Đông Kinh đến Trụ sở Tiếp công dân tỉnh Lạng Sơn để "
        "khiếu nại về việc Khiếu nại quyết định thu hồi đất.",
        "Nơi nhận: - Như trên; - Chủ tịch UBND tỉnh để biết; - Sở Nông nghiệp và Môi trường "
        "(để phối hợp); - Lưu: VT, hồ sơ.",
    ):
        assert line in text, (line, text)
    assert "lý do:" not in text  # the ground is cited in the "Căn cứ" clause, as the form


# -- 4. form 02/TCD ----------------------------------------------------------------------


def test_the_receipt_lists_pages_and_condition_and_the_forms_wording(
    role_users, tmp_path, settings
):
    settings.MEDIA_ROOT = str(tmp_path / "media")
    petition = _refused(AFTER)
    for title, pages, condition in (
        ("Quyết định thu hồi đất số 12/QĐ-UBND", 3, "certified_copy"),
        ("Biên bản đo đạc", 2, "photocopy"),
    ):
        attachment = PetitionAttachment(
            petition=petition, title=title, pages=pages, condition=condition
        )
        attachment.file.save("tai-lieu.pdf", ContentFile(b"%PDF-1.4 test"), save=False)
        attachment.save()
    text = _text("receipt", petition, tmp_path)
    for line in (
        f"Đã nhận của ông/bà {NAME}",
        f"Số CCCD/Hộ chiếu (hoặc giấy tờ tùy thân): {ID}, ngày cấp: 12/04/2021, nơi cấp: "
        f"{ISSUED_BY}",
        "các thông tin, tài liệu sau:",
        "STT Tên thông tin, tài liệu Số trang Tình trạng",
        "2 Quyết định thu hồi đất số 12/QĐ-UBND 3 Bản sao công chứng",
        "3 Biên bản đo đạc 2 Bản phô tô",
        "Giấy biên nhận thông tin, tài liệu, được lập thành 02 bản, giao cho người cung cấp "
        "thông tin, tài liệu 01 bản.",
        "(Ký, ghi rõ họ tên) (Ký, ghi rõ họ tên, đóng dấu nếu có)",
    ):
        assert line in text, (line, text)


def test_pages_and_condition_are_edited_in_the_petitions_attachments(role_users, login):
    petition = _refused(AFTER)
    page = login("canbo").get(reverse("admin:tiep_cong_dan_petition_change", args=[petition.pk]))
    html = page.content.decode()
    assert 'name="attachments-__prefix__-pages"' in html
    assert 'name="attachments-__prefix__-condition"' in html
    attachment = PetitionAttachment(petition=petition, title="Đơn", pages=0)
    with pytest.raises(ValidationError) as caught:
        attachment.full_clean(exclude=["file"])
    assert "pages" in caught.value.message_dict


# -- masking -----------------------------------------------------------------------------


@pytest.mark.parametrize("code", ["refusal_notice", "receipt"])
def test_a_denouncers_papers_stay_masked_for_readers_not_cleared(role_users, tmp_path, code):
    petition = _refused(AFTER, kind=PetitionKind.DENUNCIATION)
    for reader in (role_users["vanphong"], OUTSIDE_READER):
        text = _text(code, petition, tmp_path, reader)
        assert "thông tin được bảo mật" in text
        for secret in (NAME, ID, "12/04/2021", ISSUED_BY, "Nà Làng"):
            assert secret not in text, (code, reader, secret)
    full = _text(code, petition, tmp_path, role_users["truongban"])
    assert all(value in full for value in (NAME, ID, "12/04/2021", ISSUED_BY))


# -- 5. the reply letter -----------------------------------------------------------------


def _answered(jurisdiction, agencies=(), transferred=None):
    dk = new_unit("05977")
    number = f"0200850001{Petition.objects.count():02d}"
    petition = make_petition(dk, _citizen(number=number), agencies=agencies)
    Petition.objects.filter(pk=petition.pk).update(
        state="not_proposed",
        jurisdiction=jurisdiction,
        transferred_to=transferred,
        reply_reason="Vụ việc chưa đủ điều kiện tiếp công dân trực tuyến.",
        reply_letter_number="21/BTCD-TCD",
        reply_letter_date=datetime.date(2026, 7, 20),
    )
    petition.refresh_from_db()
    return petition


def test_the_reply_letter_gives_one_guidance_from_the_record(role_users, tmp_path):
    agency = Agency.objects.get(code="SNNMT")
    # The Chairman's case with an agency concerned: the citizen is sent to the
    # Chairman's next periodic reception, not also to the agency.
    own = _text("reply_letter", _answered(Jurisdiction.CHAIRMAN, [agency]), tmp_path)
    assert (
        "Đề nghị ông/bà đến Trụ sở Tiếp công dân tỉnh Lạng Sơn vào ngày tiếp công dân định "
        "kỳ của Chủ tịch UBND tỉnh (thứ Hai, ngày 17/08/2026), mang theo giấy tờ tùy thân, "
        "đơn và các thông tin, tài liệu có liên quan, để được tiếp trực tiếp theo quy định."
    ) in own
    assert agency.name not in own and "hoặc" not in own and own.count("Đề nghị") == 1
    other = _text("reply_letter", _answered(Jurisdiction.OTHER_AGENCY, [agency]), tmp_path)
    assert f"Đề nghị ông/bà gửi đơn đến {agency.name}" in other
    assert "Trụ sở" not in other and other.count("Đề nghị") == 1
    sent = _text("reply_letter", _answered(Jurisdiction.CHAIRMAN, [], transferred=agency), tmp_path)
    assert f"Đề nghị ông/bà liên hệ {agency.name}" in sent and "Trụ sở" not in sent
    none = _text("reply_letter", _answered(Jurisdiction.NOT_ACCEPTABLE), tmp_path)
    assert "Đề nghị" not in none
