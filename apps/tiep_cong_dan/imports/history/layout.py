"""The layout of a register of past years: the Board's own "Sổ tiếp công dân" (form
03/TCD of Decree 154/2026, its 13 columns in the form's order and wording), the
columns the Board keeps beside it, and two further sheets (result notices, and the
tasks they assigned). docs/history-import.md explains every column; the template
(template.py) is made from these lists, so the three never disagree."""

import re
from dataclasses import dataclass

from ...doctype.admin_unit.services import fold
from ...doctype.petition.constants import AcceptanceOutcome, PetitionKind
from ...doctype.reception_session.constants import AdHocGround, HearingMode, SessionKind
from ...doctype.result_notice.constants import AssignmentState


@dataclass(frozen=True)
class Column:
    header: str  # as the form writes it
    key: str
    required: bool
    explains: str  # Vietnamese, for the template's notes and the docs
    aliases: tuple[str, ...] = ()


@dataclass(frozen=True)
class Sheet:
    title: str
    columns: tuple[Column, ...]

    def header(self, key: str) -> str:
        return next(c.header for c in self.columns if c.key == key)


REGISTER = Sheet(
    "Sổ tiếp công dân",
    (
        # -- form 03/TCD, columns (1) to (13) ------------------------------------
        Column("STT", "stt", True, "(1) Số thứ tự của dòng trong sổ; không trùng nhau."),
        Column(
            "Ngày tiếp",
            "date",
            True,
            "(2) Ngày tiếp công dân (dd/mm/yyyy hoặc ô kiểu ngày); không được sau hôm nay.",
        ),
        Column(
            "Họ tên, địa chỉ",
            "name_address",
            True,
            "(3) Họ tên công dân, dấu phẩy, rồi địa chỉ (ví dụ: Hoàng Văn An, thôn Nà "
            "Làng). Với đoàn đông người: người đại diện.",
            ("họ tên",),
        ),
        Column(
            "CCCD/CMND/Hộ chiếu",
            "id_number",
            False,
            "(4) Số CCCD (12 chữ số), CMND (9 chữ số) hoặc hộ chiếu; công dân đã có trong "
            "hệ thống với số này được dùng lại.",
            ("cccd", "số giấy tờ"),
        ),
        Column("Nội dung đơn", "content", True, "(5) Tóm tắt nội dung vụ việc.", ("nội dung",)),
        Column(
            "Loại đơn (KN/TC/KN/PA)",
            "kind",
            True,
            "(6) KN hoặc Khiếu nại; TC hoặc Tố cáo; KNg hoặc Kiến nghị; PA hoặc Phản ánh.",
            ("loại đơn",),
        ),
        Column(
            "Số người cùng nội dung",
            "people",
            False,
            "(7) Số công dân có đơn cùng một nội dung (mặc định 1).",
            ("số người",),
        ),
        Column(
            "Cơ quan đã giải quyết",
            "earlier",
            False,
            "(8) Cơ quan, tổ chức, đơn vị đã giải quyết hết thẩm quyền.",
        ),
        Column(
            "Thuộc thẩm quyền (x)",
            "jurisdiction",
            False,
            "(9) Đánh dấu x nếu thuộc thẩm quyền giải quyết của Chủ tịch UBND tỉnh.",
            ("thuộc thẩm quyền",),
        ),
        Column(
            "Hướng dẫn công dân đến cơ quan có thẩm quyền",
            "guidance",
            False,
            "(10) Cơ quan được hướng dẫn đến và số văn bản hướng dẫn (ghi vào hồ sơ đơn).",
        ),
        Column(
            "Cơ quan, đơn vị thụ lý",
            "handled_by",
            False,
            "(11) Cơ quan có thẩm quyền thụ lý và số văn bản chuyển đơn (ghi vào hồ sơ đơn).",
        ),
        Column(
            "Theo dõi kết quả giải quyết",
            "follow_up",
            False,
            "(12) Ghi chép theo dõi quá trình, kết quả giải quyết (ghi vào hồ sơ đơn).",
        ),
        Column("Ghi chú", "note", False, "(13) Ghi chú (ghi vào hồ sơ đơn)."),
        # -- the Board's columns beside the form ---------------------------------
        Column(
            "Loại kỳ tiếp",
            "session_kind",
            True,
            "định kỳ, đột xuất hoặc theo yêu cầu Trung ương. Các dòng cùng ngày tiếp và "
            "cùng loại kỳ tiếp là một kỳ (cuộc) tiếp.",
        ),
        Column(
            "Hình thức tiếp",
            "mode",
            True,
            "trực tiếp (tại Trụ sở) hoặc trực tuyến (công dân ở điểm cầu của xã).",
        ),
        Column(
            "Xã, phường, thị trấn nơi cư trú",
            "commune",
            True,
            "Đơn vị hành chính cấp xã nơi công dân cư trú vào ngày tiếp, ghi theo tên của "
            "thời kỳ đó (có hoặc không có chữ Xã/Phường/Thị trấn; dấu, hoa thường tùy ý).",
        ),
        Column(
            "Huyện, thành phố nơi cư trú",
            "district",
            False,
            "Huyện, thành phố của xã đó: bắt buộc với ngày tiếp trước 01/07/2025, để trống "
            "từ 01/07/2025 (không còn cấp huyện).",
        ),
        Column(
            "Đoàn đông người (x)",
            "group",
            False,
            "Đánh dấu x nếu lượt tiếp là đoàn đông người (theo sổ của Ban; khác với cột 7).",
            ("đoàn đông người",),
        ),
        Column(
            "Số công dân có mặt",
            "attending",
            False,
            "Số lượt công dân có mặt ở lượt tiếp (dùng để đếm lượt công dân).",
        ),
        Column(
            "Kết quả tiếp",
            "outcome",
            False,
            "Đã tiếp (mặc định); Kết thúc (vụ việc đã kết thúc sau thông báo kết quả); "
            "Rút đơn (công dân rút đơn sau khi được tiếp).",
        ),
        Column(
            "Kết luận",
            "conclusion",
            False,
            "Kết luận của người chủ trì tại lượt tiếp; bắt buộc với dòng có thông báo kết "
            "quả (trang Thông báo kết quả).",
            ("kết luận của chủ tịch",),
        ),
        Column(
            "Ngày nhận đơn",
            "registered",
            False,
            "Ngày Ban nhận đơn đăng ký (mặc định: ngày tiếp); không sau ngày tiếp.",
        ),
        Column(
            "Căn cứ tiếp đột xuất",
            "ground",
            False,
            "Với kỳ tiếp đột xuất, bắt buộc: a (khoản 3 Điều 18 Luật Tiếp công dân, điểm "
            "a: vụ việc phức tạp, nhiều người…) hoặc b (điểm b: có thể gây hậu quả "
            "nghiêm trọng).",
        ),
        Column(
            "Thông báo thụ lý (Điều 28)",
            "art28",
            False,
            "Nếu đã thông báo cho công dân theo Điều 28 Luật Tiếp công dân: thụ lý, gia "
            "hạn hoặc không thụ lý.",
        ),
        Column(
            "Ngày thông báo thụ lý",
            "art28_date",
            False,
            "Ngày thông báo đó: bắt buộc khi có cột trước; từ ngày nhận đơn đến ngày tiếp.",
        ),
        Column(
            "Người chủ trì",
            "presiding",
            False,
            "Người chủ trì kỳ tiếp (mặc định: Chủ tịch UBND tỉnh); các dòng của một kỳ "
            "ghi giống nhau.",
        ),
    ),
)

