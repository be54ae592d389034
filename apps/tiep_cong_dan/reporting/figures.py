"""The figures of a period, from the facts and the event log, as the viewer may see
them (`user` None: all of them).

Counting rules, as the scheme counts:
- a session (kỳ, cuộc) counts when held (state held or closed) on a day of the period;
- a hearing (lượt tiếp) is an agenda item heard in such a session;
- citizen attendances (lượt công dân) are the attendance recorded for the hearing,
  else the petition's number of petitioners;
- a group hearing (đoàn đông người) is one whose petition has 5 or more petitioners
  (Law on Citizen Reception Art. 29);
- outcomes are workflow steps taken in the period (distinct cases per outcome);
- the backlog is read at the period's end: cases approved or scheduled and not yet heard.
"""

import datetime
from collections import Counter
from dataclasses import dataclass, field

from django.db.models import Avg, Count, F, Max, Q, Sum
from django.db.models.functions import Coalesce
from django.utils import timezone

from ..access.rules import rule_for
from ..doctype.admin_unit.constants import DISTRICT_ERAS, UnitLevel
from ..doctype.admin_unit.models import AdministrativeUnit
from ..doctype.admin_unit.services import current_unit_for
from ..doctype.bridge_point.constants import TestResult
from ..doctype.bridge_point.models import ConnectionTest
from ..doctype.petition.constants import GROUP_MIN_SIZE, PetitionKind
from ..doctype.petition.models import Petition
from ..doctype.reception_session.constants import HearingMode, SessionKind
from ..doctype.reception_session.models import AgendaItem, ReceptionSession
from ..doctype.result_notice.constants import OPEN_ASSIGNMENT_STATES
from ..doctype.result_notice.models import Assignment
from ..workflow.models import WorkflowEvent
from .period import Period

HELD = ("held", "closed")
WAITING = ("approved", "scheduled")
OUTCOMES = {
    "proposed": "Đề xuất tiếp trực tuyến",
    "not_proposed": "Không đề xuất",
    "replied": "Đã trả lời bằng văn bản",
    "rejected": "Chủ tịch không đồng ý tiếp",
    "approved": "Chủ tịch đồng ý tiếp",
    "heard": "Đã được tiếp",
    "concluded": "Đã có thông báo kết luận",
    "refused": "Từ chối tiếp",
    "transferred": "Chuyển cơ quan có thẩm quyền",
}
# How cases are placed on the map: as registered (the district before 2025-07-01, the
# commune after) or on today's communes (old communes through their successors, across
# the 2024 merger too).
UNITS_AS_REGISTERED, UNITS_TODAY = "registered", "today"


@dataclass
class Attendance:
    """Hearings and the citizens heard in them, with the group hearings among them."""

    hearings: int = 0
    citizens: int = 0
    group_hearings: int = 0
    group_citizens: int = 0

    def add(self, citizens: int, group: bool) -> None:
        self.hearings += 1
        self.citizens += citizens
        if group:
            self.group_hearings += 1
            self.group_citizens += citizens


@dataclass
class Figures:
    period: Period
    units_mode: str
    sessions: dict[str, int] = field(default_factory=dict)  # by kind
    attendance: dict[str, Attendance] = field(default_factory=dict)  # by session kind
    total: Attendance = field(default_factory=Attendance)
    by_unit: list[tuple[str, int]] = field(default_factory=list)  # (unit, citizens)
    by_kind: dict[str, int] = field(default_factory=dict)  # hearings by petition kind
    by_mode: dict[str, int] = field(default_factory=dict)  # hearings online / in person
    received: int = 0
    outcomes: dict[str, int] = field(default_factory=dict)
    backlog: int = 0
    rolled_over: int = 0
    wait_average: float | None = None  # days from registration to hearing
    wait_max: int | None = None
    assignments: dict[str, int] = field(default_factory=dict)
    overdue_by_agency: list[tuple[str, int]] = field(default_factory=list)
    connection_tests: dict[str, int] = field(default_factory=dict)
    failed_connections: list[tuple[str, datetime.datetime]] = field(default_factory=list)


def visible_petitions(user):
    """The petitions a figure, register or report may count for `user` (None: all)."""
    return Petition.objects.all() if user is None else rule_for(Petition).queryset(user)


