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