NOTICES = Sheet(
    "Thông báo kết quả",
    (
        Column(
            "Số thông báo",
            "number",
            True,
            "Số của Thông báo kết quả tiếp công dân, ví dụ 05/TB-UBND; không trùng với "
            "thông báo đã có cùng năm.",
        ),
        Column("Ngày ban hành", "date", True, "Ngày ký ban hành; từ ngày tiếp đến hôm nay."),
        Column(
            "Ngày tiếp",
            "session_date",
            True,
            "Ngày của kỳ tiếp mà thông báo kết luận (phải có trong trang Sổ tiếp công dân).",
        ),
        Column("Loại kỳ tiếp", "session_kind", True, "Loại của kỳ tiếp đó, như trong sổ."),
        Column("Người ký", "signer", True, "Họ tên người ký."),
        Column(
            "Chức vụ người ký",
            "signer_title",
            False,
            "Ví dụ: Chủ tịch; Phó Chủ tịch (mặc định: Chủ tịch).",
        ),
        Column(
            "Các dòng của sổ (STT)",
            "rows",
            False,
            "Số thứ tự các dòng của sổ mà thông báo kết luận, ví dụ 1, 2, 5-9 (mặc định: "
            "mọi dòng của kỳ tiếp có kết luận).",
        ),
        Column("Nơi nhận", "recipients", False, "Nơi nhận của thông báo."),
    ),
)