def _narrowed(user):
    """The petitions to restrict counts to, or None when the viewer sees them all (a
    filter on a million ids would cost more than the count)."""
    if user is None or rule_for(Petition).sees_all(user):
        return None
    return rule_for(Petition).queryset(user).values("pk")


def _held_sessions(period: Period, user):
    qs = ReceptionSession.objects.filter(date__range=(period.start, period.end), state__in=HELD)
    return qs if user is None else rule_for(ReceptionSession).queryset(user, qs)


def heard_items(period: Period, user=None):
    """The hearings of the period the viewer may count."""
    items = AgendaItem.objects.filter(
        heard=True, session__in=_held_sessions(period, user).values("pk")
    )
    narrowed = _narrowed(user)
    return items if narrowed is None else items.filter(petition__in=narrowed)


def _unit_names(units_mode: str) -> dict[int, str]:
    """Residence unit id -> the name it is reported under."""
    units = AdministrativeUnit.objects.select_related("parent")
    names = {}
    for unit in units.filter(level=UnitLevel.COMMUNE):
        if units_mode == UNITS_TODAY:
            names[unit.pk] = current_unit_for(unit).name
        elif unit.era in DISTRICT_ERAS and unit.parent_id:
            names[unit.pk] = unit.parent.name
        else:
            names[unit.pk] = unit.name
    return names


def _attendance(figures: Figures, items) -> None:
    rows = items.annotate(
        people=Coalesce("attendance_count", "petition__group_size"),
    ).values_list(
        "session__kind",
        "people",
        "petition__group_size",
        "petition__residence_unit_id",
        "petition__kind",
        "mode",
    )
    by_unit: Counter = Counter()
    names = None
    for kind, people, group_size, unit_id, petition_kind, mode in rows.iterator(chunk_size=2000):
        people = people or 1
        group = group_size >= GROUP_MIN_SIZE
        figures.attendance.setdefault(kind, Attendance()).add(people, group)
        figures.total.add(people, group)
        if names is None:
            names = _unit_names(figures.units_mode)
        by_unit[names.get(unit_id, "Không xác định")] += people
        figures.by_kind[petition_kind] = figures.by_kind.get(petition_kind, 0) + 1
        figures.by_mode[mode] = figures.by_mode.get(mode, 0) + 1
    figures.by_unit = sorted(by_unit.items(), key=lambda kv: (-kv[1], kv[0]))


def _outcomes(period: Period, user) -> dict[str, int]:
    events = WorkflowEvent.objects.filter(
        doctype="petition",
        at__gte=period.bounds()[0],
        at__lt=period.bounds()[1],
        to_state__in=list(OUTCOMES),
    ).exclude(from_state=F("to_state"))
    narrowed = _narrowed(user)
    if narrowed is not None:
        events = events.filter(object_id__in=narrowed)
    found = dict(
        events.values("to_state")
        .annotate(n=Count("object_id", distinct=True))
        .values_list("to_state", "n")
    )
    return {state: found.get(state, 0) for state in OUTCOMES}


def _backlog(period: Period, user) -> tuple[int, int]:
    """Cases waiting for a hearing at the period's end, and those sent back to the
    queue during it (rolled over: scheduled, not reached).

    Waiting at a moment is read from the log without replaying each case: every case
    enters the waiting states (approved, scheduled) and leaves them in turn, so the
    steps into them before the moment, less the steps out of them, count the cases
    inside (the nightly integrity check keeps the log and the states in step)."""
    start, after = period.bounds()
    narrowed = _narrowed(user)
    if period.end >= timezone.localdate():  # the present: the states as they are
        waiting = visible_petitions(user).filter(state__in=WAITING).count()
    else:
        events = WorkflowEvent.objects.filter(doctype="petition", at__lt=after)
        if narrowed is not None:
            events = events.filter(object_id__in=narrowed)
        entered = events.filter(to_state__in=WAITING).exclude(from_state__in=WAITING).count()
        left = events.filter(from_state__in=WAITING).exclude(to_state__in=WAITING).count()
        waiting = entered - left
    rolled = WorkflowEvent.objects.filter(
        doctype="petition",
        at__gte=start,
        at__lt=after,
        from_state="scheduled",
        to_state="approved",
    )
    if narrowed is not None:
        rolled = rolled.filter(object_id__in=narrowed)
    return waiting, rolled.values("object_id").distinct().count()


