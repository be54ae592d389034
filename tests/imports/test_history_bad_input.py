"""A register of past years with one bad row is refused with that row and column named,
in Vietnamese, and nothing is written: unknown units, a unit not in force on the
reception date, a session kind or mode not in the list, a date in the future, two rows
for one hearing, a notice number already used, a task for an agency that did not exist
on the notice's date."""

import datetime

import pytest
from django.utils import timezone
from tiep_cong_dan.imports.history import import_history

from .scheme_records import Register, add_task, register_row, write_register
from .test_history_import import counts

DAY = datetime.date(2023, 3, 15)
NOTICE_DAY = datetime.date(2023, 3, 22)


def small_register() -> Register:
    """One periodic session of 15/03/2023 with three hearings (rows 3 to 5 of the sheet:
    the header and the form's row of column numbers come first), its notice 05/TB-UBND
    and a task for the first case."""
    register = Register(
        rows=[
            register_row(
                1,
                DAY,
                "Hoàng Văn An",
                "020090000001",
                "Phường Vĩnh Trại",
                "Thành phố Lạng Sơn",
                "KN",
                "Khiếu nại thu hồi đất",
                1,
                False,
            ),
            register_row(
                2,
                DAY,
                "Nông Thị Bích",
                "020190000002",
                "Thị trấn Lộc Bình",
                "Huyện Lộc Bình",
                "PA",
                "Phản ánh ô nhiễm",
                5,
                True,
            ),
            register_row(
                3,
                DAY,
                "Lương Văn Cường",
                "020080000003",
                "Xã Hòa Thắng",
                "Hữu Lũng",
                "KNg",
                "Kiến nghị cấp giấy",
                1,
                False,
            ),
        ],
        notices=[
            {
                "Số thông báo": "05/TB-UBND",
                "Ngày ban hành": NOTICE_DAY,
                "Ngày tiếp": DAY,
                "Loại kỳ tiếp": "định kỳ",
                "Người ký": "Hồ Tiến Thiệu",
            }
        ],
    )
    add_task(register, register.rows[0], "05/TB-UBND", NOTICE_DAY, 2023)
    return register


def refused(tmp_path, user, register: Register) -> list[tuple]:
    """Import `register`; it must be refused with nothing written: its errors."""
    before = counts()
    path = write_register(tmp_path / "so.xlsx", register)
    result = import_history(path, by=user, commit=True)
    assert not result.ok and result.source is None
    assert counts() == before
    return result.errors


def test_the_small_register_is_right(tmp_path, role_users):
    path = write_register(tmp_path / "so.xlsx", small_register())
    result = import_history(path, by=role_users["canbo"], commit=True)
    assert result.ok, result.errors
    assert result.counts["hearings"] == 3 and result.counts["assignments"] == 1


REGISTER_CASES = {
    "unknown unit": (
        {"Xã, phường, thị trấn nơi cư trú": "Xã Không Có"},
        "Xã, phường, thị trấn nơi cư trú",
        "Xã Không Có",
    ),
    "no district before 2025-07-01": (
        {"Huyện, thành phố nơi cư trú": ""},
        "Huyện, thành phố nơi cư trú",
        "Ghi huyện, thành phố của xã (ngày tiếp trước 01/07/2025).",
    ),
    "unknown district": (
        {"Huyện, thành phố nơi cư trú": "Huyện Không Có"},
        "Huyện, thành phố nơi cư trú",
        "Huyện Không Có",
    ),
    # The commune ceased with the districts on 2025-07-01.
    "unit not in force on the date": (
        {"Ngày tiếp": datetime.date(2025, 8, 15), "Huyện, thành phố nơi cư trú": ""},
        "Xã, phường, thị trấn nơi cư trú",
        "15/08/2025",
    ),
    "session kind not in the list": (
        {"Loại kỳ tiếp": "thường kỳ"},
        "Loại kỳ tiếp",
        "“thường kỳ” không có trong danh sách: định kỳ, đột xuất, theo yêu cầu Trung ương.",
    ),
    "mode not in the list": (
        {"Hình thức tiếp": "qua điện thoại"},
        "Hình thức tiếp",
        "“qua điện thoại” không có trong danh sách: trực tiếp, trực tuyến.",
    ),
    "a date in the future": (
        {"Ngày tiếp": timezone.localdate() + datetime.timedelta(days=3)},
        "Ngày tiếp",
        "sau hôm nay: hồ sơ các năm trước không thể có.",
    ),
    "a date that is no date": (
        {"Ngày tiếp": "31/02/2023"},
        "Ngày tiếp",
        "Không có ngày 31/02/2023.",
    ),
}


