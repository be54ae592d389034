"""The figures of a period, from the facts and the event log, as the viewer may see
them (`user` None: all of them).

Counting rules, as the scheme counts (Đề án, mục I.2):
- a session (kỳ, cuộc) counts when held (state held or closed) on a day of the period,
  by its kind: periodic (kỳ), ad hoc (cuộc đột xuất), at the central board's request;
- a hearing (lượt tiếp) is an agenda item heard in such a session;
- citizen attendances (lượt công dân) are the citizens recorded as attending the
  hearing (none recorded: the petition's number of petitioners);
- a group hearing (đoàn đông người) is one whose petition has 5 or more petitioners
  (Law on Citizen Reception Art. 29);
- every figure is kept per kind of session: the shares by area are those of the
  periodic sessions' citizens only, the ad hoc and central-request sessions are told
  apart with the places their citizens came from;
- outcomes are workflow steps taken in the period (distinct cases per outcome);
- the backlog is read at the period's end: cases approved or scheduled and not yet heard;
- a registration voided as a duplicate of another is no case: neither it nor any of
  its steps counts anywhere (`visible_petitions`, `counted_events`, `heard_items`;
  doctype/petition/constants.py NOT_COUNTED_STATES says which states);
- notices the law times (Law Art. 28 within 10 working days of receipt, form 01/TCD
  within 3 of a refusal): those given in the period after their deadline, and the
  cases whose deadline passed by the period's end with none given by then (cases
  entered from past records are counted late when their records date a notice, never
  as missing one: the registers did not always note it).
"""

import datetime
from collections import Counter
from dataclasses import dataclass, field

from django.db.models import Avg, Count, F, Max, Q, Sum
from django.db.models.functions import Coalesce, ExtractMonth, ExtractYear
from django.utils import timezone

from ..access.rules import rule_for
from ..access.scope import agency_scope_roots
from ..core.period import Period
from ..doctype.agency.models import Agency
from ..doctype.bridge_point.constants import TestResult
from ..doctype.bridge_point.models import ConnectionTest
from ..doctype.petition.constants import GROUP_MIN_SIZE, NOT_COUNTED_STATES, PetitionKind
from ..doctype.petition.models import Petition
from ..doctype.reception_session.constants import HELD_SESSION_STATES, HearingMode, SessionKind
from ..doctype.reception_session.models import AgendaItem, ReceptionSession
from ..doctype.result_notice.constants import OPEN_ASSIGNMENT_STATES
from ..doctype.result_notice.models import Assignment
from ..workflow.models import WorkflowEvent
from . import cube
from .areas import Place, UnitNames
from .definitions import ENTERING, LEAVING, NEW_MATTER, OUTCOMES, WAITING
from .overrides import overrides_of

__all__ = ["OUTCOMES", "WAITING", "compute", "heard_items", "monthly_trend"]

HELD = HELD_SESSION_STATES
# How cases are placed on the map: as the period's era names places (districts until
# 2025-07-01, the new communes after: areas.py), or on today's units.
UNITS_OF_PERIOD, UNITS_TODAY = "period", "today"
PERIODIC = SessionKind.PERIODIC.value
SPECIAL_KINDS = (SessionKind.AD_HOC.value, SessionKind.CENTRAL_REQUEST.value)


def is_group(group_size: int, recorded: bool | None = None) -> bool:
    """A group delegation (đoàn đông người): as the register marked the hearing when it
    did (form 03/TCD's count of people is not the mark), else 5 or more petitioners
    (Law Art. 29)."""
    if recorded is not None:
        return recorded
    return group_size >= GROUP_MIN_SIZE