def _assignments(period: Period, user) -> tuple[dict[str, int], list[tuple[str, int]]]:
    narrowed = _narrowed(user)
    qs = (
        Assignment.objects.all()
        if narrowed is None
        else Assignment.objects.filter(petition__in=narrowed)
    )
    due = qs.filter(deadline__range=(period.start, period.end))
    open_at_end = qs.filter(state__in=OPEN_ASSIGNMENT_STATES)
    overdue = open_at_end.filter(deadline__lte=period.end)
    counts = due.aggregate(
        due=Count("pk"),
        on_time=Count("pk", filter=Q(done_on__isnull=False, done_on__lte=F("deadline"))),
        late=Count("pk", filter=Q(done_on__gt=F("deadline"))),
    )
    counts["open"] = open_at_end.count()
    counts["overdue"] = overdue.count()
    by_agency = list(
        overdue.values("agency__name").annotate(n=Count("pk")).order_by("-n", "agency__name")
    )
    return counts, [(row["agency__name"], row["n"]) for row in by_agency]


def _connections(period: Period, user) -> tuple[dict[str, int], list]:
    start, after = period.bounds()
    tests = ConnectionTest.objects.filter(tested_at__gte=start, tested_at__lt=after)
    if user is not None:
        tests = rule_for(ConnectionTest).queryset(user, tests)
    counts = dict(tests.values("result").annotate(n=Count("pk")).values_list("result", "n"))
    failed = list(
        tests.exclude(result=TestResult.SUCCESS)
        .order_by("tested_at")
        .values_list("bridge_point__name", "tested_at")
    )
    return {r: counts.get(r, 0) for r in TestResult.values}, failed


def compute(period: Period, user=None, units_mode: str = UNITS_AS_REGISTERED) -> Figures:
    figures = Figures(period=period, units_mode=units_mode)
    sessions = _held_sessions(period, user)
    by_kind = dict(sessions.values("kind").annotate(n=Count("pk")).values_list("kind", "n"))
    figures.sessions = {kind: by_kind.get(kind, 0) for kind in SessionKind.values}
    items = heard_items(period, user)
    _attendance(figures, items)
    figures.by_kind = {k: figures.by_kind.get(k, 0) for k in PetitionKind.values}
    figures.by_mode = {m: figures.by_mode.get(m, 0) for m in HearingMode.values}
    figures.received = (
        visible_petitions(user).filter(received_date__range=(period.start, period.end)).count()
    )
    figures.outcomes = _outcomes(period, user)
    figures.backlog, figures.rolled_over = _backlog(period, user)
    waits = items.aggregate(
        average=Avg(F("session__date") - F("petition__received_date")),
        longest=Max(F("session__date") - F("petition__received_date")),
    )
    figures.wait_average, figures.wait_max = _days(waits["average"]), _days(waits["longest"])
    figures.assignments, figures.overdue_by_agency = _assignments(period, user)
    figures.connection_tests, figures.failed_connections = _connections(period, user)
    return figures


def _days(value) -> float | int | None:
    """Date differences come back as timedelta (MariaDB: microseconds as a number)."""
    if value is None:
        return None
    if isinstance(value, datetime.timedelta):
        return value.total_seconds() / 86400
    return float(value) / 86_400_000_000


def monthly_trend(period: Period, user=None, months: int = 12) -> list[tuple[str, int, int]]:
    """(MM/YYYY, hearings, citizens) for the `months` calendar months ending with the
    period's last one: one grouped query."""
    from django.db.models.functions import ExtractMonth, ExtractYear

    last = Period.month(period.end.year, period.end.month)
    first = last.start
    for _ in range(months - 1):
        first = (first - datetime.timedelta(days=1)).replace(day=1)
    span = Period(first, last.end)
    rows = (
        heard_items(span, user)
        .annotate(y=ExtractYear("session__date"), m=ExtractMonth("session__date"))
        .values("y", "m")
        .annotate(
            hearings=Count("pk"),
            citizens=Sum(Coalesce("attendance_count", "petition__group_size")),
        )
    )
    found = {(r["y"], r["m"]): (r["hearings"], r["citizens"] or 0) for r in rows}
    return [
        (f"{m.start.month:02d}/{m.start.year}", *found.get((m.start.year, m.start.month), (0, 0)))
        for m in span.months()
    ]