TASKS = Sheet(
    "Nhiệm vụ được giao",
    (
        Column(
            "Số thông báo", "notice", True, "Số thông báo giao nhiệm vụ (trang Thông báo kết quả)."
        ),
        Column("Ngày thông báo", "notice_date", True, "Ngày ban hành của thông báo đó."),
        Column(
            "STT dòng sổ",
            "stt",
            True,
            "Số thứ tự dòng của sổ (vụ việc) mà nhiệm vụ thuộc về; dòng đó phải được "
            "thông báo kết luận.",
        ),
        Column(
            "Cơ quan được giao",
            "agency",
            True,
            "Tên hoặc mã cơ quan trong danh mục (ví dụ Sở Tài nguyên và Môi trường, STNMT, "
            "UBND huyện Lộc Bình); phải đang tồn tại vào ngày ban hành thông báo.",
        ),
        Column("Nhiệm vụ", "task", True, "Nội dung nhiệm vụ được giao."),
        Column("Thời hạn", "deadline", True, "Hạn hoàn thành (ngày)."),
        Column(
            "Trạng thái",
            "status",
            True,
            "đang thực hiện; đã báo cáo; đã hoàn thành; trả lại (đã báo cáo nhưng bị trả "
            "lại); hủy.",
        ),
        Column(
            "Ngày báo cáo",
            "reported",
            False,
            "Ngày cơ quan báo cáo kết quả (với trạng thái hủy: ngày hủy); bắt buộc trừ khi "
            "đang thực hiện; từ ngày ban hành đến hôm nay.",
        ),
        Column("Nội dung báo cáo", "report", False, "Tóm tắt báo cáo của cơ quan."),
    ),
)

SHEETS = (REGISTER, NOTICES, TASKS)

# -- vocabularies (folded text -> code) ----------------------------------------
SESSION_KINDS = {
    "dinh ky": SessionKind.PERIODIC,
    "dot xuat": SessionKind.AD_HOC,
    "theo yeu cau trung uong": SessionKind.CENTRAL_REQUEST,
    "yeu cau trung uong": SessionKind.CENTRAL_REQUEST,
}
MODES = {"truc tiep": HearingMode.IN_PERSON, "truc tuyen": HearingMode.ONLINE}
KINDS = {
    "kn": PetitionKind.COMPLAINT,
    "khieu nai": PetitionKind.COMPLAINT,
    "tc": PetitionKind.DENUNCIATION,
    "to cao": PetitionKind.DENUNCIATION,
    "kng": PetitionKind.RECOMMENDATION,
    "kien nghi": PetitionKind.RECOMMENDATION,
    "pa": PetitionKind.FEEDBACK,
    "phan anh": PetitionKind.FEEDBACK,
}
GROUNDS = {"a": AdHocGround.A, "b": AdHocGround.B}
ACCEPTANCE = {
    "thu ly": AcceptanceOutcome.ACCEPTED,
    "gia han": AcceptanceOutcome.EXTENDED,
    "khong thu ly": AcceptanceOutcome.REJECTED,
}
HEARD, CLOSED, WITHDRAWN = "heard", "closed", "withdrawn"
OUTCOMES = {"da tiep": HEARD, "ket thuc": CLOSED, "rut don": WITHDRAWN}
STATUSES = {
    "dang thuc hien": AssignmentState.OPEN,
    "da bao cao": AssignmentState.REPORTED,
    "da hoan thanh": AssignmentState.ACCEPTED,
    "tra lai": AssignmentState.RETURNED,
    "huy": AssignmentState.CANCELLED,
}


def _bare(text: str) -> str:
    """A header as compared: folded, without what is in brackets ("Loại đơn
    (KN/TC/KN/PA)" -> "loai don")."""
    return fold(re.sub(r"\([^)]*\)", " ", str(text or "")))


def match_header(sheet: Sheet, values) -> dict[str, int]:
    """Column key -> index, for the headers of `sheet` found in `values`."""
    wanted = {}
    for column in sheet.columns:
        for text in (column.header, *column.aliases):
            wanted.setdefault(_bare(text), column.key)
    found: dict[str, int] = {}
    for index, text in enumerate(values):
        key = wanted.get(_bare(text))
        if key and key not in found:
            found[key] = index
    return found


def sheet_kind(title: str) -> Sheet | None:
    folded = fold(title)
    for sheet in SHEETS:
        if folded == fold(sheet.title):
            return sheet
    return None
