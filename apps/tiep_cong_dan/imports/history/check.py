"""Checking a register of past years, reading only (never inside a write transaction,
so a long file holds no lock another officer would wait for).

Every row is read into its hearing, petition and petitioner and validated as the desk
validates them (rows.py); units are found by name within the era of the reception
date, agencies as they existed on the notice's date (notices.py); rows are grouped
into sessions (one per day and kind of session); every document's steps are replayed
against the declared workflow (steps.py). Every error is kept with its row and column;
a plan is returned only when there is none."""

from collections.abc import Callable

from django.core.exceptions import ValidationError

from ... import workflow
from ...doctype.agency.lookup import AgencyDirectory
from ...doctype.bridge_point.constants import PointLevel
from ...doctype.bridge_point.models import BridgePoint
from ...doctype.citizen.models import Citizen
from ...doctype.reception_session.constants import SessionKind
from ...doctype.reception_session.models import AgendaItem, ReceptionSession
from ...workflow.loader import definition
from . import cells, steps
from .errors import KIND_LABELS, Errors, day_text
from .layout import NOTICES, REGISTER, TASKS, sheet_kind
from .notices import NoticeRows
from .plan import Hearing, Plan, Session
from .rows import RegisterRows, SheetRows, UnitFinder

CHECKING = "Đang kiểm tra từng dòng"
PRESIDING = "Chủ tịch UBND tỉnh"
HOST_POINT = "LS-TSTCD"
SESSION_FIELDS = {"date": "date", "ad_hoc_ground": "ground", "presiding_official": "presiding"}
ITEM_FIELDS = {"petition": "registered", "attendance_count": "attending", "bridge_point": "mode"}
_d = day_text


