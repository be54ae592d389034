"""The queue's forecast from the database: the queue as it stands, the cases approved
over the last twelve months, the periodic sessions of the twelve months ahead (and the
one the scheme requires in a month that has none yet), run through forecast.py, with
what would change it. A fixed number of queries, whatever the queue's length."""

import datetime
import itertools
from dataclasses import dataclass

from django.core.exceptions import ValidationError
from django.db import connection, transaction
from django.db.models import Count, Q
from django.utils import timezone
from django.utils.translation import gettext as _

from ..doctype.admin_unit.models import AdministrativeUnit
from ..doctype.reception_session import constants as sc
from ..doctype.reception_session.constants import HearingMode, SessionKind
from ..doctype.reception_session.models import AgendaItem, ReceptionSession
from ..doctype.working_calendar.services import periodic_session_date
from .agenda import EDITABLE_AGENDA_STATES, PointFinder, hears_online
from .calendar import months_from
from .forecast import (
    Case,
    Forecast,
    Month,
    Session,
    forecast,
    spread,
    with_capacity,
    with_extra_session,
    with_online_minutes,
)
from .models import DEFAULT_WAIT_THRESHOLD_DAYS, QueuePlanning
from .queue import queue, queue_length

HORIZON_MONTHS = 12
# The steps that put a case in the queue for the first time (a case not reached and
# put back is no new arrival).
APPROVING_STEPS = ("approve", "admit_in_person")
# What the what-ifs change: five more hearings a session; one more hour online (four
# slots of 12 minutes and 3 between); one ad hoc session next month taking the queue.
MORE_CAPACITY = 5
MORE_ONLINE_MINUTES = 60
CLOSED_SESSION_STATES = frozenset({"postponed", "cancelled", "held", "closed"})


def wait_threshold() -> int:
    """The Board's threshold of expected wait, in days (60 until the Board sets one)."""
    row = QueuePlanning.objects.order_by("pk").values_list("wait_threshold_days", flat=True)
    return row.first() or DEFAULT_WAIT_THRESHOLD_DAYS


@transaction.atomic
def set_wait_threshold(days: int, *, by=None) -> QueuePlanning:
    """Record the Board's threshold (validated: 1 to 730 days)."""
    row = QueuePlanning.objects.select_for_update().order_by("pk").first() or QueuePlanning()
    row.wait_threshold_days = days
    row.updated_by = by
    try:
        row.full_clean()
    except ValidationError as exc:
        raise ValidationError(
            _("The threshold is a number of days from 1 to 730."), code="bad_threshold"
        ) from exc
    row.save()
    return row


def _minutes(t: datetime.time) -> int:
    return t.hour * 60 + t.minute


# Read no more than this many times what the horizon can hear: a queue of cases of one
# kind only (all online, say) is not read to its end for the other kind's slots.
READ_FACTOR = 4
MIN_CHUNK = 500  # rows a read of the queue asks for at least


def _queued_cases(most: int) -> tuple[list[Case], int]:
    """The queue's head in its order, each case online or not as the agenda would place
    it (a basis, consent or a proposal, and a commune point for its address), and how
    many wait behind it unread. Reading stops once `most` cases of each kind are read,
    since no horizon hears more: a backlog of years (a quarter of a million cases on
    the benchmark) is not read row by row."""
    finder, cases, chunk = PointFinder(), [], max(2 * most, MIN_CHUNK)
    # The units by key, read once: joined to the queue, MariaDB would read the queue
    # unit by unit and sort it, instead of along its order's index.
    units = AdministrativeUnit.objects.in_bulk()
    online = in_person = 0
    while True:
        rows = list(_queue_rows()[len(cases) : len(cases) + chunk])
        for p in rows:
            p.residence_unit = units[p.residence_unit_id]
            case = _case(p, finder)
            cases.append(case)
            online, in_person = online + case.online, in_person + (not case.online)
        if len(rows) < chunk:
            return cases, 0  # the whole queue read
        if (online >= most and in_person >= most) or len(cases) >= READ_FACTOR * most:
            return cases, queue_length() - len(cases)


def _case(p, finder: PointFinder) -> Case:
    return Case(
        p.pk,
        online=hears_online(p) and finder.point_for(p) is not None,
        group=p.is_group,
        since=p.received_date,
    )


def _queue_rows():
    return queue().only(
        "pk",
        "received_date",
        "group_size",
        "eligibility_basis",
        "citizen_consent",
        "chairman_proposal",
        "residence_unit",
        "urgent",
        "registration_year",
        "registration_seq",
    )


