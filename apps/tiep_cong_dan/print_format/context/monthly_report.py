"""The layout of the Chairman's monthly report on online reception, with the counts the
register already gives. Its analysis, comparisons and scheduled sending belong to the
reporting module; this builder gathers only what the layout prints."""

import calendar
import datetime

from django.db.models import Count, Q

from ...doctype.petition.constants import PetitionKind
from ...doctype.reception_session.models import AgendaItem, ReceptionSession
from ...doctype.result_notice.constants import OPEN_ASSIGNMENT_STATES
from ...doctype.result_notice.models import Assignment, ResultNotice
from ...workflow.models import WorkflowEvent
from .common import (
    board_frame,
    board_head_signature,
    date_line,
    dmy,
    recipients,
    visible_petitions,
)


def month_bounds(year: int, month: int) -> tuple[datetime.date, datetime.date]:
    return datetime.date(year, month, 1), datetime.date(
        year, month, calendar.monthrange(year, month)[1]
    )


def _steps(action: str, start, end, petitions) -> int:
    return (
        WorkflowEvent.objects.filter(
            doctype="petition", action=action, at__date__range=(start, end)
        )
        .filter(object_id__in=petitions.values("pk"))
        .count()
    )


def monthly_report_context(user, year: int, month: int) -> dict:
    start, end = month_bounds(year, month)
    petitions = visible_petitions(user)
    received = petitions.filter(received_date__range=(start, end))
    by_kind = received.aggregate(
        **{kind.value: Count("pk", filter=Q(kind=kind)) for kind in PetitionKind}
    )
    hearings = AgendaItem.objects.filter(
        session__date__range=(start, end), heard=True, petition__in=petitions
    )
    sessions = ReceptionSession.objects.filter(
        date__range=(start, end), state__in=("held", "closed", "in_person")
    ).order_by("date")
    notices = ResultNotice.objects.filter(issued_date__range=(start, end))
    assignments = Assignment.objects.filter(petition__in=petitions)
    open_tasks = assignments.filter(state__in=OPEN_ASSIGNMENT_STATES)
    figures = [
        ("Số đơn tiếp nhận trong tháng", received.count()),
        ("- Khiếu nại", by_kind["complaint"]),
        ("- Tố cáo", by_kind["denunciation"]),
        ("- Kiến nghị", by_kind["recommendation"]),
        ("- Phản ánh", by_kind["feedback"]),
        ("Số vụ việc được đề xuất tiếp trực tuyến", _steps("propose", start, end, petitions)),
        ("Số vụ việc Chủ tịch UBND tỉnh đồng ý tiếp", _steps("approve", start, end, petitions)),
        (
            "Số vụ việc không đề xuất, đã trả lời bằng văn bản",
            _steps("issue_reply", start, end, petitions),
        ),
        ("Số phiên tiếp công dân đã tổ chức", sessions.count()),
        ("Số lượt công dân được Chủ tịch UBND tỉnh tiếp", hearings.count()),
        ("- Trong đó tiếp trực tuyến", hearings.filter(mode="online").count()),
        ("Số thông báo kết quả tiếp công dân đã ban hành", notices.count()),
        ("Số nhiệm vụ giao trong tháng", assignments.filter(notice__in=notices).count()),
        ("Số nhiệm vụ đang thực hiện (lũy kế)", open_tasks.count()),
        ("- Trong đó quá hạn", open_tasks.filter(deadline__lt=end).count()),
    ]
    # Scheme V.2: each month the Board reports to the Chairman and sends the report to
    # the agencies concerned.
    return board_frame(
        draft=True,  # the report is signed on paper; the system prints the draft to sign
        number="      /BC-BTCD",
        addressee="Chủ tịch Ủy ban nhân dân tỉnh",
        place_date=date_line(min(end + datetime.timedelta(days=1), datetime.date.today())),
        title="BÁO CÁO",
        subject=(
            f"Kết quả tiếp công dân trực tuyến của Chủ tịch UBND tỉnh tháng {month:02d} năm {year}"
        ),
        period={"from": dmy(start), "to": dmy(end), "month": f"{month:02d}/{year}"},
        figures=[{"label": label, "value": value} for label, value in figures],
        sessions=[
            {
                "date": dmy(s.date),
                "kind": s.get_kind_display(),
                "hearings": s.agenda_items.filter(heard=True).count(),
            }
            for s in sessions
        ],
        signature=board_head_signature(),
        recipients=recipients(
            ["Như trên;", "Các PCT UBND tỉnh;", "Các cơ quan, đơn vị liên quan (để phối hợp);"]
        ),
    )
