"""The Chairman's reception sessions as the public reads them (Law on Citizen Reception
2013 Art. 24; Decree 154/2026 Art. 19(3), 23, 29(1)(d)): when, what kind, in which
form, the central point, the communes' rooms taking part and who presides, published
from the moment a session is announced, and kept up to date when it is postponed or
cancelled, with the reason.

Only the session's own facts and the names of rooms leave here: never a petition, a
citizen, a hearing's slot or anything a case could be told by. Every page and feed of
the schedule reads its sessions through `public_sessions`, in three queries whatever the
number of sessions."""

import datetime
import re
from dataclasses import dataclass
from zoneinfo import ZoneInfo

from django.conf import settings
from django.db.models import Q
from django.utils import timezone

from ..core.site_profile import site_profile
from ..doctype.petition.constants import PetitionKind
from ..doctype.reception_session.constants import HearingMode, SessionKind, SessionState
from ..doctype.reception_session.models import AgendaItem, ReceptionSession
from ..workflow.models import WorkflowEvent

DOCTYPE = "reception_session"
# Announced (Decree 154 Art. 23: citizens and agencies told) and every state after it.
# A session held in person at the Reception Office is a decided session too.
PUBLISHED_STATES = frozenset(
    {
        SessionState.ANNOUNCED,
        SessionState.TESTED,
        SessionState.CONNECTED,
        SessionState.IN_PERSON,
        SessionState.IN_PROGRESS,
        SessionState.HELD,
        SessionState.CLOSED,
    }
)
# A postponed session goes back through draft to be announced again: while it is being
# replanned the public still reads "postponed, the new date to be announced".
REPLANNED_STATES = frozenset({SessionState.DRAFT, SessionState.PLANNED, SessionState.APPROVED})
# How far back the page shows the sessions held.
PAST_DAYS = 92

KIND_LABELS = {
    SessionKind.PERIODIC: "Định kỳ",
    SessionKind.AD_HOC: "Đột xuất",
    SessionKind.CENTRAL_REQUEST: "Theo yêu cầu của Ban Tiếp công dân Trung ương",
}
WEEKDAYS = ("Thứ Hai", "Thứ Ba", "Thứ Tư", "Thứ Năm", "Thứ Sáu", "Thứ Bảy", "Chủ nhật")


class Status:
    """What the public is told of a session (not the desk's finer states)."""

    ANNOUNCED = "announced"
    IN_PROGRESS = "in_progress"
    HELD = "held"
    POSTPONED = "postponed"
    CANCELLED = "cancelled"

    LABELS = {
        ANNOUNCED: "Đã thông báo",
        IN_PROGRESS: "Đang diễn ra",
        HELD: "Đã tiếp",
        POSTPONED: "Hoãn",
        CANCELLED: "Hủy",
    }


class Form:
    ONLINE = "online"
    IN_PERSON = "in_person"
    MIXED = "mixed"

    LABELS = {
        ONLINE: "Trực tuyến",
        IN_PERSON: "Trực tiếp",
        MIXED: "Trực tuyến và trực tiếp",
    }


_STATUS_OF_STATE = {
    SessionState.ANNOUNCED: Status.ANNOUNCED,
    SessionState.TESTED: Status.ANNOUNCED,
    SessionState.CONNECTED: Status.ANNOUNCED,
    SessionState.IN_PERSON: Status.ANNOUNCED,
    SessionState.IN_PROGRESS: Status.IN_PROGRESS,
    SessionState.HELD: Status.HELD,
    SessionState.CLOSED: Status.HELD,
}

# A registration number (2026/TCD-000123), or a run of nine or more digits (an identity
# paper, a phone): a reason is written by the Board for the public, but one typed in
# haste must not carry a case's number or a person's paper onto the site.
_CASE_NUMBER = re.compile(r"\b\d{4}\s*/\s*[A-ZĐ]{2,}[-\w]*\d+\b|\d[\d .]{7,}\d", re.IGNORECASE)
REASON_LIMIT = 400


def public_reason(comment: str) -> str:
    """The reason of a postponement or cancellation as published: one paragraph, case
    numbers and long numbers left out, at most REASON_LIMIT characters."""
    text = " ".join(comment.split())
    text = _CASE_NUMBER.sub("…", text)
    if len(text) > REASON_LIMIT:
        text = text[: REASON_LIMIT - 1].rstrip() + "…"
    return text


@dataclass(frozen=True)
class Window:
    start: datetime.time
    end: datetime.time
    form: str  # Form.ONLINE or Form.IN_PERSON

    @property
    def label(self) -> str:
        return f"{self.start:%H:%M}–{self.end:%H:%M}"