@pytest.mark.parametrize("case", list(REGISTER_CASES))
def test_a_bad_register_row_is_refused_with_its_row_and_column(case, tmp_path, role_users):
    change, column, words = REGISTER_CASES[case]
    register = small_register()
    register.rows[2].update(change)  # the third hearing: row 5 of the sheet
    errors = refused(tmp_path, role_users["canbo"], register)
    assert [(row, col) for row, col, _message in errors] == [(5, column)]
    assert words in errors[0][2]


def test_an_ad_hoc_session_without_its_ground_is_refused(tmp_path, role_users):
    register = small_register()
    register.rows[2].update({"Loại kỳ tiếp": "đột xuất", "Ngày tiếp": datetime.date(2023, 4, 6)})
    errors = refused(tmp_path, role_users["canbo"], register)
    assert errors == [
        (
            5,
            "Căn cứ tiếp đột xuất",
            "Kỳ tiếp đột xuất phải có căn cứ theo khoản 3 Điều 18 Luật Tiếp công dân.",
        )
    ]


def test_two_rows_for_one_hearing_are_refused(tmp_path, role_users):
    register = small_register()
    register.rows.append({**register.rows[1], "STT": 4})  # Nông Thị Bích written twice
    errors = refused(tmp_path, role_users["canbo"], register)
    assert errors == [
        (
            6,
            "Họ tên, địa chỉ",
            "Trùng lượt tiếp ở dòng 4: cùng công dân Nông Thị Bích, cùng kỳ tiếp định kỳ "
            "ngày 15/03/2023.",
        )
    ]


def test_a_row_number_used_twice_is_refused(tmp_path, role_users):
    register = small_register()
    register.rows[2]["STT"] = 2
    errors = refused(tmp_path, role_users["canbo"], register)
    assert errors == [(5, "STT", "Số thứ tự 2 đã dùng ở dòng 4.")]


def test_a_notice_number_used_twice_in_the_file_is_refused(tmp_path, role_users):
    register = small_register()
    register.rows.append(
        register_row(
            4,
            datetime.date(2023, 4, 17),
            "Vi Thị Dung",
            "020170000004",
            "Phường Tam Thanh",
            "Thành phố Lạng Sơn",
            "KN",
            "Khiếu nại",
            1,
            False,
        )
    )
    register.notices.append(
        {
            **register.notices[0],
            "Ngày ban hành": datetime.date(2023, 4, 24),
            "Ngày tiếp": datetime.date(2023, 4, 17),
        }
    )
    errors = refused(tmp_path, role_users["canbo"], register)
    assert errors == [
        (3, "Thông báo kết quả: Số thông báo", "Số thông báo 05 của năm 2023 đã ghi ở dòng 2.")
    ]


def test_a_notice_number_already_in_the_system_is_refused(tmp_path, role_users):
    first = small_register()
    path = write_register(tmp_path / "first.xlsx", first)
    assert import_history(path, by=role_users["canbo"], commit=True).ok
    second = Register(
        rows=[
            register_row(
                1,
                datetime.date(2023, 5, 15),
                "Vi Thị Dung",
                "020170000004",
                "Phường Tam Thanh",
                "Thành phố Lạng Sơn",
                "KN",
                "Khiếu nại",
                1,
                False,
            )
        ],
        notices=[
            {
                "Số thông báo": "05/TB-UBND",
                "Ngày ban hành": datetime.date(2023, 5, 20),
                "Ngày tiếp": datetime.date(2023, 5, 15),
                "Loại kỳ tiếp": "định kỳ",
                "Người ký": "Hồ Tiến Thiệu",
            }
        ],
    )
    errors = refused(tmp_path, role_users["canbo"], second)
    assert errors == [
        (2, "Thông báo kết quả: Số thông báo", "Số thông báo 05 của năm 2023 đã có trong hệ thống.")
    ]


