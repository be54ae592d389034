"""The petition as its citizen follows it on the public lookup: found by its
registration number and private code, told in plain Vietnamese from the case's own
workflow events, its sessions, its conclusion and its tasks, and nothing else.

What is never shown: another case or person, an officer's name (titles only), a
comment or internal remark, an agency's report. For a denunciation only the steps and
their dates (no summary, no place or time of the session, no agency, no conclusion):
the code may be read on a shared phone, and the person denounced must learn nothing
from it (Law on Denunciation 2018 Art. 47 protects the denouncer)."""

import datetime

from django.utils import timezone

from ..core.lookup_codes import code_matches
from ..doctype.petition.constants import AcceptanceOutcome, PetitionKind
from ..doctype.petition.lookup_code import REISSUE_LOOKUP_CODE
from ..doctype.petition.models import Petition
from ..doctype.reception_session.models import AgendaItem
from ..doctype.result_notice.constants import IN_FORCE_STATES, AssignmentState
from ..doctype.result_notice.models import Assignment, Conclusion
from ..workflow.models import WorkflowEvent
from .lookup_sources import LookupResult, TimelineStep

# Sessions whose time and place are final (announced to the invitees).
ANNOUNCED_SESSION_STATES = frozenset(
    {"announced", "tested", "connected", "in_person", "in_progress", "held", "closed"}
)

# Each step of the workflow as the citizen reads it; steps not named here (the Board's
# own: a priority, a return for more papers, a note) are not shown.
STEP_TITLES = {
    "create": "Ban Tiếp công dân tỉnh đã tiếp nhận đơn",
    "classify": "Đơn đã được phân loại, xác định thẩm quyền",
    "propose": "Ban Tiếp công dân đề xuất tiếp công dân trực tuyến",
    "endorse": "Trưởng Ban Tiếp công dân đã trình Chủ tịch UBND tỉnh",
    "approve": "Chủ tịch UBND tỉnh đồng ý tiếp; đơn đang chờ xếp lịch tiếp",
    "admit_in_person": "Được tiếp trực tiếp tại Trụ sở Tiếp công dân tỉnh; đơn đang chờ xếp lịch",
    "not_propose": "Không đề xuất tiếp trực tuyến; Ban sẽ gửi văn bản trả lời, hướng dẫn",
    "reject": "Không được chấp thuận tiếp trực tuyến; Ban sẽ gửi văn bản trả lời, hướng dẫn",
    "issue_reply": "Đã ban hành văn bản trả lời, hướng dẫn",
    "schedule": "Đơn đã được xếp vào lịch tiếp",
    "unschedule": "Đơn được đưa ra khỏi lịch tiếp, trở lại danh sách chờ (giữ thứ tự)",
    "mark_not_reached": "Chưa được tiếp tại kỳ này; chuyển sang kỳ sau, giữ thứ tự",
    "hear": "Công dân đã được tiếp",
    "conclude": "Đã có Thông báo kết quả tiếp công dân",
    "follow_up": "Các cơ quan đã hoàn thành việc thực hiện kết luận",
    "transfer": "Đơn đã được chuyển đến cơ quan có thẩm quyền",
    "refuse": "Từ chối tiếp công dân",
    "issue_refusal_notice": "Đã ban hành Thông báo từ chối tiếp công dân",
    "withdraw": "Công dân đã rút đơn",
    "close": "Kết thúc hồ sơ",
    "void_duplicate": "Đơn đăng ký trùng với một đơn khác nên không xử lý riêng",
    REISSUE_LOOKUP_CODE: "Mã tra cứu được cấp lại (mã cũ không còn dùng được)",
}

ACCEPTANCE_TITLES = {
    AcceptanceOutcome.ACCEPTED: "Đã thông báo thụ lý đơn (Điều 28 Luật Tiếp công dân)",
    AcceptanceOutcome.EXTENDED: "Đã thông báo gia hạn thời gian xem xét đơn (Điều 28)",
    AcceptanceOutcome.REJECTED: "Đã thông báo không thụ lý đơn (Điều 28)",
    AcceptanceOutcome.TRANSFERRED: "Đã thông báo chuyển đơn đến cơ quan có thẩm quyền (Điều 28)",
}

