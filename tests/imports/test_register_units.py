"""The register's unit code is the unit of the reception date: a code that passed from
one unit to another names the unit of that day; a unit that had ended is refused with
the unit of that day named."""

import datetime

from tiep_cong_dan.doctype.admin_unit.constants import Era
from tiep_cong_dan.doctype.petition.models import Petition
from tiep_cong_dan.imports.registers import import_register

from .test_registers import _book


def _row(number, day, name, code, id_number):
    place, content = "thôn Pò Cại", "Khiếu nại về đất"
    return [number, day, name, place, code, id_number, content, "KN", 1, "", "", ""]


def test_a_code_names_the_unit_of_the_reception_date(tmp_path, role_users):
    # 06040: Xã Đại Đồng until 30/11/2024, then Thị trấn Thất Khê, then Xã Thất Khê.
    rows = [
        _row(1, datetime.date(2023, 5, 8), "Hà Văn Một", "06040", "020070002701"),
        _row(2, datetime.date(2025, 2, 3), "Hà Văn Hai", "06040", "020070002702"),
        _row(3, datetime.date(2026, 3, 2), "Hà Văn Ba", "06040", "020070002703"),
        _row(4, datetime.date(2023, 11, 1), "Hà Văn Bốn", "06454", "020070002704"),
    ]
    done = import_register(_book(tmp_path, rows), by=role_users["canbo"], commit=True)
    assert done.ok, done.errors
    found = {
        p.citizen.full_name: (p.matter_unit.name, p.matter_unit.era)
        for p in Petition.objects.select_related("matter_unit", "citizen")
    }
    assert found == {
        "Hà Văn Một": ("Xã Đại Đồng", Era.BEFORE_2024),
        "Hà Văn Hai": ("Thị trấn Thất Khê", Era.BEFORE_2025),
        "Hà Văn Ba": ("Xã Thất Khê", Era.FROM_2025),
        "Hà Văn Bốn": ("Xã Sơn Hà", Era.BEFORE_2024),
    }


def test_a_unit_that_had_ended_is_refused_naming_the_unit_of_that_day(tmp_path, role_users):
    rows = [_row(1, datetime.date(2025, 2, 3), "Hà Văn Năm", "06454", "020070002705")]
    result = import_register(_book(tmp_path, rows), by=role_users["canbo"], commit=True)
    assert result.errors == [
        (
            2,
            "mã đơn vị",
            "Xã Sơn Hà, Huyện Hữu Lũng không có hiệu lực vào ngày 03/02/2025 (có hiệu lực "
            "đến 30/11/2024); vào ngày đó: Thị trấn Hữu Lũng, Huyện Hữu Lũng.",
        )
    ]
    assert Petition.objects.count() == 0
