"""A register of past years in the documented layout (docs/history-import.md) that
reproduces the scheme's published figures (../shared/mission, section I.2), for the
tests of the import and of the reports built on it.

2023: 12 periodic sessions, 169 hearings, 210 citizen attendances, 11 group hearings
with 51 citizens; citizens by area Thành phố 136, Lộc Bình 43, Hữu Lũng 13, Cao Lộc
11, Chi Lăng 5, Tràng Định 2; two ad hoc sessions with 40 citizens, of Xã Hòa Thắng
and Xã Sơn Hà, Hữu Lũng. Every 2023 hearing was in person.

January-October 2024: 10 periodic sessions, 144 hearings, 171 attendances, 7 group
hearings with 35 citizens; Thành phố 117, Lộc Bình 34, Cao Lộc 15, and the other 5 in
Hữu Lũng (2), Chi Lăng, Đình Lập and Văn Quan (1 each); one ad hoc session with 45
citizens of Xã Lâm Ca, Đình Lập. The published figures leave 137 hearings outside
groups for 136 citizens: one hearing heard a lawyer for a citizen who did not come,
recorded with 0 citizens attending.

Only openpyxl is used here (no model), so any test, benchmark or script can build one.
The headers are written as the documentation gives them, not taken from the code.
"""

import datetime
import random
from dataclasses import dataclass, field
from pathlib import Path

from openpyxl import Workbook

