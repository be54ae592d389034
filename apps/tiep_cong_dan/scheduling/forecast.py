"""The queue's forecast, as pure computation: no database, so that a small case can be
worked out by hand and checked (tests/scheduling/test_forecast.py).

The model is the one the desk follows when it builds an agenda (agenda.build_agenda):
each periodic session takes cases from the front of the queue, in order, until its
capacity is reached; an online case needs a slot in the afternoon window, an in-person
case one in the morning; a case that no longer fits its window is passed over and the
next one tried. Cases approved during a month join the back of the queue after that
month's session (its agenda is built and announced days before it), so they are heard
at the earliest in the following month."""

import datetime
from dataclasses import dataclass, field, replace


@dataclass(frozen=True)
class Case:
    """A case waiting: a petition in the queue, or one expected to be approved."""

    key: object  # the petition's id; ("new", month) for an expected case
    online: bool = True
    group: bool = False
    since: datetime.date | None = None  # received (expected: the middle of its month)


@dataclass(frozen=True)
class Session:
    """What a session can still take: hearings and minutes left in each window."""

    day: datetime.date
    capacity: int
    online_minutes: int
    in_person_minutes: int
    slot: int = 12
    group_slot: int = 20
    gap: int = 3
    planned: bool = True  # False: the month's periodic session is not created yet


@dataclass(frozen=True)
class Month:
    first_day: datetime.date
    sessions: tuple[Session, ...]
    arrivals: int = 0  # cases expected to be approved during the month
    arrivals_online: int = 0


@dataclass(frozen=True)
class MonthResult:
    first_day: datetime.date
    sessions: tuple[Session, ...]
    queue_before: int
    heard: int
    arrivals: int
    queue_after: int
    # Days a case approved in the middle of this month waits for its hearing (None:
    # not heard within the horizon).
    new_case_wait: int | None


@dataclass(frozen=True)
class CaseResult:
    key: object
    hearing: datetime.date | None  # None: not heard within the horizon
    wait_from_today: int | None


@dataclass
class Forecast:
    today: datetime.date
    months: list[MonthResult] = field(default_factory=list)
    cases: dict = field(default_factory=dict)  # key -> CaseResult, the queue's, in its order

    @property
    def cleared_after(self) -> int | None:
        """The first month (1-based) after which no case is waiting, or None."""
        for number, month in enumerate(self.months, start=1):
            if month.queue_after == 0:
                return number
        return None


def _fill(session: Session, waiting: list[Case]) -> tuple[list[Case], list[Case]]:
    """(heard, still waiting): the front of the queue that fits the session."""
    online, morning = session.online_minutes, session.in_person_minutes
    heard, left = [], []
    for case in waiting:
        if len(heard) >= session.capacity:
            left.append(case)
            continue
        length = session.group_slot if case.group else session.slot
        if case.online and length <= online:
            online -= length + session.gap
            heard.append(case)
        elif not case.online and length <= morning:
            morning -= length + session.gap
            heard.append(case)
        else:
            left.append(case)  # its window is full; a case of the other kind may fit
    return heard, left


def _middle(first_day: datetime.date) -> datetime.date:
    return first_day.replace(day=15)


def forecast(
    queue: list[Case], months: list[Month], today: datetime.date, tail: int = 0
) -> Forecast:
    """Month by month: the queue at the start, the cases heard at its sessions, the
    cases expected to join, the queue at the end; and when each queued case is heard.
    `tail` counts the cases queued behind `queue` and not read: more of each kind is
    read than the horizon can hear, so they and whoever joins behind them wait on."""
    result = Forecast(today)
    waiting = list(queue)
    heard_on: dict = {}
    behind = tail
    for month in months:
        before, heard_count = len(waiting) + behind, 0
        for session in sorted(month.sessions, key=lambda s: s.day):
            heard, waiting = _fill(session, waiting)
            heard_count += len(heard)
            for case in heard:
                heard_on[case.key] = session.day
        middle = _middle(month.first_day)
        if behind:
            behind += month.arrivals
        else:
            waiting += [
                Case(("new", month.first_day, n), online=n < month.arrivals_online, since=middle)
                for n in range(month.arrivals)
            ]
        result.months.append(
            MonthResult(
                month.first_day,
                month.sessions,
                before,
                heard_count,
                month.arrivals,
                len(waiting) + behind,
                None,
            )
        )
    for number, month in enumerate(result.months):
        if not month.arrivals:
            continue
        days = [heard_on.get(("new", month.first_day, n)) for n in range(month.arrivals)]
        if all(days):
            middle = _middle(month.first_day)
            wait = round(sum((d - middle).days for d in days) / len(days))
            result.months[number] = replace(month, new_case_wait=wait)
    for case in queue:  # in the queue's order (a set of keys gave their hashes' order)
        day = heard_on.get(case.key)
        result.cases[case.key] = CaseResult(case.key, day, (day - today).days if day else None)
    return result


def spread(total: float, months: int) -> list[int]:
    """`total` cases a month as whole cases: 7.25 a month gives 7, 7, 7, 8, ... (the
    running total rounded), so that a year's sum is the year's expected count."""
    counts, before = [], 0
    for number in range(1, months + 1):
        running = round(total * number)
        counts.append(running - before)
        before = running
    return counts


# -- what changes it ------------------------------------------------------------


def with_capacity(months: list[Month], extra: int) -> list[Month]:
    """Every session takes `extra` more hearings (its windows permitting)."""
    return [
        replace(m, sessions=tuple(replace(s, capacity=s.capacity + extra) for s in m.sessions))
        for m in months
    ]


def with_online_minutes(months: list[Month], minutes: int) -> list[Month]:
    """Every session's afternoon is `minutes` longer, and takes as many more hearings
    as fit in them."""
    result = []
    for m in months:
        sessions = []
        for s in m.sessions:
            more = minutes // (s.slot + s.gap)
            sessions.append(
                replace(s, online_minutes=s.online_minutes + minutes, capacity=s.capacity + more)
            )
        result.append(replace(m, sessions=tuple(sessions)))
    return result


def with_extra_session(months: list[Month], index: int, session: Session) -> list[Month]:
    """One more session in the month at `index` (an ad hoc session taking the queue)."""
    result = list(months)
    if 0 <= index < len(result):
        m = result[index]
        result[index] = replace(m, sessions=(*m.sessions, session))
    return result