@dataclass
class Tally:
    """What the scheme counts for one kind of session over a span."""

    sessions: int = 0
    hearings: int = 0
    citizens: int = 0
    group_hearings: int = 0
    group_citizens: int = 0
    online: int = 0  # hearings held online
    # (commune, district) the citizens came from, in the order they were first heard.
    places: list[tuple[Place, Place | None]] = field(default_factory=list)

    def add(self, citizens: int, group: bool, online: bool) -> None:
        self.hearings += 1
        self.citizens += citizens
        self.online += online
        if group:
            self.group_hearings += 1
            self.group_citizens += citizens

    def __iadd__(self, other: "Tally") -> "Tally":
        for name in ("sessions", "hearings", "citizens", "group_hearings", "group_citizens"):
            setattr(self, name, getattr(self, name) + getattr(other, name))
        self.online += other.online
        self.places = self.places + [p for p in other.places if p not in self.places]
        return self

    @property
    def in_person(self) -> int:
        return self.hearings - self.online


def _every_kind() -> dict[str, Tally]:
    return {kind: Tally() for kind in SessionKind.values}


@dataclass
class Reception:
    """The scheme's figures of a span (the period, or one calendar year of it)."""

    period: Period
    kinds: dict[str, Tally] = field(default_factory=_every_kind)
    areas: list[tuple[Place, int]] = field(default_factory=list)  # periodic citizens, largest first

    @property
    def total(self) -> Tally:
        total = Tally()
        for tally in self.kinds.values():
            total += tally
        return total

    @property
    def mode(self) -> str:
        """How the span's hearings were held: online, in_person, mixed, or none."""
        total = self.total
        if not total.hearings:
            return "none"
        if total.online == total.hearings:
            return "online"
        return "in_person" if not total.online else "mixed"


@dataclass
class Figures:
    period: Period
    units_mode: str
    reception: Reception
    years: list[Reception] = field(default_factory=list)  # per calendar year, when several
    by_kind: dict[str, int] = field(default_factory=dict)  # hearings by petition kind
    by_mode: dict[str, int] = field(default_factory=dict)  # hearings online / in person
    received: int = 0  # registrations (lượt, đơn)
    received_matters: int = 0  # of those, the ones opening a matter (vụ việc)
    outcomes: dict[str, int] = field(default_factory=dict)
    backlog: int = 0
    rolled_over: int = 0
    wait_average: float | None = None  # days from registration to hearing
    wait_max: int | None = None
    assignments: dict[str, int] = field(default_factory=dict)
    overdue_by_agency: list[tuple[str, int]] = field(default_factory=list)
    connection_tests: dict[str, int] = field(default_factory=dict)
    failed_connections: list[tuple[str, datetime.datetime]] = field(default_factory=list)
    overrides: int = 0  # workflow rules overridden in the period (overrides.py lists them)
    # Law Art. 28 and Decree 154 Art. 4(3): notices given late, and owed past deadline.
    notices: dict[str, int] = field(default_factory=dict)

    @property
    def kinds(self) -> dict[str, Tally]:
        return self.reception.kinds

    @property
    def periodic(self) -> Tally:
        return self.reception.kinds[PERIODIC]

    @property
    def total(self) -> Tally:
        return self.reception.total

    @property
    def by_unit(self) -> list[tuple[str, int]]:
        """The periodic sessions' citizens by area (official names), largest first."""
        return [(place.name, people) for place, people in self.reception.areas]


def visible_petitions(user):
    """The petitions a figure, register or report may count for `user` (None: all):
    the cases, never a registration voided as a duplicate (Petition.objects.counted)."""
    qs = Petition.objects.counted()
    return qs if user is None else rule_for(Petition).queryset(user, qs)


def counted_events(events):
    """Petition events, less those of registrations that are not counted (voided as
    duplicates): what they did before being voided is no figure either."""
    return events.filter(doctype="petition").exclude(
        object_id__in=Petition.objects.not_counted().values("pk")
    )


# Up to this many petitions in a scope that is not units (an agency's cases), their ids
# are read once and the counts filter by them; beyond, by a subquery.
NARROWED_IDS = 5000
SCOPE_HELD = "_tcd_report_scope"