@dataclass(frozen=True)
class PublicSession:
    pk: int
    date: datetime.date
    kind: str
    status: str
    form: str
    windows: tuple[Window, ...]
    host_point: str
    rooms: tuple[str, ...]
    presiding: str
    updated: datetime.datetime
    reason: str = ""
    # A postponed session: the date it was announced for, and whether its new date is
    # still to be announced (otherwise `date` is the new one).
    postponed_from: datetime.date | None = None
    new_date_pending: bool = False
    # How many times its public facts changed after it was announced (the calendar
    # feed's SEQUENCE).
    changes: int = 0

    @property
    def kind_label(self) -> str:
        return KIND_LABELS.get(self.kind, self.kind)

    @property
    def status_label(self) -> str:
        return Status.LABELS[self.status]

    @property
    def form_label(self) -> str:
        return Form.LABELS[self.form]

    @property
    def weekday(self) -> str:
        return WEEKDAYS[self.date.weekday()]

    @property
    def date_label(self) -> str:
        return f"{self.weekday}, {self.date:%d/%m/%Y}"

    @property
    def time_label(self) -> str:
        if len(self.windows) == 1:
            return self.windows[0].label
        return "; ".join(f"{w.label} ({Form.LABELS[w.form].lower()})" for w in self.windows)

    @property
    def starts_at(self) -> datetime.datetime:
        return _local(self.date, min(w.start for w in self.windows))

    @property
    def ends_at(self) -> datetime.datetime:
        return _local(self.date, max(w.end for w in self.windows))

    @property
    def is_cancelled(self) -> bool:
        return self.status == Status.CANCELLED

    @property
    def is_postponed(self) -> bool:
        return self.status == Status.POSTPONED

    @property
    def change_note(self) -> str:
        """The change in plain words: "Hoãn: …", "Hủy: …", or a session moved."""
        reason = _sentence(self.reason)
        if self.status == Status.CANCELLED:
            return f"Hủy: {reason}" if reason else "Hủy."
        if self.status == Status.POSTPONED:
            note = f"Hoãn: {reason}" if reason else "Hoãn."
            if self.new_date_pending:
                return f"{note} Ngày tiếp mới sẽ được thông báo sau."
            return f"{note} Chuyển sang {self.date_label}."
        if self.postponed_from:
            moved = f"Đã hoãn từ ngày {self.postponed_from:%d/%m/%Y}"
            return f"{moved}: {reason}" if reason else f"{moved}."
        return ""


def _sentence(text: str) -> str:
    """A reason as a sentence of the note, ending with its stop."""
    return text if not text or text.endswith((".", "!", "?", "…")) else text + "."


def _local(day: datetime.date, at: datetime.time) -> datetime.datetime:
    return datetime.datetime.combine(day, at, tzinfo=ZoneInfo(settings.TIME_ZONE))


def public_sessions(
    *, since: datetime.date | None = None, pk: int | None = None
) -> list[PublicSession]:
    """Every session the public may read whose row is dated from `since` (by default
    PAST_DAYS ago) on, in date order; or the one session `pk` ([] if it is not public).
    Three queries: the sessions, their steps that matter, their rooms."""
    rows = ReceptionSession.objects.select_related("host_bridge_point").only(
        "pk",
        "kind",
        "date",
        "start_time",
        "end_time",
        "in_person_start",
        "in_person_end",
        "state",
        "presiding_official",
        "host_bridge_point__name",
    )
    if pk is not None:
        rows = rows.filter(pk=pk)
    else:
        rows = rows.filter(date__gte=since or timezone.localdate() - datetime.timedelta(PAST_DAYS))
    rows = list(rows)
    if not rows:
        return []
    steps = _steps_of([r.pk for r in rows])
    hearings = _hearings_of([r.pk for r in rows])
    office = site_profile().reception_office
    sessions = []
    for row in rows:
        entry = _entry(row, steps.get(row.pk, []), hearings.get(row.pk, []), office)
        if entry is not None:
            sessions.append(entry)
    sessions.sort(key=lambda s: (s.starts_at, s.pk))
    return sessions


def _steps_of(ids: list[int]) -> dict[int, list[dict]]:
    """Each session's steps that make it public or change what the public was told."""
    found: dict[int, list[dict]] = {}
    events = (
        WorkflowEvent.objects.filter(doctype=DOCTYPE, object_id__in=ids)
        .filter(Q(to_state__in=PUBLISHED_STATES) | Q(action__in=("postpone", "cancel")))
        .order_by("at", "id")
        .values("object_id", "action", "to_state", "comment", "snapshot", "at")
    )
    for event in events:
        found.setdefault(event["object_id"], []).append(event)
    return found


def _hearings_of(ids: list[int]) -> dict[int, list[tuple]]:
    """Each session's hearings as (mode, room, whether a denunciation): no petition,
    citizen or slot is read."""
    found: dict[int, list[tuple]] = {}
    rows = AgendaItem.objects.filter(session_id__in=ids).values_list(
        "session_id", "mode", "bridge_point__name", "petition__kind"
    )
    for session_id, mode, room, kind in rows:
        found.setdefault(session_id, []).append((mode, room, kind == PetitionKind.DENUNCIATION))
    return found