KIND_WORDS = {
    PetitionKind.COMPLAINT: "khiếu nại",
    PetitionKind.DENUNCIATION: "tố cáo",
    PetitionKind.RECOMMENDATION: "kiến nghị",
    PetitionKind.FEEDBACK: "phản ánh",
}

STATE_WORDS = {
    "received": "Đã tiếp nhận, đang xem xét",
    "classified": "Đang xem xét",
    "proposed": "Đang xem xét đề xuất tiếp trực tuyến",
    "endorsed": "Đang chờ Chủ tịch UBND tỉnh quyết định",
    "not_proposed": "Chờ văn bản trả lời",
    "rejected": "Chờ văn bản trả lời",
    "replied": "Đã trả lời bằng văn bản",
    "approved": "Chờ xếp lịch tiếp",
    "scheduled": "Đã có lịch tiếp",
    "heard": "Đã được tiếp, chờ Thông báo kết quả",
    "concluded": "Đã có Thông báo kết quả; các cơ quan đang thực hiện",
    "followed_up": "Đã thực hiện xong kết luận",
    "refused": "Từ chối tiếp",
    "transferred": "Đã chuyển đơn",
    "withdrawn": "Công dân đã rút đơn",
    "closed": "Đã kết thúc",
    "voided": "Đăng ký trùng, không xử lý riêng",
}


def _day(moment: datetime.datetime) -> datetime.date:
    return timezone.localtime(moment).date()


def _hhmm(value: datetime.time | None) -> str:
    return value.strftime("%H:%M") if value else ""


def _place(item: AgendaItem, profile) -> str:
    point = item.bridge_point if item.mode == "online" else item.session.host_bridge_point
    if point is None:
        return f"{profile.reception_office}, {profile.reception_address}"
    return f"{point.name}, {point.address}" if point.address else point.name


def _session_step(item: AgendaItem, profile, protected: bool) -> TimelineStep:
    session = item.session
    title = f"Kỳ tiếp công dân ngày {session.date:%d/%m/%Y}"
    how = "trực tuyến tại điểm cầu" if item.mode == "online" else "trực tiếp tại"
    if item.heard:
        where = "" if protected else f", {how}: {_place(item, profile)}"
        return TimelineStep(session.date, title, f"Công dân đã được tiếp tại kỳ này{where}.")
    if session.state in ("postponed", "cancelled"):
        return TimelineStep(session.date, title, "Kỳ tiếp này đã hoãn hoặc hủy.")
    if protected:
        detail = "Ban Tiếp công dân thông báo giờ và địa điểm bằng giấy mời."
    elif session.state in ANNOUNCED_SESSION_STATES:
        start = _hhmm(item.slot_start) or _hhmm(session.start_time)
        detail = f"Từ {start}, {how}: {_place(item, profile)}."
    else:
        detail = "Giờ và địa điểm sẽ được thông báo trong giấy mời."
    return TimelineStep(session.date, title, detail)


def _next_step(petition: Petition, items: list[AgendaItem], profile, protected: bool) -> str:
    if petition.state != "scheduled" or not items:
        return ""
    item = items[-1]
    session = item.session
    if item.heard or session.state not in ANNOUNCED_SESSION_STATES or protected:
        return (
            f"Đơn được xếp vào kỳ tiếp ngày {session.date:%d/%m/%Y}. Ban Tiếp công dân "
            "thông báo giờ và địa điểm bằng giấy mời."
        )
    start = _hhmm(item.slot_start) or _hhmm(session.start_time)
    return (
        f"Mời ông/bà có mặt lúc {start} ngày {session.date:%d/%m/%Y} tại "
        f"{_place(item, profile)}, mang theo căn cước và giấy biên nhận."
    )


def _event_steps(petition: Petition, events: list[WorkflowEvent]) -> list[TimelineStep]:
    steps = []
    told = False
    for event in events:
        day = _day(event.at)
        if event.action == "create":
            # Received on the day the petition says (registered later, or imported).
            steps.append(TimelineStep(petition.received_date or day, STEP_TITLES["create"]))
            continue
        if event.action == "notify_acceptance":
            outcome = (event.snapshot or {}).get("acceptance_outcome") or ""
            title = ACCEPTANCE_TITLES.get(outcome)
            if title:
                # The first notice is dated the day the citizen was told (recorded
                # on the case); a later change is dated by its own step.
                first = not told and petition.acceptance_notified_on
                steps.append(TimelineStep(petition.acceptance_notified_on if first else day, title))
                told = True
            continue
        title = STEP_TITLES.get(event.action)
        if title:
            steps.append(TimelineStep(day, title))
    return steps