def _narrowed(user):
    """The petitions to restrict counts to, or None when the viewer sees them all (a
    filter on a million ids would cost more than the count). A scope of few cases
    (a department's) is a list of ids: a subquery the database joins to each of a
    year's steps, through the agencies concerned, took seconds."""
    if user is None or rule_for(Petition).sees_all(user):
        return None
    if hasattr(user, SCOPE_HELD):  # read once per compute()
        return getattr(user, SCOPE_HELD)
    rule = rule_for(Petition)
    if rule.unit_scope(user) is not None:
        return rule.queryset(user).order_by().values("pk")
    agencies = rule.agency_scope(user)
    # An agency's officer's cases are the keys of its links: counted and kept there
    # without reading a petition (0.09 s to find a department's were over the limit,
    # 0.1 s for its open tasks joined to their cases, half of it without).
    if agencies is None:
        scope, key = rule.queryset(user).order_by().values("pk"), "pk"
    else:
        scope, key = rule.agency_cases(agencies), "petition_id"
        # More links than the limit: more cases than it, or so many that the subquery
        # serves as well. Counted from the agency index alone (2 ms), where reading
        # the distinct cases up to the limit took 10 ms for a department, in each of
        # the dashboard's three counts.
        if scope.values("pk")[: NARROWED_IDS + 1].count() > NARROWED_IDS:
            return scope
    ids = list(scope.values_list(key, flat=True).distinct()[: NARROWED_IDS + 1])
    return sorted(ids) if len(ids) <= NARROWED_IDS else scope


def _of_visible_petitions(qs, user, path: str = "petition"):
    """`qs` (rows linked to a petition by `path`) kept to the petitions `user` may
    count. A viewer scoped by units alone is asked of each row's petition through the
    join, so the query reads the rows it counts (a month's hearings, the open tasks)
    and looks up their petitions, not the hundred thousand cases of a district."""
    narrowed = _narrowed(user)
    if narrowed is None:
        return qs
    units = rule_for(Petition).unit_scope(user)
    if units is None:
        return qs.filter(**{f"{path}__in": narrowed})
    units = sorted(units)
    return qs.filter(
        Q(**{f"{path}__residence_unit_id__in": units}) | Q(**{f"{path}__matter_unit_id__in": units})
    )


def _cases(user):
    """The petitions the figures count (a registration voided as a duplicate never)."""
    return visible_petitions(user)


def _counted_steps(events):
    """The steps of the petitions the figures count."""
    return counted_events(events)


class _Kept:
    """The figures kept per month (cube.py) for a period of whole months, as a viewer
    who sees every case or the cases of a set of units may count them."""

    def __init__(
        self,
        period: Period,
        units: frozenset[int] | None,
        agencies: frozenset[int] | None = None,
    ):
        self.first, self.last = cube.month_of(period.start), cube.month_of(period.end)
        self.units, self.agencies = units, agencies
        self.spans = cube.span_counts(self.first, self.last, units, agencies)

    def get(self, figure: str) -> int:
        return self.spans.get(figure) or 0

    @classmethod
    def of(cls, period: Period, user) -> "_Kept | None":
        """None when the kept figures cannot answer: a period cutting a month, a viewer
        whose scope is neither units alone nor agencies alone (the central board's
        cases, both kinds), agencies whose rows do not add up (cube.agencies_readable),
        or a table not built yet."""
        if not period.whole_months or not cube.built():
            return None
        scope = _kept_scope(user)
        return cls(period, *scope) if scope else None


def _kept_scope(user) -> tuple:
    """(units, agencies) the kept figures answer `user` from (both None: every case),
    or an empty tuple when they cannot."""
    rule = rule_for(Petition)
    if user is None or rule.sees_all(user):
        return (None, None)
    units = rule.unit_scope(user)
    if units is not None:
        return (units, None)
    if rule.agency_scope(user) is not None:  # an agency's officer: their agencies' rows
        roots = agency_scope_roots(user)
        if cube.agencies_readable(roots):
            return (None, roots)
    return ()


def _held_sessions(period: Period, user):
    qs = ReceptionSession.objects.filter(date__range=(period.start, period.end), state__in=HELD)
    return qs if user is None else rule_for(ReceptionSession).queryset(user, qs)