REGISTER = "Sổ tiếp công dân"
NOTICES = "Thông báo kết quả"
TASKS = "Nhiệm vụ được giao"
FORM_HEADERS = [
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
BOARD_HEADERS = [
    "Loại kỳ tiếp",
    "Hình thức tiếp",
    "Xã, phường, thị trấn nơi cư trú",
    "Huyện, thành phố nơi cư trú",
    "Đoàn đông người (x)",
    "Số công dân có mặt",
    "Kết quả tiếp",
    "Kết luận",
    "Ngày nhận đơn",
    "Căn cứ tiếp đột xuất",
    "Thông báo thụ lý (Điều 28)",
    "Ngày thông báo thụ lý",
    "Người chủ trì",
]
REGISTER_HEADERS = FORM_HEADERS + BOARD_HEADERS
NOTICE_HEADERS = [
    "Số thông báo",
    "Ngày ban hành",
    "Ngày tiếp",
    "Loại kỳ tiếp",
    "Người ký",
    "Chức vụ người ký",
    "Các dòng của sổ (STT)",
    "Nơi nhận",
]
TASK_HEADERS = [
    "Số thông báo",
    "Ngày thông báo",
    "STT dòng sổ",
    "Cơ quan được giao",
    "Nhiệm vụ",
    "Thời hạn",
    "Trạng thái",
    "Ngày báo cáo",
    "Nội dung báo cáo",
]

TP, LB, HL, CAO, CHI, TD, DL, VQ = (
    "Thành phố Lạng Sơn",
    "Huyện Lộc Bình",
    "Huyện Hữu Lũng",
    "Huyện Cao Lộc",
    "Huyện Chi Lăng",
    "Huyện Tràng Định",
    "Huyện Đình Lập",
    "Huyện Văn Quan",
)
# Communes that kept their name and ground through 2023-2024 (none merged on
# 2024-12-01), so the rows read the same whatever eras the units carry.
COMMUNES = {
    TP: [
        "Phường Hoàng Văn Thụ",
        "Phường Tam Thanh",
        "Phường Vĩnh Trại",
        "Phường Đông Kinh",
        "Xã Mai Pha",
    ],
    LB: ["Thị trấn Lộc Bình", "Thị trấn Na Dương", "Xã Mẫu Sơn", "Xã Khánh Xuân"],
    HL: ["Xã Hữu Liên", "Xã Yên Bình", "Xã Hòa Thắng", "Xã Yên Thịnh"],
    CAO: ["Thị trấn Cao Lộc", "Thị trấn Đồng Đăng", "Xã Bảo Lâm"],
    CHI: ["Thị trấn Đồng Mỏ", "Xã Vân An"],
    TD: ["Xã Khánh Long", "Xã Đoàn Kết"],
    DL: ["Thị trấn Đình Lập"],
    VQ: ["Thị trấn Văn Quan"],
}
# The committees that followed up a district's cases then, by name as officials write.
FOLLOWED_BY = {TP: "UBND thành phố Lạng Sơn", LB: "UBND huyện Lộc Bình"}
CHAIRMAN = "Hồ Tiến Thiệu"

SCHEME = {
    2023: {
        "periodic_sessions": 12,
        "hearings": 169,
        "citizens": 210,
        "group_hearings": 11,
        "group_citizens": 51,
        "areas": {TP: 136, LB: 43, HL: 13, CAO: 11, CHI: 5, TD: 2},
        "ad_hoc_sessions": 2,
        "ad_hoc_citizens": 40,
        "ad_hoc_places": ["Xã Hòa Thắng", "Xã Sơn Hà"],
    },
    2024: {
        "periodic_sessions": 10,
        "hearings": 144,
        "citizens": 171,
        "group_hearings": 7,
        "group_citizens": 35,
        "areas": {TP: 117, LB: 34, CAO: 15, HL: 2, CHI: 1, DL: 1, VQ: 1},
        "ad_hoc_sessions": 1,
        "ad_hoc_citizens": 45,
        "ad_hoc_places": ["Xã Lâm Ca"],
    },
}

# (district, citizens attending, group) per hearing of the periodic sessions.
_GROUPS = {
    2023: {TP: [5, 5, 5, 4, 4], LB: [5, 5, 5, 4], HL: [4], CAO: [5]},
    2024: {TP: [5, 5, 5, 5], LB: [5, 5], CAO: [5]},
}
_SINGLES = {
    2023: {TP: [1] * 111 + [2], LB: [1] * 24, HL: [1] * 9, CAO: [1] * 6, CHI: [1] * 5, TD: [1] * 2},
    2024: {
        TP: [1] * 97 + [0],
        LB: [1] * 24,
        CAO: [1] * 10,
        HL: [1] * 2,
        CHI: [1],
        DL: [1],
        VQ: [1],
    },
}
# (day, commune, district, citizens) of the ad hoc sessions (Law Art. 18(3)(a)).
AD_HOC = {
    2023: [
        (datetime.date(2023, 6, 8), "Xã Hòa Thắng", HL, 22),
        (datetime.date(2023, 9, 21), "Xã Sơn Hà", HL, 18),
    ],
    2024: [(datetime.date(2024, 8, 22), "Xã Lâm Ca", DL, 45)],
}
MONTHS = {2023: range(1, 13), 2024: range(1, 11)}
SON_HA_DAY = AD_HOC[2023][1][0]

SURNAMES = ["Hoàng", "Nông", "Lương", "Vi", "Lăng", "Hà", "Nguyễn", "Triệu", "Chu", "Dương"]
MIDDLE = ["Văn", "Thị", "Đức", "Minh", "Thanh", "Ngọc"]
GIVEN = [
    "An",
    "Bình",
    "Cường",
    "Dung",
    "Giang",
    "Hải",
    "Khánh",
    "Lan",
    "Mai",
    "Nam",
    "Phúc",
    "Quân",
]
SUBJECTS = [
    ("KN", "Khiếu nại quyết định thu hồi đất, bồi thường giải phóng mặt bằng"),
    ("KNg", "Kiến nghị cấp giấy chứng nhận quyền sử dụng đất"),
    ("PA", "Phản ánh ô nhiễm môi trường từ cơ sở chăn nuôi"),
    ("KN", "Khiếu nại việc giải quyết tranh chấp đất đai"),
    ("TC", "Tố cáo cán bộ địa chính xã nhận tiền trái quy định"),
    ("KNg", "Kiến nghị hỗ trợ tái định cư"),
]


def periodic_day(year: int, month: int) -> datetime.date:
    """The 15th, or the next weekday (the scheme's rule, weekends only here)."""
    day = datetime.date(year, month, 15)
    while day.weekday() >= 5:
        day += datetime.timedelta(days=1)
    return day


@dataclass
class Register:
    rows: list[dict] = field(default_factory=list)
    notices: list[dict] = field(default_factory=list)
    tasks: list[dict] = field(default_factory=list)


def _person(rnd: random.Random, n: int) -> tuple[str, str]:
    name = f"{rnd.choice(SURNAMES)} {rnd.choice(MIDDLE)} {rnd.choice(GIVEN)}"
    return name, f"0200{(60 + n % 30):02d}{n:06d}"


def _hearings(year: int) -> list[tuple[str, int, bool]]:
    spec = [(d, n, True) for d, sizes in _GROUPS[year].items() for n in sizes]
    spec += [(d, n, False) for d, sizes in _SINGLES[year].items() for n in sizes]
    random.Random(year).shuffle(spec)
    return spec


def scheme_year(year: int, register: Register, *, son_ha: bool = True, start: int = 1) -> None:
    """Add `year`'s rows, notices and tasks to `register` (row numbers from `start`)."""
    rnd = random.Random(year * 7)
    days = [periodic_day(year, m) for m in MONTHS[year]]
    hearings = _hearings(year)
    per = len(hearings) // len(days)
    extra = len(hearings) - per * len(days)
    stt, taken = start, 0
    sessions: list[tuple[datetime.date, str, list[dict]]] = []
    returning: dict[str, list] = {}  # earlier sessions' petitioners, by district
    for index, day in enumerate(days):
        count = per + (1 if index < extra else 0)
        rows, coming_back = [], []
        for district, attending, group in hearings[taken : taken + count]:
            commune = rnd.choice(COMMUNES[district])
            pool = returning.get(district, [])
            if pool and rnd.random() < 0.3:  # back at a later session, same home
                name, number, commune = pool.pop(0)
            else:
                name, number = _person(rnd, stt + year * 1000)
            kind, content = SUBJECTS[stt % len(SUBJECTS)]
            rows.append(
                register_row(
                    stt, day, name, number, commune, district, kind, content, attending, group
                )
            )
            if rnd.random() < 0.05 and stt % 10:
                coming_back.append((district, (name, number, commune)))
            stt += 1
        for district, person in coming_back:
            returning.setdefault(district, []).append(person)
        taken += count
        sessions.append((day, "định kỳ", rows))
    for day, commune, district, attending in AD_HOC[year]:
        if commune == "Xã Sơn Hà" and not son_ha:
            continue
        name, number = _person(rnd, stt + year * 1000)
        row = register_row(
            stt,
            day,
            name,
            number,
            commune,
            district,
            "KN",
            "Khiếu nại việc thu hồi đất làm dự án, nhiều hộ cùng nội dung",
            attending,
            True,
        )
        row.update(
            {
                "Loại kỳ tiếp": "đột xuất",
                "Căn cứ tiếp đột xuất": "a",
                "Số người cùng nội dung": attending,
            }
        )
        sessions.append((day, "đột xuất", [row]))
        stt += 1
    sessions.sort(key=lambda s: s[0])
    seq = len([n for n in register.notices if n["Ngày ban hành"].year == year])
    for day, kind, rows in sessions:
        register.rows += rows
        seq += 1
        number = f"{seq:02d}/TB-UBND"
        issued = day + datetime.timedelta(days=7)
        register.notices.append(
            {
                "Số thông báo": number,
                "Ngày ban hành": issued,
                "Ngày tiếp": day,
                "Loại kỳ tiếp": kind,
                "Người ký": CHAIRMAN,
                "Chức vụ người ký": "Chủ tịch",
                "Nơi nhận": "Các sở, ngành liên quan; UBND các huyện, thành phố; công dân có tên",
            }
        )
        for row in rows[::3]:
            add_task(register, row, number, issued, year)


def register_row(
    stt, day, name, number, commune, district, kind, content, attending, group
) -> dict:
    """One reception of a periodic session, heard in person, every column filled as the
    Board fills it (the 10th rows without an identity paper)."""
    agency = FOLLOWED_BY.get(district, "Sở Tài nguyên và Môi trường")
    registered = day - datetime.timedelta(days=20)
    return {
        "STT": stt,
        "Ngày tiếp": day,
        "Họ tên, địa chỉ": f"{name}, thôn Bản Chắt, {commune}",
        "CCCD/CMND/Hộ chiếu": number if stt % 10 else "",
        "Nội dung đơn": content,
        "Loại đơn (KN/TC/KN/PA)": kind,
        "Số người cùng nội dung": attending + 3 if group else max(attending, 1),
        "Cơ quan đã giải quyết": "UBND cấp huyện" if stt % 4 == 0 else "",
        "Thuộc thẩm quyền (x)": "x",
        "Ghi chú": "Người được ủy quyền (luật sư) trình bày; công dân không có mặt"
        if attending == 0
        else "",
        "Loại kỳ tiếp": "định kỳ",
        "Hình thức tiếp": "trực tiếp",
        "Xã, phường, thị trấn nơi cư trú": commune,
        "Huyện, thành phố nơi cư trú": district,
        "Đoàn đông người (x)": "x" if group else "",
        "Số công dân có mặt": attending,
        "Kết quả tiếp": "Đã tiếp",
        "Kết luận": f"Giao {agency} kiểm tra, giải quyết theo thẩm quyền, trả lời công dân.",
        "Ngày nhận đơn": registered,
        "Thông báo thụ lý (Điều 28)": "thụ lý",
        "Ngày thông báo thụ lý": registered + datetime.timedelta(days=5),
        "Người chủ trì": "Chủ tịch UBND tỉnh",
    }


def _agency(district: str, day: datetime.date) -> str:
    """Who followed a district's cases up on `day` (the land department was merged into
    Sở Nông nghiệp và Môi trường on 2025-03-01)."""
    if district in FOLLOWED_BY:
        return FOLLOWED_BY[district]
    if day < datetime.date(2025, 3, 1):
        return "Sở Tài nguyên và Môi trường"
    return "Sở Nông nghiệp và Môi trường"


def add_task(register: Register, row: dict, notice: str, issued: datetime.date, year: int) -> None:
    """A task of `notice` for `row`'s case: done (and the case closed) in 2023, every
    other one still open in later years."""
    district = row["Huyện, thành phố nơi cư trú"]
    deadline = issued + datetime.timedelta(days=30)
    done = year == 2023 or row["STT"] % 2 == 0
    register.tasks.append(
        {
            "Số thông báo": notice,
            "Ngày thông báo": issued,
            "STT dòng sổ": row["STT"],
            "Cơ quan được giao": _agency(district, issued),
            "Nhiệm vụ": f"Kiểm tra, giải quyết nội dung đơn của công dân (dòng {row['STT']}).",
            "Thời hạn": deadline,
            "Trạng thái": "đã hoàn thành" if done else "đang thực hiện",
            "Ngày báo cáo": deadline - datetime.timedelta(days=5) if done else None,
            "Nội dung báo cáo": "Đã kiểm tra, trả lời công dân bằng văn bản." if done else "",
        }
    )
    if done:
        row["Kết quả tiếp"] = "Kết thúc"


def scheme_register(
    path: Path, *, years: tuple[int, ...] = (2023, 2024), son_ha: bool = True
) -> Register:
    """The scheme's years, written to `path`; returns what was written."""
    register = Register()
    for year in years:
        scheme_year(year, register, son_ha=son_ha, start=len(register.rows) + 1)
    write_register(path, register)
    return register


def write_register(path: Path, register: Register) -> Path:
    """The three sheets: the register with the form's row of column numbers under its
    header, then the notices and the tasks."""
    book = Workbook()
    sheet = book.active
    sheet.title = REGISTER
    sheet.append(REGISTER_HEADERS)
    sheet.append([f"({i})" for i in range(1, len(FORM_HEADERS) + 1)])
    for row in register.rows:
        sheet.append([row.get(h) for h in REGISTER_HEADERS])
    for title, headers, rows in (
        (NOTICES, NOTICE_HEADERS, register.notices),
        (TASKS, TASK_HEADERS, register.tasks),
    ):
        extra = book.create_sheet(title)
        extra.append(headers)
        for row in rows:
            extra.append([row.get(h) for h in headers])
    book.save(path)
    return Path(path)


def volume_register(path: Path, rows: int = 5000, *, first_year: int = 2012) -> Register:
    """A register of `rows` hearings for timing: a periodic session every month from
    January of `first_year` until the hearings run out (about 30 a session, up to
    2025-06, before the two-level government), each with its notice and a task for
    every third hearing, petitioners from every district."""
    rnd = random.Random(rows)
    months = [(y, m) for y in range(first_year, 2026) for m in range(1, 13)][:162]
    per = -(-rows // len(months))
    register, stt, seq = Register(), 1, {}
    districts = list(COMMUNES)
    for year, month in months:
        if stt > rows:
            break
        day = periodic_day(year, month)
        session = []
        for _ in range(min(per, rows - stt + 1)):
            district = districts[stt % len(districts)]
            name, number = _person(rnd, stt)
            kind, content = SUBJECTS[stt % len(SUBJECTS)]
            group = stt % 15 == 0
            attending = 5 if group else 1
            commune = rnd.choice(COMMUNES[district])
            session.append(
                register_row(
                    stt, day, name, number, commune, district, kind, content, attending, group
                )
            )
            stt += 1
        register.rows += session
        seq[year] = seq.get(year, 0) + 1
        notice, issued = f"{seq[year]:02d}/TB-UBND", day + datetime.timedelta(days=7)
        register.notices.append(
            {
                "Số thông báo": notice,
                "Ngày ban hành": issued,
                "Ngày tiếp": day,
                "Loại kỳ tiếp": "định kỳ",
                "Người ký": CHAIRMAN,
            }
        )
        for row in session[::3]:
            add_task(register, row, notice, issued, 2023)
    write_register(path, register)
    return register