def approvals_by_month(today: datetime.date) -> list[int]:
    """Cases approved for hearing in each of the last twelve months (oldest first),
    counted by the database in one pass over the year's events (a backlog's year holds
    tens of thousands)."""
    from ..workflow.models import WorkflowEvent

    zone = timezone.get_current_timezone()
    bounds = [
        timezone.make_aware(
            datetime.datetime.combine(_month_start(today, shift), datetime.time()), zone
        )
        for shift in range(-12, 1)
    ]
    counts = WorkflowEvent.objects.filter(
        doctype="petition", action__in=APPROVING_STEPS, at__gte=bounds[0], at__lt=bounds[-1]
    ).aggregate(
        **{
            f"m{n}": Count("pk", filter=Q(at__gte=start, at__lt=end))
            for n, (start, end) in enumerate(itertools.pairwise(bounds))
        }
    )
    return [counts[f"m{n}"] for n in range(12)]


def _month_start(today: datetime.date, shift: int) -> datetime.date:
    index = today.year * 12 + today.month - 1 + shift
    return datetime.date(index // 12, index % 12 + 1, 1)


def _default_session(day: datetime.date, planned: bool = False) -> Session:
    return Session(
        day=day,
        capacity=sc.DEFAULT_CAPACITY,
        online_minutes=_minutes(sc.DEFAULT_ONLINE_END) - _minutes(sc.DEFAULT_ONLINE_START),
        in_person_minutes=_minutes(sc.DEFAULT_IN_PERSON_END) - _minutes(sc.DEFAULT_IN_PERSON_START),
        slot=sc.DEFAULT_SLOT_MINUTES,
        group_slot=sc.DEFAULT_GROUP_SLOT_MINUTES,
        gap=sc.DEFAULT_GAP_MINUTES,
        planned=planned,
    )


def _sessions_ahead(today: datetime.date, end: datetime.date) -> dict:
    """(year, month) -> [Session]: what each periodic session ahead can still take. A
    draft's agenda may still grow; a session past its draft takes no more cases."""
    found: dict = {}
    sessions = ReceptionSession.objects.filter(
        kind=SessionKind.PERIODIC, date__gte=today, date__lt=end
    ).exclude(state__in=CLOSED_SESSION_STATES)
    sessions = list(sessions)
    items = AgendaItem.objects.filter(session__in=[s.pk for s in sessions]).values_list(
        "session_id", "mode", "slot_end"
    )
    placed: dict = {}
    for session_id, mode, slot_end in items:
        placed.setdefault(session_id, []).append((mode, slot_end))
    for s in sessions:
        online_start, morning_start = _minutes(s.start_time), _minutes(s.in_person_start)
        for mode, slot_end in placed.get(s.pk, ()):
            if slot_end is None:
                continue
            after = _minutes(slot_end) + s.gap_minutes
            if mode == HearingMode.ONLINE:
                online_start = max(online_start, after)
            else:
                morning_start = max(morning_start, after)
        open_agenda = s.state in EDITABLE_AGENDA_STATES
        free = max(0, s.capacity - len(placed.get(s.pk, ()))) if open_agenda else 0
        found.setdefault((s.date.year, s.date.month), []).append(
            Session(
                day=s.date,
                capacity=free,
                online_minutes=max(0, _minutes(s.end_time) - online_start),
                in_person_minutes=max(0, _minutes(s.in_person_end) - morning_start),
                slot=s.slot_minutes,
                group_slot=s.group_slot_minutes,
                gap=s.gap_minutes,
            )
        )
    return found


@dataclass
class Plan:
    """The forecast and its what-ifs, with what they were computed from."""

    today: datetime.date
    threshold: int
    approvals: list[int]  # the last twelve months, oldest first
    monthly_rate: float
    online_share: float
    queue_size: int
    unread: int  # queued behind the cases read: none of them heard within the horizon
    base: Forecast
    what_ifs: list[tuple[str, str, Forecast]]  # (key, label, forecast)
    months: list[Month]

    def flagged(self, key) -> bool:
        found = self.base.cases.get(key)
        if found is None:  # behind the cases read, so past the horizon, or not queued
            return bool(self.unread)
        return found.wait_from_today is None or found.wait_from_today > self.threshold

    @property
    def flagged_count(self) -> int:
        return sum(1 for key in self.base.cases if self.flagged(key)) + self.unread


def most_heard(today: datetime.date, sessions: dict) -> int:
    """The most hearings the twelve months ahead could hold under any what-if: every
    session (or the one the scheme requires) with the larger capacity, and the extra
    session."""
    total = sc.DEFAULT_CAPACITY + MORE_CAPACITY
    for key in months_from(_month_start(today, 0), HORIZON_MONTHS):
        held = sessions.get(key)
        if held:
            total += sum(s.capacity + MORE_CAPACITY for s in held)
        else:
            total += sc.DEFAULT_CAPACITY + MORE_CAPACITY
    return total


def build_months(
    today: datetime.date, rate: float, online_share: float, sessions: dict
) -> list[Month]:
    """The twelve months from this one: their sessions (the periodic session the
    scheme requires where none is created yet) and the cases expected to join. This
    month's expected cases are only those of the days left in it."""
    first = _month_start(today, 0)
    days_in_month = (_month_start(today, 1) - first).days
    left = (days_in_month - today.day + 1) / days_in_month
    counts = [round(rate * left), *spread(rate, HORIZON_MONTHS - 1)]
    months = []
    for (year, month), arrivals in zip(months_from(first, HORIZON_MONTHS), counts, strict=True):
        held = sessions.get((year, month))
        if held is None:
            day = periodic_session_date(year, month)
            held = [_default_session(day)] if day >= today else []
        months.append(
            Month(
                datetime.date(year, month, 1),
                tuple(held),
                arrivals,
                round(arrivals * online_share),
            )
        )
    return months


def plan(today: datetime.date | None = None) -> Plan:
    """The queue's forecast for the twelve months ahead, and three what-ifs."""
    today = today or timezone.localdate()
    sessions = _sessions_ahead(today, _month_start(today, HORIZON_MONTHS))
    cases, tail = _queued_cases(most_heard(today, sessions))
    approvals = approvals_by_month(today)
    rate = sum(approvals) / 12
    share = (sum(1 for c in cases if c.online) / len(cases)) if cases else 1.0
    months = build_months(today, rate, share, sessions)
    next_month = _month_start(today, 1)
    extra_day = next_month.replace(day=25)
    what_ifs = [
        (
            "capacity",
            _("%(n)s more hearings at every session") % {"n": MORE_CAPACITY},
            forecast(cases, with_capacity(months, MORE_CAPACITY), today, tail),
        ),
        (
            "ad_hoc",
            _("One extra session on %(day)s taking the queue")
            % {"day": extra_day.strftime("%d/%m/%Y")},
            forecast(
                cases, with_extra_session(months, 1, _default_session(extra_day)), today, tail
            ),
        ),
        (
            "online",
            _("One more hour of online hearings at every session (%(n)s more slots)")
            % {"n": MORE_ONLINE_MINUTES // (sc.DEFAULT_SLOT_MINUTES + sc.DEFAULT_GAP_MINUTES)},
            forecast(cases, with_online_minutes(months, MORE_ONLINE_MINUTES), today, tail),
        ),
    ]
    return Plan(
        today=today,
        threshold=wait_threshold(),
        approvals=approvals,
        monthly_rate=rate,
        online_share=share,
        queue_size=len(cases) + tail,
        unread=tail,
        base=forecast(cases, months, today, tail),
        what_ifs=what_ifs,
        months=months,
    )


# The forecast is the province's, the same for every planner: the queue page and the
# dashboards share one copy while nothing it reads has changed (`_fingerprint`), and
# for two minutes at most: a change written around the history (a bulk import), or one
# committed after a later-numbered one was already read, is seen within that time.
SHARED_SECONDS = 120


def _fingerprint() -> tuple:
    """What the forecast reads, in numbers that move whenever it changes: the newest
    workflow step (approvals, sessions' states) and the newest change kept in the
    history of each record it reads (every save and deletion through the desk, the API
    and the services writes one: a case made urgent, an agenda item moved, a session's
    hours, a bridge point, a calendar day). One statement of index look-ups."""
    from ..doctype.bridge_point.models import BridgePoint
    from ..doctype.petition.models import Petition
    from ..doctype.working_calendar.models import CalendarDay
    from ..workflow.models import WorkflowEvent

    tables = [(WorkflowEvent._meta.db_table, "id")] + [
        (model.history.model._meta.db_table, "history_id")
        for model in (Petition, ReceptionSession, AgendaItem, BridgePoint, CalendarDay)
    ]
    quote = connection.ops.quote_name
    columns = ", ".join(f"(SELECT MAX({quote(c)}) FROM {quote(t)})" for t, c in tables)
    with connection.cursor() as cursor:
        cursor.execute(f"SELECT {columns}")
        return tuple(cursor.fetchone())


def shared_plan(today: datetime.date | None = None) -> Plan:
    """`plan()`, computed once for everyone until what it reads changes (114 ms on a
    backlog of a quarter of a million cases; its key, under a millisecond); a changed
    threshold is a fresh copy."""
    from django.core.cache import cache

    today = today or timezone.localdate()
    stamp = "-".join(str(n or 0) for n in _fingerprint())
    key = f"tcd:queue-forecast:{today.isoformat()}:{wait_threshold()}:{stamp}"
    found = cache.get(key)
    if found is None:
        found = plan(today)
        cache.set(key, found, SHARED_SECONDS)
    return found


def figures(plan_: Plan, result: Forecast) -> dict:
    """What one forecast comes to: the queue in twelve months, the month it is
    cleared, the cases over the threshold, the wait of a case approved at the end."""
    flagged = plan_.unread + sum(
        1
        for found in result.cases.values()
        if found.wait_from_today is None or found.wait_from_today > plan_.threshold
    )
    waits = [m.new_case_wait for m in result.months if m.arrivals]
    return {
        "queue_end": result.months[-1].queue_after if result.months else plan_.queue_size,
        "cleared_after": result.cleared_after,
        "flagged": flagged,
        "new_case_wait": waits[-1] if waits else None,
        "heard": sum(m.heard for m in result.months),
    }