def heard_items(period: Period, user=None):
    """The hearings of the period the viewer may count."""
    items = AgendaItem.objects.filter(
        heard=True, session__in=_held_sessions(period, user).values("pk")
    ).exclude(petition__state__in=NOT_COUNTED_STATES)
    return _of_visible_petitions(items, user)


class _Span:
    """Gathers one span's rows; `finish` names the areas and places as of its end."""

    def __init__(self, period: Period, naming_day: datetime.date):
        self.reception = Reception(period)
        self.day = naming_day
        self.by_unit: Counter = Counter()
        self.heard: dict[str, list] = {kind: [] for kind in SPECIAL_KINDS}

    def add(self, kind, order, people, group, unit_id, online) -> None:
        self.reception.kinds.setdefault(kind, Tally()).add(people, group, online)
        if kind == PERIODIC:
            self.by_unit[unit_id] += people
        else:
            self.heard.setdefault(kind, []).append((order, unit_id))

    def finish(self, names: UnitNames | None) -> Reception:
        if names is None:
            return self.reception
        areas: Counter = Counter()
        for unit_id, people in self.by_unit.items():
            areas[names.area(unit_id, self.day)] += people
        self.reception.areas = sorted(areas.items(), key=lambda kv: (-kv[1], kv[0].name))
        for kind, heard in self.heard.items():
            places = self.reception.kinds[kind].places
            for _order, unit_id in sorted(heard, key=lambda row: row[0]):
                place = names.where(unit_id, self.day)
                if place not in places:
                    places.append(place)
        return self.reception


def _sessions(period: Period, user, spans: dict) -> None:
    """Held sessions by kind, per span: one grouped query."""
    rows = (
        _held_sessions(period, user)
        .annotate(y=ExtractYear("date"))
        .values("kind", "y")
        .annotate(n=Count("pk"))
        .values_list("kind", "y", "n")
    )
    for kind, year, n in rows:
        for key in (None, year):
            if key in spans:
                spans[key].reception.kinds.setdefault(kind, Tally()).sessions += n


def _attendance(figures: Figures, items, user, today: datetime.date) -> None:
    """One pass over the period's hearings (one query, plus two to name the units,
    whatever the number of rows) feeds the whole period and each of its years."""
    period = figures.period

    def naming_day(span: Period) -> datetime.date:
        return today if figures.units_mode == UNITS_TODAY else span.end

    spans = {None: _Span(period, naming_day(period))}
    years = len(period.calendar_years()) > 1
    if years:
        for part in period.calendar_years():
            spans[part.start.year] = _Span(part, naming_day(part))
    _sessions(period, user, spans)
    rows = items.annotate(
        people=Coalesce("attendance_count", "petition__group_size"),
    ).values_list(
        "session__kind",
        "session__date",
        "session_id",
        "position",
        "people",
        "petition__group_size",
        "group_delegation",
        "petition__residence_unit_id",
        "petition__kind",
        "mode",
    )
    by_kind: Counter = Counter()
    by_mode: Counter = Counter()
    names = None
    for row in rows.iterator(chunk_size=2000):
        kind, day, session_id, position, people, size, marked, unit_id, petition_kind, mode = row
        if names is None:
            names = UnitNames()
        hearing = (kind, (day, session_id, position), people, is_group(size, marked), unit_id)
        online = mode == HearingMode.ONLINE
        spans[None].add(*hearing, online)
        if years:
            spans[day.year].add(*hearing, online)
        by_kind[petition_kind] += 1
        by_mode[mode] += 1
    figures.reception = spans[None].finish(names)
    figures.years = [span.finish(names) for key, span in spans.items() if key is not None]
    figures.by_kind = {k: by_kind.get(k, 0) for k in PetitionKind.values}
    figures.by_mode = {m: by_mode.get(m, 0) for m in HearingMode.values}


def _outcomes(period: Period, user, kept: _Kept | None = None) -> dict[str, int]:
    if kept is not None:
        return {state: kept.get(cube.outcome(state)) for state in OUTCOMES}
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
        _counted_steps(events)
        .values("to_state")
        .annotate(n=Count("object_id", distinct=True))
        .values_list("to_state", "n")
    )
    return {state: found.get(state, 0) for state in OUTCOMES}


