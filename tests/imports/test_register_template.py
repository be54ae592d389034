"""The register import page offers its template: an .xlsx with the columns the import
reads and one example row, which imports as it stands."""

import io

from django.urls import reverse
from openpyxl import load_workbook
from tiep_cong_dan.doctype.petition.models import Petition
from tiep_cong_dan.imports.registers import COLUMNS, import_register

UPLOAD = "admin:tiep_cong_dan_petition_import"
TEMPLATE = "admin:tiep_cong_dan_petition_import_template"


def test_the_import_page_links_the_template_for_the_board_only(login):
    page = login("canbo").get(reverse(UPLOAD))
    assert page.status_code == 200
    assert f'href="{reverse(TEMPLATE)}"' in page.content.decode()
    for role in ("xa_dongkinh", "so_nnmt", "chutich", "kythuat"):
        assert login(role).get(reverse(TEMPLATE)).status_code == 403, role


def test_the_template_opens_with_every_column_and_its_example_imports(login, tmp_path):
    # Given the template as the Board downloads it
    response = login("canbo").get(reverse(TEMPLATE))
    assert response.status_code == 200
    assert "mau-so-tiep-cong-dan.xlsx" in response["Content-Disposition"]
    book = load_workbook(io.BytesIO(response.content))
    assert book.sheetnames == ["Sổ tiếp công dân", "Hướng dẫn"]
    rows = [[c.value for c in row] for row in book["Sổ tiếp công dân"].iter_rows()]
    assert len(rows) == 2
    assert [h.lower() for h in rows[0]] == list(COLUMNS)  # every column the import reads
    example = dict(zip(rows[0], rows[1], strict=True))
    assert example["Họ tên"] == "Hoàng Văn An" and example["Loại đơn"] == "KN"
    path = tmp_path / "mau.xlsx"
    path.write_bytes(response.content)
    # When it is imported as it stands
    before = Petition.objects.count()
    result = import_register(path, by=None, commit=True)
    # Then its one row is registered with the example's values
    assert result.errors == [] and result.rows == 1 and len(result.registered) == 1
    assert Petition.objects.count() == before + 1
    petition = Petition.objects.get(registration_number=result.registered[0])
    assert petition.citizen.full_name == "Hoàng Văn An"
    assert petition.citizen.id_number == "020090000001"
    assert petition.citizen.id_issued_on.isoformat() == "2021-06-10"
    assert petition.received_date.isoformat() == "2026-03-16"
    assert petition.kind == "complaint" and petition.jurisdiction == "chairman"
    assert petition.matter_unit.code == example["Mã đơn vị"]
    assert petition.matter_unit.valid_from <= petition.received_date
    assert petition.summary.startswith("Khiếu nại quyết định thu hồi đất")