def _entry(row, steps: list[dict], hearings: list[tuple], office: str) -> PublicSession | None:
    published = [s for s in steps if s["to_state"] in PUBLISHED_STATES]
    # A postponement before the first announcement moved a date nobody was told of.
    since = published[0]["at"] if published else None
    postponements = [
        s for s in steps if s["action"] == "postpone" and (since is None or s["at"] >= since)
    ]
    cancellations = [s for s in steps if s["action"] == "cancel"]
    ever_published = bool(published) or row.state in PUBLISHED_STATES
    if not ever_published:
        return None  # a draft, or a plan never announced, is not the public's yet
    reason, postponed_from, pending = "", None, False
    if row.state == SessionState.CANCELLED:
        status = Status.CANCELLED
        reason = public_reason(cancellations[-1]["comment"]) if cancellations else ""
    elif row.state == SessionState.POSTPONED or row.state in REPLANNED_STATES:
        if not postponements:
            return None
        status = Status.POSTPONED
        last = postponements[-1]
        reason = public_reason(last["comment"])
        postponed_from = _snapshot_date(last) or row.date
        # Replanning: the new date is the Board's draft until announced again.
        pending = row.state in REPLANNED_STATES or row.date == postponed_from
    else:
        status = _STATUS_OF_STATE[row.state]
        if postponements:
            before = _snapshot_date(postponements[-1])
            if before and before != row.date:
                postponed_from = before
                reason = public_reason(postponements[-1]["comment"])
    date = postponed_from if pending else row.date
    changes = len(postponements) + len(cancellations)
    updated = max([s["at"] for s in steps] or [timezone.now()])
    return PublicSession(
        pk=row.pk,
        date=date,
        kind=row.kind,
        status=status,
        form=_form(row, hearings),
        windows=_windows(row, hearings),
        host_point=row.host_bridge_point.name if row.host_bridge_point_id else office,
        rooms=_rooms(hearings),
        presiding=row.presiding_official,
        updated=updated,
        reason=reason,
        postponed_from=postponed_from if status != Status.CANCELLED else None,
        new_date_pending=pending,
        changes=changes,
    )


def _snapshot_date(step: dict) -> datetime.date | None:
    value = (step.get("snapshot") or {}).get("date")
    try:
        return datetime.date.fromisoformat(value) if value else None
    except (TypeError, ValueError):
        return None


def _modes(row, hearings: list[tuple]) -> set[str]:
    if row.state == SessionState.IN_PERSON:
        return {HearingMode.IN_PERSON}
    return {mode for mode, _room, _tc in hearings}


def _form(row, hearings: list[tuple]) -> str:
    modes = _modes(row, hearings)
    if modes == {HearingMode.ONLINE}:
        return Form.ONLINE
    if HearingMode.ONLINE in modes:
        return Form.MIXED
    return Form.IN_PERSON


def _windows(row, hearings: list[tuple]) -> tuple[Window, ...]:
    modes = _modes(row, hearings)
    windows = []
    if HearingMode.IN_PERSON in modes:
        windows.append(Window(row.in_person_start, row.in_person_end, Form.IN_PERSON))
    if HearingMode.ONLINE in modes or not modes:
        form = Form.ONLINE if HearingMode.ONLINE in modes else Form.IN_PERSON
        windows.append(Window(row.start_time, row.end_time, form))
    return tuple(windows)


def _rooms(hearings: list[tuple]) -> tuple[str, ...]:
    """The communes' rooms of the online hearings, by name. A room that joins only for a
    denunciation is not named: where a denouncer sits could point to who they are
    (Law on Denunciation 2018 Art. 47)."""
    named = {
        room
        for mode, room, denunciation in hearings
        if mode == HearingMode.ONLINE and room and not denunciation
    }
    return tuple(sorted(named))


def upcoming(sessions: list[PublicSession], today: datetime.date) -> list[PublicSession]:
    """The sessions on or after `today` (a postponed one awaiting its new date by the
    date it was announced for)."""
    return [s for s in sessions if s.date >= today]


def past(sessions: list[PublicSession], today: datetime.date) -> list[PublicSession]:
    shown = {s.pk for s in upcoming(sessions, today)}
    return [s for s in reversed(sessions) if s.pk not in shown]


def next_session(today: datetime.date | None = None) -> PublicSession | None:
    """The first session ahead that will take place (not cancelled nor awaiting a new
    date), for the home page."""
    today = today or timezone.localdate()
    for session in upcoming(public_sessions(since=today), today):
        if session.status in (Status.ANNOUNCED, Status.IN_PROGRESS) or (
            session.status == Status.POSTPONED and not session.new_date_pending
        ):
            return session
    return None
