"""The Result Notice (Thông báo kết quả tiếp công dân), issued by the provincial People's
Committee and signed by the Chairman or a deputy."""

import datetime

from .common import addressed, date_line, frame, recipients, signature_block


def _deadline(a) -> str:
    if a.deadline:
        return a.deadline.strftime("%d/%m/%Y")
    return f"{a.working_days} ngày làm việc" if a.working_days else ""


def result_notice_context(notice, user=None) -> dict:
    """`user` None is the Board's own full copy; any other viewer gets the copy their
    rule allows."""
    session = notice.session
    hearings = []
    for conclusion in notice.conclusions.select_related(
        "petition__citizen__residence_unit", "petition__residence_unit"
    ).order_by("petition__registration_year", "petition__registration_seq"):
        petition = conclusion.petition
        hearings.append(
            {
                "heading": f"{addressed(petition.citizen, petition, user)} "
                f"(đơn số {petition.registration_number})",
                "summary": f"Nội dung: {petition.summary}.",
                "conclusion": conclusion.text,
                "assignments": [
                    {"agency": a.agency.name, "task": a.task, "deadline": _deadline(a)}
                    for a in notice.assignments.filter(petition=petition).select_related("agency")
                ],
            }
        )
    online = session.agenda_items.filter(mode="online").exists()
    where = (
        session.host_bridge_point.name if session.host_bridge_point else "Trụ sở Tiếp công dân tỉnh"
    )
    return frame(
        draft=notice.state not in ("issued", "distributed"),
        number=notice.number or "      /TB-UBND",
        place_date=date_line(notice.issued_date or datetime.date.today()),
        title="THÔNG BÁO",
        subject=(
            f"Kết quả tiếp công dân {session.get_kind_display().lower()} của Chủ tịch "
            f"UBND tỉnh ngày {session.date:%d/%m/%Y}"
        ),
        opening=(
            f"Ngày {session.date:%d/%m/%Y}, tại {where}, đồng chí {session.presiding_official} "
            f"đã chủ trì tiếp công dân{' theo hình thức trực tuyến' if online else ''}. Sau khi "
            "nghe công dân trình bày và ý kiến của các cơ quan có liên quan, Chủ tịch UBND tỉnh "
            "kết luận như sau:"
        ),
        hearings=hearings,
        closing=(
            "Ủy ban nhân dân tỉnh thông báo để các cơ quan, đơn vị và công dân có liên quan "
            "biết, thực hiện./."
        ),
        signature=signature_block(notice.signer_title, notice.signer_name),
        recipients=recipients(notice.recipients),
    )