def test_a_session_already_in_the_system_is_refused(tmp_path, role_users):
    path = write_register(tmp_path / "first.xlsx", small_register())
    assert import_history(path, by=role_users["canbo"], commit=True).ok
    again = small_register()
    again.rows[0]["Ghi chú"] = "sửa"  # another file, the same session
    errors = refused(tmp_path, role_users["canbo"], again)
    assert [(r, c) for r, c, _m in errors] == [(3, "Ngày tiếp")]
    assert "Đã có kỳ tiếp định kỳ ngày 15/03/2023 trong hệ thống" in errors[0][2]


@pytest.mark.parametrize(
    "agency, words",
    [
        # Made on 2025-03-01 from the departments merged then.
        (
            "Sở Nông nghiệp và Môi trường",
            "chưa được thành lập vào ngày 22/03/2023 (có từ 01/03/2025)",
        ),
        ("Sở Không Có", "Không có cơ quan, đơn vị tên hoặc mã “Sở Không Có” trong danh mục."),
    ],
)
def test_a_task_for_an_agency_that_did_not_exist_on_the_date_is_refused(
    agency, words, tmp_path, role_users
):
    register = small_register()
    register.tasks[0]["Cơ quan được giao"] = agency
    errors = refused(tmp_path, role_users["canbo"], register)
    assert [(r, c) for r, c, _m in errors] == [(2, "Nhiệm vụ được giao: Cơ quan được giao")]
    assert words in errors[0][2]


def test_a_merged_agency_is_refused_after_its_merger(tmp_path, role_users):
    register = Register(
        rows=[
            register_row(
                1,
                datetime.date(2025, 5, 15),
                "Vi Thị Dung",
                "020170000004",
                "Thị trấn Lộc Bình",
                "Huyện Lộc Bình",
                "KN",
                "Khiếu nại",
                1,
                False,
            )
        ],
        notices=[
            {
                "Số thông báo": "07/TB-UBND",
                "Ngày ban hành": datetime.date(2025, 5, 22),
                "Ngày tiếp": datetime.date(2025, 5, 15),
                "Loại kỳ tiếp": "định kỳ",
                "Người ký": "Hồ Tiến Thiệu",
            }
        ],
    )
    add_task(register, register.rows[0], "07/TB-UBND", datetime.date(2025, 5, 22), 2025)
    register.tasks[0]["Cơ quan được giao"] = "STNMT"  # by its code
    errors = refused(tmp_path, role_users["canbo"], register)
    assert errors == [
        (
            2,
            "Nhiệm vụ được giao: Cơ quan được giao",
            "Sở Tài nguyên và Môi trường không còn vào ngày 22/05/2025 (hoạt động đến 28/02/2025).",
        )
    ]


def test_every_error_of_a_file_is_listed_at_once(tmp_path, role_users):
    register = small_register()
    register.rows[0]["Hình thức tiếp"] = "qua điện thoại"
    register.rows[1]["Ngày tiếp"] = "hôm qua"
    register.rows[2]["Loại đơn (KN/TC/KN/PA)"] = "XX"
    errors = refused(tmp_path, role_users["canbo"], register)
    assert [(r, c) for r, c, _m in errors] == [
        (3, "Hình thức tiếp"),
        (4, "Ngày tiếp"),
        (5, "Loại đơn (KN/TC/KN/PA)"),
    ]


def test_a_file_without_the_register_columns_is_refused(tmp_path, role_users):
    from openpyxl import Workbook

    book = Workbook()
    book.active.append(["STT", "Ngày tiếp", "Họ tên"])
    book.save(tmp_path / "so.xlsx")
    result = import_history(tmp_path / "so.xlsx", by=role_users["canbo"], commit=True)
    assert result.errors == [
        (
            1,
            "",
            "Thiếu cột: Nội dung đơn, Loại đơn (KN/TC/KN/PA), Loại kỳ tiếp, Hình thức tiếp, "
            "Xã, phường, thị trấn nơi cư trú",
        )
    ]