def _backlog(period: Period, user, kept: _Kept | None = None) -> tuple[int, int]:
    """Cases waiting for a hearing at the period's end, and those sent back to the
    queue during it (rolled over: scheduled, not reached)."""
    start, after = period.bounds()
    narrowed = _narrowed(user)
    present = period.end >= timezone.localdate()
    if kept is not None:
        # The cases waiting now from the kept steps too (None: every step kept): by
        # their states, each of a department's 23,000 cases was looked up (0.2 s), and
        # the province's 260,000 waiting cases of the million-case history were
        # counted from the state index (46 ms, against 24 ms summed).
        waiting = cube.waiting_after(None if present else kept.last, kept.units, kept.agencies)
    elif present:
        waiting = _waiting_now(user)  # the states as they are
    else:
        waiting = _waiting_at(after, user, narrowed)
    if kept is not None:
        return waiting, kept.get(cube.ROLLED)
    rolled = WorkflowEvent.objects.filter(
        doctype="petition",
        at__gte=start,
        at__lt=after,
        from_state="scheduled",
        to_state="approved",
    )
    if narrowed is not None:
        rolled = rolled.filter(object_id__in=narrowed)
    return waiting, _counted_steps(rolled).values("object_id").distinct().count()


def _waiting_now(user) -> int:
    """The cases waiting now. For a viewer scoped by units, those living in the units
    plus those whose matter lies there and who live elsewhere: two reads of the
    (unit, state) indexes instead of the union of a district's cases."""
    units = None if _narrowed(user) is None else rule_for(Petition).unit_scope(user)
    if units is None:
        return _cases(user).filter(state__in=WAITING).count()
    units = sorted(units)
    waiting = _cases(None).filter(state__in=WAITING)
    return (
        waiting.filter(residence_unit_id__in=units).count()
        + waiting.filter(matter_unit_id__in=units).exclude(residence_unit_id__in=units).count()
    )


def _waiting_at(moment: datetime.datetime, user, narrowed) -> int:
    """Cases waiting at a past moment, read from the log without replaying each case:
    every case enters the waiting states (approved, scheduled) and leaves them in turn,
    so the steps into them before the moment, less the steps out of them, count the
    cases inside. The same count is the cases waiting now, less the steps in since the
    moment, plus the steps out: whichever side of the moment holds fewer steps is read
    (a month of 2024 in a log of twenty years is closer to now). The nightly integrity
    check keeps the log and the states in step."""
    events = _counted_steps(WorkflowEvent.objects.filter(doctype="petition"))
    if narrowed is not None:
        events = events.filter(object_id__in=narrowed)
    if _nearer_now(moment):
        later = events.filter(at__gte=moment)
        now = _cases(user).filter(state__in=WAITING).count()
        return now - later.filter(ENTERING).count() + later.filter(LEAVING).count()
    earlier = events.filter(at__lt=moment)
    return earlier.filter(ENTERING).count() - earlier.filter(LEAVING).count()


def _nearer_now(moment: datetime.datetime) -> bool:
    first = (
        WorkflowEvent.objects.filter(doctype="petition").order_by("at").values_list("at", flat=True)
    ).first()
    return first is None or timezone.now() - moment < moment - first


def _open_by_agency(user, qs, cutoff: datetime.date) -> list[dict]:
    """The open tasks `user` may count, by agency: how many, and how many due by
    `cutoff`. A unit officer's are read by the case units each task carries, as the
    tasks of cases living in the units plus those arising there and living elsewhere,
    two ranges of indexes holding every column they need: joined to their petitions,
    each of the province's 14,000 open tasks looked its case up (0.12 s)."""
    units = rule_for(Petition).unit_scope(user) if _narrowed(user) is not None else None
    if units is None:
        parts = [qs.filter(state__in=OPEN_ASSIGNMENT_STATES)]
    else:
        units = sorted(units)
        open_tasks = Assignment.objects.filter(state__in=OPEN_ASSIGNMENT_STATES)
        parts = [
            open_tasks.filter(case_residence_unit__in=units),
            open_tasks.filter(case_matter_unit__in=units).exclude(case_residence_unit__in=units),
        ]
    found: dict[int, dict] = {}
    for part in parts:
        rows = (
            part.values("agency_id")
            .annotate(open=Count("pk"), overdue=Count("pk", filter=Q(deadline__lte=cutoff)))
            .order_by()
        )
        for r in rows:
            into = found.setdefault(
                r["agency_id"], {"agency_id": r["agency_id"], "open": 0, "overdue": 0}
            )
            into["open"] += r["open"]
            into["overdue"] += r["overdue"]
    return list(found.values())


