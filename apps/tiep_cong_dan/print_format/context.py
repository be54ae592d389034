"""One context builder per document: exactly the data it prints, as plain values, and
only what the viewer may see (a denouncer's identity is redacted for the others)."""

import datetime

from ..access.rules import rule_for
from ..doctype.petition.models import Petition

PLACE = "Lạng Sơn"
ISSUER = "ỦY BAN NHÂN DÂN TỈNH LẠNG SƠN"
FILING_LINE = "- Lưu: VT, BTCD."
REDACTED = "Người tố cáo (thông tin được bảo mật)"


def date_line(day: datetime.date, place: str = PLACE) -> str:
    """Decree 30/2020, Appendix I: days below 10 and months 1 and 2 take a leading zero
    ("ngày 05 tháng 01 năm 2026", "ngày 20 tháng 3 năm 2026")."""
    month = f"{day.month:02d}" if day.month <= 2 else str(day.month)
    return f"{place}, ngày {day.day:02d} tháng {month} năm {day.year}"


def signature_block(title: str, name: str) -> dict:
    """A deputy signs "KT. CHỦ TỊCH / PHÓ CHỦ TỊCH"; the Chairman signs as such."""
    title = (title or "Chủ tịch").strip()
    if title.lower().startswith("phó"):
        return {"capacity": "KT. CHỦ TỊCH", "title": title.upper(), "name": name}
    return {"capacity": "", "title": "CHỦ TỊCH", "name": name}


def recipients(text: str) -> list[str]:
    lines = [f"- {line.strip().lstrip('-').strip()}" for line in text.splitlines() if line.strip()]
    lines = [line for line in lines if line.rstrip(".") != FILING_LINE.rstrip(".")]
    return [*lines, FILING_LINE]


def _person(petition: Petition, user) -> str:
    if user is not None and not rule_for(Petition).identity_visible(user, petition):
        return REDACTED
    unit = petition.residence_unit
    return f"Ông/Bà {petition.citizen.full_name}, trú tại {unit}"


def result_notice_context(notice, user=None) -> dict:
    """The Result Notice (Thông báo kết quả tiếp công dân). `user` None is the Board's
    own full copy; any other viewer gets the copy their rule allows."""
    session = notice.session
    hearings = []
    for conclusion in notice.conclusions.select_related(
        "petition__citizen", "petition__residence_unit"
    ).order_by("petition__registration_year", "petition__registration_seq"):
        petition = conclusion.petition
        hearings.append(
            {
                "heading": f"{_person(petition, user)} (đơn số {petition.registration_number})",
                "summary": f"Nội dung: {petition.summary}.",
                "conclusion": conclusion.text,
                "assignments": [
                    {
                        "agency": a.agency.name,
                        "task": a.task,
                        "deadline": a.deadline.strftime("%d/%m/%Y")
                        if a.deadline
                        else (f"{a.working_days} ngày làm việc" if a.working_days else ""),
                    }
                    for a in notice.assignments.filter(petition=petition).select_related("agency")
                ],
            }
        )
    online = session.agenda_items.filter(mode="online").exists()
    where = (
        session.host_bridge_point.name if session.host_bridge_point else "Trụ sở Tiếp công dân tỉnh"
    )
    return {
        "draft": notice.state not in ("issued", "distributed"),
        "issuer_parent": "",
        "issuer": ISSUER,
        "number": notice.number or "      /TB-UBND",
        "place_date": date_line(notice.issued_date or datetime.date.today()),
        "title": "THÔNG BÁO",
        "subject": (
            f"Kết quả tiếp công dân {session.get_kind_display().lower()} của Chủ tịch "
            f"UBND tỉnh ngày {session.date:%d/%m/%Y}"
        ),
        "opening": (
            f"Ngày {session.date:%d/%m/%Y}, tại {where}, đồng chí {session.presiding_official} "
            f"đã chủ trì tiếp công dân{' theo hình thức trực tuyến' if online else ''}. Sau khi "
            "nghe công dân trình bày và ý kiến của các cơ quan có liên quan, Chủ tịch UBND tỉnh "
            "kết luận như sau:"
        ),
        "hearings": hearings,
        "closing": (
            "Ủy ban nhân dân tỉnh thông báo để các cơ quan, đơn vị và công dân có liên quan "
            "biết, thực hiện./."
        ),
        "signature": signature_block(notice.signer_title, notice.signer_name),
        "recipients": recipients(notice.recipients),
    }
