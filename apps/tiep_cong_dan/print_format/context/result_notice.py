"""The Result Notice (Thông báo kết quả tiếp công dân), issued by the provincial People's
Committee and signed by the Chairman or a deputy.

A reader gets the copy their rule allows: every hearing for those who may see every
case in it (denouncers masked unless they are cleared), else the extract of their own
hearings: those whose petition the petition rule lets them see (a commune's or a
district's cases, a department's cases it is concerned with) and those in which the
assignment rule shows them a task (an agency told to act on a case), each with only the
tasks the reader may see."""

import datetime

from django.db.models import Q, QuerySet

from ...access.rules import rule_for
from ...doctype.petition.models import Petition
from ...doctype.result_notice.constants import ISSUED_STATES
from ...doctype.result_notice.models import Assignment
from .common import (
    OUTSIDE_READER,
    addressed,
    date_line,
    frame,
    readable_petitions,
    recipients,
    signature_block,
)


def _whole(user) -> bool:
    return user is None or user == OUTSIDE_READER


def notice_petitions_shown(notice, user) -> QuerySet:
    """The petitions of `notice` whose hearings `user`'s copy shows."""
    petitions = Petition.objects.filter(conclusions__notice=notice)
    if _whole(user):
        return petitions
    tasks = rule_for(Assignment).queryset(user, notice.assignments.all()).values("petition_id")
    return petitions.filter(Q(pk__in=readable_petitions(user).values("pk")) | Q(pk__in=tasks))


def notice_tasks_left_out(notice, user) -> list[int]:
    """The tasks of the hearings `user`'s copy shows that it leaves out: another agency's
    task in a hearing the reader sees only through its own."""
    if _whole(user):
        return []
    tasks = notice.assignments.filter(
        petition__in=notice_petitions_shown(notice, user).values("pk")
    )
    seen = rule_for(Assignment).queryset(user, tasks).values("pk")
    return sorted(tasks.exclude(pk__in=seen).values_list("pk", flat=True))


def _tasks(notice, petition, user) -> QuerySet:
    tasks = notice.assignments.filter(petition=petition).select_related("agency")
    return tasks if _whole(user) else rule_for(Assignment).queryset(user, tasks)


def _deadline(a) -> str:
    if a.deadline:
        return a.deadline.strftime("%d/%m/%Y")
    return f"{a.working_days} ngày làm việc" if a.working_days else ""


def replaces_line(notice) -> str:
    """A correction says which notice it replaces (in the closing paragraph, so a print
    format edited in the desk says it too)."""
    earlier = notice.replaces
    if earlier is None:
        return ""
    issued = f" ngày {earlier.issued_date:%d/%m/%Y}" if earlier.issued_date else ""
    return (
        f"Thông báo này thay thế Thông báo số {earlier.number}{issued} của Ủy ban nhân dân "
        "tỉnh; các nội dung, nhiệm vụ tại thông báo được thay thế không còn hiệu lực. "
    )


def notice_signature(notice) -> dict:
    """Who signs: the notice's recorded signer's title; until one is recorded, the
    session's presiding official (recorded as "Hồ Tiến Thiệu, Chủ tịch UBND tỉnh" or
    "Phó Chủ tịch UBND tỉnh Đoàn Thu Hà")."""
    position = notice.signer_title or notice.session.presiding_official
    return signature_block(position, notice.signer_name)


def result_notice_context(notice, user=None) -> dict:
    """`user` None is the Board's own full copy; any other viewer gets the copy their
    rule allows."""
    session = notice.session
    hearings = []
    conclusions = notice.conclusions.select_related(
        "petition__citizen__residence_unit", "petition__residence_unit"
    ).order_by("petition__registration_year", "petition__registration_seq")
    shown = conclusions.filter(petition__in=notice_petitions_shown(notice, user).values("pk"))
    for conclusion in shown:
        petition = conclusion.petition
        hearings.append(
            {
                "heading": f"{addressed(petition.citizen, petition, user)} "
                f"(đơn số {petition.registration_number})",
                "summary": f"Nội dung: {petition.summary}.",
                "conclusion": conclusion.text,
                "assignments": [
                    {"agency": a.agency.name, "task": a.task, "deadline": _deadline(a)}
                    for a in _tasks(notice, petition, user)
                ],
            }
        )
    online = session.agenda_items.filter(mode="online").exists()
    where = (
        session.host_bridge_point.name if session.host_bridge_point else "Trụ sở Tiếp công dân tỉnh"
    )
    return frame(
        draft=notice.state not in ISSUED_STATES,
        number=notice.number or "      /TB-UBND",
        place_date=date_line(notice.issued_date or datetime.date.today()),
        title="THÔNG BÁO",
        # Fewer hearings or tasks than the notice has: the reader's extract, said so.
        extract=len(hearings) < conclusions.count() or bool(notice_tasks_left_out(notice, user)),
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
        closing=replaces_line(notice)
        + (
            "Ủy ban nhân dân tỉnh thông báo để các cơ quan, đơn vị và công dân có liên quan "
            "biết, thực hiện./."
        ),
        signature=notice_signature(notice),
        recipients=recipients(notice.recipients),
    )


def citizen_extract_context(conclusion) -> dict:
    """The extract of an issued Result Notice a citizen downloads from the public
    lookup: the notice's number and date, the session, and only the conclusion and the
    tasks concerning their own petition. No name (the reader is the petitioner), no
    other case, no agency's report."""
    notice, petition = conclusion.notice, conclusion.petition
    session = notice.session
    tasks = (
        Assignment.objects.filter(notice=notice, petition=petition)
        .exclude(state="cancelled")
        .select_related("agency")
        .order_by("id")
    )
    return frame(
        number=notice.number,
        place_date=date_line(notice.issued_date or datetime.date.today()),
        title="TRÍCH THÔNG BÁO",
        subject=(
            f"Kết quả tiếp công dân của Chủ tịch UBND tỉnh ngày {session.date:%d/%m/%Y} "
            f"đối với đơn số {petition.registration_number}"
        ),
        case_number=petition.registration_number,
        conclusion=conclusion.text,
        replaces=replaces_line(notice).strip(),
        assignments=[
            {"agency": a.agency.name, "task": a.task, "deadline": _deadline(a)} for a in tasks
        ],
        signature=notice_signature(notice),
        # The extract goes to the petitioner alone; the filing line is the notice's.
        recipients=recipients([f"Công dân có đơn số {petition.registration_number};"]),
    )