def _assignments(period: Period, user) -> tuple[dict[str, int], list[tuple[str, int]]]:
    qs = _of_visible_petitions(Assignment.objects.all(), user)
    due = qs.filter(deadline__range=(period.start, period.end))
    counts = due.aggregate(
        due=Count("pk"),
        on_time=Count("pk", filter=Q(done_on__isnull=False, done_on__lte=F("deadline"))),
        late=Count("pk", filter=Q(done_on__gt=F("deadline"))),
    )
    # The open tasks read once, counted by agency: all of them and those overdue. A
    # period not over yet (this month on the home page) counts what is overdue today,
    # not the tasks falling due later in it.
    cutoff = min(period.end, timezone.localdate() - datetime.timedelta(days=1))
    # Grouped by the agency's key, named after: grouped by its name, MariaDB read the
    # tasks agency by agency through the small table and every task of each (0.75 s
    # for a district on a million cases, 0.12 s read by state).
    by_agency = _open_by_agency(user, qs, cutoff)
    names = dict(
        Agency.objects.filter(pk__in=[r["agency_id"] for r in by_agency]).values_list("pk", "name")
    )
    open_by_name: Counter = Counter()
    overdue_by_name: Counter = Counter()
    for r in by_agency:
        open_by_name[names[r["agency_id"]]] += r["open"]
        overdue_by_name[names[r["agency_id"]]] += r["overdue"]
    rows = [(name, n, overdue_by_name[name]) for name, n in open_by_name.items()]
    counts["open"] = sum(n for _, n, _ in rows)
    counts["overdue"] = sum(n for _, _, n in rows)
    overdue = sorted(((name, n) for name, _, n in rows if n), key=lambda r: (-r[1], r[0]))
    return counts, overdue


def _notices(period: Period, user) -> dict[str, int]:
    cases = _cases(user)
    end = period.end
    told_late = cases.filter(
        acceptance_notified_on__range=(period.start, end),
        acceptance_notified_on__gt=F("acceptance_deadline"),
    ).count()
    untold = (
        cases.filter(acceptance_deadline__lt=end, from_records__isnull=True)
        .filter(Q(acceptance_notified_on=None) | Q(acceptance_notified_on__gt=end))
        .exclude(state="withdrawn")
        .count()
    )
    form01_late = cases.filter(
        refusal_notice_date__range=(period.start, end),
        refusal_notice_date__gt=F("refusal_notice_due"),
    ).count()
    form01_missing = (
        cases.filter(refusal_notice_due__lt=end, from_records__isnull=True)
        .filter(Q(refusal_notice_date=None) | Q(refusal_notice_date__gt=end))
        .exclude(state="withdrawn")
        .count()
    )
    return {
        "acceptance_late": told_late,
        "acceptance_missing": untold,
        "refusal_notice_late": form01_late,
        "refusal_notice_missing": form01_missing,
    }


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


# What a caller may ask for alone (the desk's home page shows a few of them).
PARTS = frozenset(
    {
        "reception",
        "received",
        "outcomes",
        "backlog",
        "waits",
        "assignments",
        "connections",
        "overrides",
        "notices",
    }
)