def _task_steps(tasks: list[Assignment], protected: bool) -> list[TimelineStep]:
    steps = []
    for task in tasks:
        if task.state == AssignmentState.CANCELLED:
            continue
        done = task.state == AssignmentState.ACCEPTED
        progress = "đã hoàn thành" if done else "đang thực hiện"
        deadline = f", hạn {task.deadline:%d/%m/%Y}" if task.deadline else ""
        who = "Cơ quan được giao" if protected else task.agency.name
        steps.append(
            TimelineStep(
                task.done_on if done and task.done_on else task.deadline,
                f"{who}: {progress}{deadline}",
            )
        )
    return steps


def petition_timeline(
    petition: Petition, profile, extract_link=None
) -> tuple[list[TimelineStep], str]:
    """The case's steps in date order and what is next for the citizen. A fixed number
    of queries, however long the history."""
    protected = petition.is_denunciation
    events = list(
        WorkflowEvent.objects.filter(doctype="petition", object_id=petition.pk)
        .only("action", "at", "snapshot")
        .order_by("at", "id")
    )
    items = list(
        AgendaItem.objects.filter(petition=petition)
        .select_related("session", "session__host_bridge_point", "bridge_point")
        .order_by("session__date", "id")
    )
    # A session before the steps of its day (held, then heard), dates being equal.
    steps = [_session_step(item, profile, protected) for item in items]
    steps += _event_steps(petition, events)
    conclusions = list(
        Conclusion.objects.filter(petition=petition, notice__state__in=IN_FORCE_STATES)
        .select_related("notice")
        .order_by("notice__issued_date", "id")
    )
    for conclusion in conclusions:
        notice = conclusion.notice
        link = "" if protected or extract_link is None else extract_link(conclusion)
        steps.append(
            TimelineStep(
                notice.issued_date,
                f"Thông báo kết quả tiếp công dân số {notice.number}",
                "Kết luận của Chủ tịch UBND tỉnh đối với đơn của ông/bà"
                + ("." if protected else " (bản trích)."),
                link=link,
                link_label="Tải bản trích (PDF)" if link else "",
            )
        )
    tasks = list(
        Assignment.objects.filter(petition=petition, notice__state__in=IN_FORCE_STATES)
        .select_related("agency")
        .order_by("deadline", "id")
    )
    steps += _task_steps(tasks, protected)
    ordered = sorted(enumerate(steps), key=lambda pair: (pair[1].on or datetime.date.max, pair[0]))
    return [step for _, step in ordered], _next_step(petition, items, profile, protected)


def find_petition(number: str, code: str) -> Petition | None:
    """The petition numbered `number` whose code is `code`, or None, compared in
    constant time. A case without a code (imported, never issued) matches nothing."""
    number = (number or "").strip().upper()
    if not number or len(number) > 30:
        return None
    petition = (
        Petition.objects.filter(registration_number=number)
        .only(
            "pk",
            "registration_number",
            "lookup_code_digest",
            "kind",
            "state",
            "received_date",
            "citizen_id",
            "acceptance_notified_on",
        )
        .first()
    )
    if petition is None:
        # As long as a wrong code would take: an unknown number is not told apart.
        code_matches(code, "0" * 64)
        return None
    return petition if code_matches(code, petition.lookup_code_digest) else None


def lookup_result(petition: Petition, profile, extract_link=None) -> LookupResult:
    steps, next_step = petition_timeline(petition, profile, extract_link)
    kind = KIND_WORDS.get(petition.kind, "")
    heading = f"Đơn {kind} số {petition.registration_number}"
    return LookupResult(
        number=petition.registration_number,
        heading=heading,
        steps=steps,
        next_step=next_step,
        state=STATE_WORDS.get(petition.state, ""),
        citizen_ids=(petition.citizen_id,) if petition.citizen_id else (),
    )