class Checker(RegisterRows, NoticeRows):
    def __init__(self, sheets: list[tuple[str, list]], *, by, progress: Callable) -> None:
        self.errors = Errors()
        self.by, self.progress = by, progress
        self.plan = Plan()
        # Sessions the register names, even in rows found wrong, and notices not read:
        # what refers to them is not wrong again.
        self.sessions_named: set[tuple] = set()
        self.notices_skipped: set[tuple] = set()
        found: dict[str, list] = {}
        for title, rows in sheets:
            kind = sheet_kind(title)
            if kind is not None and kind.title not in found:
                found[kind.title] = rows
        if REGISTER.title not in found and sheets:
            found[REGISTER.title] = sheets[0][1]  # the register may keep its own name
        self.register = SheetRows(REGISTER, found.get(REGISTER.title, []), self.errors)
        self.notices = SheetRows(
            NOTICES,
            found.get(NOTICES.title, [[1, [c.header for c in NOTICES.columns]]]),
            self.errors,
        )
        self.tasks = SheetRows(
            TASKS, found.get(TASKS.title, [[1, [c.header for c in TASKS.columns]]]), self.errors
        )

    @property
    def rows(self) -> int:
        return len(self.register.rows) + len(self.notices.rows) + len(self.tasks.rows)

    # -- the whole check ------------------------------------------------------------
    def run(self) -> Plan | None:
        if self.errors.items:
            return None
        self._prefetch()
        total = len(self.register.rows)
        for done, (number, cell) in enumerate(self.register.rows, 1):
            hearing = self._hearing(number, cell)
            if hearing is not None:
                self.plan.hearings.append(hearing)
            self.progress(CHECKING, done, total)
        self._duplicates()
        self._sessions()
        notices = {}
        for number, cell in self.notices.rows:
            self._notice(number, cell, notices)
        for number, cell in self.tasks.rows:
            self._task(number, cell, notices)
        if self.errors.items:
            return None
        self._replay()
        return None if self.errors.items else self.plan

    def _prefetch(self) -> None:
        ids = {cells.id_paper(c.get("id_number")) for _, c in self.register.rows} - {""}
        self.citizens = {}
        listed = sorted(ids)
        for start in range(0, len(listed), 500):
            for citizen in Citizen.objects.filter(id_number__in=listed[start : start + 500]):
                self.citizens[(citizen.id_kind, citizen.id_number)] = citizen
        self.new_by_key: dict[tuple, tuple[int, Citizen]] = {}
        self.units = UnitFinder()
        self.points: dict[int, list[BridgePoint]] = {}
        for point in BridgePoint.objects.filter(level=PointLevel.COMMUNE).order_by("code"):
            self.points.setdefault(point.unit_id, []).append(point)
        self.host = BridgePoint.objects.filter(code=HOST_POINT).first()
        self.agencies = AgencyDirectory()

    # -- one row of the register ------------------------------------------------------
    def _duplicates(self) -> None:
        """A row number once; a citizen heard once per session (two rows for one
        hearing are one hearing written twice)."""
        by_stt: dict[int, Hearing] = {}
        by_hearing: dict[tuple, Hearing] = {}
        kept = []
        for h in self.plan.hearings:
            who = (
                ("id", h.citizen.id_kind, h.citizen.id_number)
                if h.citizen.id_number
                else ("citizen", id(h.citizen))
            )
            if h.stt in by_stt:
                self.errors.add(
                    REGISTER, h.row, "stt", f"Số thứ tự {h.stt} đã dùng ở dòng {by_stt[h.stt].row}."
                )
            elif (h.session_key, who) in by_hearing:
                first = by_hearing[(h.session_key, who)]
                self.errors.add(
                    REGISTER,
                    h.row,
                    "name_address",
                    f"Trùng lượt tiếp ở dòng {first.row}: cùng công dân {h.citizen.full_name}, "
                    f"cùng kỳ tiếp {KIND_LABELS[h.session_key[1]]} ngày {_d(h.day)}.",
                )
            else:
                by_stt[h.stt] = h
                by_hearing[(h.session_key, who)] = h
                kept.append(h)
        self.plan.hearings = kept

    def _sessions(self) -> None:
        sessions: dict[tuple, Session] = {}
        for h in self.plan.hearings:
            sessions.setdefault(h.session_key, Session(h.session_key, h.row)).hearings.append(h)
        existing = set(
            ReceptionSession.objects.filter(date__in={key[0] for key in sessions}).values_list(
                "date", "kind"
            )
        )
        for key, session in sorted(sessions.items(), key=lambda kv: (kv[0][0], kv[1].row)):
            day, kind = key
            if key in existing:
                self.errors.add(
                    REGISTER,
                    session.row,
                    "date",
                    f"Đã có kỳ tiếp {KIND_LABELS[kind]} ngày {_d(day)} trong hệ thống (đã nhập "
                    "hoặc đã ghi trên hệ thống): bỏ các dòng của kỳ tiếp này khỏi tệp.",
                )
                continue
            self._session(session)
            self.plan.sessions.append(session)

    def _agreed(self, session: Session, attribute: str, key: str, default: str) -> str:
        """What every row of a session says of it (its ground, who presided)."""
        first = getattr(session.hearings[0], attribute)
        for h in session.hearings[1:]:
            if getattr(h, attribute) != first:
                self.errors.add(
                    REGISTER,
                    h.row,
                    key,
                    "Các dòng của một kỳ tiếp phải ghi giống nhau "
                    f"(dòng {session.row}: {first or 'để trống'}).",
                )
                break
        return first or default

    def _session(self, session: Session) -> None:
        day, kind = session.key
        start, end = steps.hours(session)
        session.obj = ReceptionSession(
            kind=kind,
            ad_hoc_ground=self._agreed(session, "ground", "ground", ""),
            date=day,
            start_time=start,
            end_time=end,
            host_bridge_point=self.host,
            presiding_official=self._agreed(session, "presiding", "presiding", PRESIDING),
            central_board_invited=kind == SessionKind.CENTRAL_REQUEST,
            capacity=max(15, len(session.hearings)),
            notes="Ghi từ sổ tiếp công dân.",
        )
        try:
            session.obj.full_clean(
                exclude=["host_bridge_point"], validate_unique=False, validate_constraints=False
            )
        except ValidationError as exc:
            self.errors.model(REGISTER, session.row, exc, SESSION_FIELDS)
        for position, h in enumerate(session.hearings, 1):
            started, ended = steps.hearing_time(session, position)
            h.item = AgendaItem(
                session=session.obj,
                position=position,
                petition=h.petition,
                mode=h.mode,
                bridge_point=h.point,
                attendance_count=h.attending,
                group_delegation=h.group,
                heard=True,
                started_at=started,
                ended_at=ended,
                conclusion_draft=h.conclusion,
            )
            try:
                h.item.full_clean(
                    exclude=["session", "petition", "bridge_point"],
                    validate_unique=False,
                    validate_constraints=False,
                )
            except ValidationError as exc:
                self.errors.model(REGISTER, h.row, exc, ITEM_FIELDS)

    # -- result notices and their tasks ---------------------------------------------
    def _replay(self) -> None:
        """Each document's recorded steps against the declared workflow; the state they
        lead to is the one it is saved in, and the steps are kept for the writing."""
        declared = {
            d: definition(d)
            for d in ("petition", "reception_session", "result_notice", "assignment")
        }
        documents = []
        for session in self.plan.sessions:
            documents.append(
                (
                    "reception_session",
                    session.obj,
                    steps.session_steps(session),
                    REGISTER,
                    session.row,
                )
            )
            documents += [
                ("petition", h.petition, steps.petition_steps(h, session), REGISTER, h.row)
                for h in session.hearings
            ]
        documents += [
            ("result_notice", n.obj, steps.notice_steps(n), NOTICES, n.row)
            for n in self.plan.notices
        ]
        documents += [
            ("assignment", t.obj, steps.task_steps(t), TASKS, t.row) for t in self.plan.tasks
        ]
        for doctype, obj, (started, recorded), sheet, row in documents:
            try:
                obj.state = workflow.replay_past(
                    doctype, recorded, started_at=started, declaration=declared[doctype]
                )
            except workflow.TransitionRefused as exc:
                self.errors.add(
                    sheet, row, "", f"Quy trình hiện hành không cho ghi hồ sơ này: {exc}"
                )
            self.plan.paths.append((obj, started, recorded))