def compute(
    period: Period,
    user=None,
    units_mode: str = UNITS_OF_PERIOD,
    today: datetime.date | None = None,
    parts: frozenset[str] = PARTS,
) -> Figures:
    """The figures of `period` as `user` may count them; `parts` (of PARTS) limits the
    work to those figures, the others left empty."""
    if user is not None and not hasattr(user, SCOPE_HELD):
        setattr(user, SCOPE_HELD, _narrowed(user))  # the scope read once for every figure
        try:
            return compute(period, user, units_mode, today, parts)
        finally:
            delattr(user, SCOPE_HELD)
    figures = Figures(period=period, units_mode=units_mode, reception=Reception(period))
    items = heard_items(period, user)
    if "reception" in parts:
        _attendance(figures, items, user, today or timezone.localdate())
    kept = _Kept.of(period, user) if parts & {"received", "outcomes", "backlog"} else None
    if "received" in parts:
        figures.received = (
            kept.get(cube.RECEIVED)
            if kept is not None
            else _cases(user).filter(received_date__range=(period.start, period.end)).count()
        )
        figures.received_matters = (
            kept.get(cube.RECEIVED_MATTERS)
            if kept is not None
            else _cases(user)
            .filter(NEW_MATTER, received_date__range=(period.start, period.end))
            .count()
        )
    if "outcomes" in parts:
        figures.outcomes = _outcomes(period, user, kept)
    if "backlog" in parts:
        figures.backlog, figures.rolled_over = _backlog(period, user, kept)
    if "waits" in parts:
        waits = items.aggregate(
            average=Avg(F("session__date") - F("petition__received_date")),
            longest=Max(F("session__date") - F("petition__received_date")),
        )
        figures.wait_average, figures.wait_max = _days(waits["average"]), _days(waits["longest"])
    if "assignments" in parts:
        figures.assignments, figures.overdue_by_agency = _assignments(period, user)
    if "connections" in parts:
        figures.connection_tests, figures.failed_connections = _connections(period, user)
    if "overrides" in parts:
        figures.overrides = len(overrides_of(period, user))
    if "notices" in parts:
        figures.notices = _notices(period, user)
    return figures


def _days(value) -> float | int | None:
    """Date differences come back as timedelta (MariaDB: microseconds as a number)."""
    if value is None:
        return None
    if isinstance(value, datetime.timedelta):
        return value.total_seconds() / 86400
    return float(value) / 86_400_000_000


@dataclass(frozen=True)
class TrendMonth:
    """A month's hearings and citizens, per kind of session: kind -> (hearings, citizens)."""

    label: str  # MM/YYYY
    kinds: dict[str, tuple[int, int]]

    @property
    def hearings(self) -> int:
        return sum(h for h, _ in self.kinds.values())

    @property
    def citizens(self) -> int:
        return sum(c for _, c in self.kinds.values())


# A trend shows at least a year and at most five (the longest report).
TREND_MONTHS, TREND_MAX_MONTHS = 12, 60


def monthly_trend(period: Period, user=None, months: int = TREND_MONTHS) -> list[TrendMonth]:
    """Month by month, per kind of session, over the period's months (at least `months`
    calendar months ending with the period's last one): one grouped query."""
    months = min(max(months, len(period.months())), TREND_MAX_MONTHS)
    last = Period.month(period.end.year, period.end.month)
    first = last.start
    for _ in range(months - 1):
        first = (first - datetime.timedelta(days=1)).replace(day=1)
    span = Period(first, last.end)
    rows = (
        heard_items(span, user)
        .annotate(y=ExtractYear("session__date"), m=ExtractMonth("session__date"))
        .values("y", "m", "session__kind")
        .annotate(
            hearings=Count("pk"),
            citizens=Sum(Coalesce("attendance_count", "petition__group_size")),
        )
    )
    found: dict[tuple[int, int], dict[str, tuple[int, int]]] = {}
    for r in rows:
        found.setdefault((r["y"], r["m"]), {})[r["session__kind"]] = (
            r["hearings"],
            r["citizens"] or 0,
        )
    return [
        TrendMonth(
            f"{m.start.month:02d}/{m.start.year}",
            {
                kind: found.get((m.start.year, m.start.month), {}).get(kind, (0, 0))
                for kind in SessionKind.values
            },
        )
        for m in span.months()
    ]
