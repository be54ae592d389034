"""The queue's forecast against cases worked out by hand (scheduling/forecast.py)."""

import datetime

from tiep_cong_dan.scheduling.forecast import (
    Case,
    Month,
    Session,
    forecast,
    spread,
    with_capacity,
    with_extra_session,
    with_online_minutes,
)

TODAY = datetime.date(2026, 3, 1)


def _session(day: datetime.date, capacity: int = 2, online: int = 180, morning: int = 0):
    return Session(day=day, capacity=capacity, online_minutes=online, in_person_minutes=morning)


def _months() -> list[Month]:
    """March, April, May: one session of two hearings each, one case approved a month."""
    return [
        Month(datetime.date(2026, 3, 1), (_session(datetime.date(2026, 3, 16)),), 1, 1),
        Month(datetime.date(2026, 4, 1), (_session(datetime.date(2026, 4, 15)),), 1, 1),
        Month(datetime.date(2026, 5, 1), (_session(datetime.date(2026, 5, 15)),), 1, 1),
    ]


QUEUE = [Case(key) for key in "ABCDE"]


def test_five_cases_two_a_session_one_new_a_month():
    """By hand: March hears A, B (16/03: 15 days); April C, D (15/04: 45 days); May E
    and March's new case (15/05: E 75 days; the new case, approved mid-March, 61 days).
    The queue: 5 -> 4 -> 3 -> 2, never cleared; April's new case not heard by May."""
    result = forecast(QUEUE, _months(), TODAY)
    waits = {key: result.cases[key].wait_from_today for key in "ABCDE"}
    assert waits == {"A": 15, "B": 15, "C": 45, "D": 45, "E": 75}
    assert result.cases["E"].hearing == datetime.date(2026, 5, 15)
    assert [(m.queue_before, m.heard, m.arrivals, m.queue_after) for m in result.months] == [
        (5, 2, 1, 4),
        (4, 2, 1, 3),
        (3, 2, 1, 2),
    ]
    assert [m.new_case_wait for m in result.months] == [61, None, None]
    assert result.cleared_after is None


def test_the_cases_are_given_in_the_queues_order():
    """Keys whose hashes order them otherwise (17047 comes after 17049 in a set of
    three: its slot is 7 of 8): the forecast's cases are the queue's, in its order."""
    keys = [17047, 17048, 17049]
    assert list({*keys}) != keys
    result = forecast([Case(key) for key in keys], _months(), TODAY)
    assert list(result.cases) == keys


def test_a_larger_capacity_hears_the_last_case_a_month_earlier():
    """Three a session: March A, B, C; April D, E, and March's new case: E waits 45."""
    result = forecast(QUEUE, with_capacity(_months(), 1), TODAY)
    assert result.cases["E"].wait_from_today == 45
    assert result.months[0].new_case_wait == 31  # 15/03 -> 15/04
    # May hears April's new case; May's joins after: one waits at the end.
    assert [m.queue_after for m in result.months] == [3, 1, 1]


def test_an_extra_session_in_april_clears_the_queue_by_the_end_of_april():
    """An extra session of two on 25/04 hears E and March's new case; April's new case
    joins after it, so one waits at the end of April."""
    extra = _session(datetime.date(2026, 4, 25))
    result = forecast(QUEUE, with_extra_session(_months(), 1, extra), TODAY)
    assert result.cases["E"].hearing == datetime.date(2026, 4, 25)
    assert result.cases["E"].wait_from_today == 55
    assert [m.queue_after for m in result.months] == [4, 1, 1]


def test_a_full_window_passes_to_the_next_case_of_the_other_kind():
    """The afternoon holds two slots of 12 minutes (30 minutes, 3 between): the third
    online case waits, the in-person case behind it is heard in the morning."""
    session = _session(datetime.date(2026, 3, 16), capacity=3, online=30, morning=30)
    queue = [Case("on1"), Case("on2"), Case("on3"), Case("off1", online=False)]
    result = forecast(queue, [Month(datetime.date(2026, 3, 1), (session,))], TODAY)
    heard = {k for k, c in result.cases.items() if c.hearing}
    assert heard == {"on1", "on2", "off1"}
    assert result.cases["on3"].wait_from_today is None


def test_more_online_minutes_give_more_online_slots():
    """An hour more online (four slots of 15 minutes) also raises the capacity by four:
    the third online case fits."""
    session = _session(datetime.date(2026, 3, 16), capacity=2, online=30, morning=0)
    months = with_online_minutes([Month(datetime.date(2026, 3, 1), (session,))], 60)
    assert months[0].sessions[0].capacity == 6
    queue = [Case("on1"), Case("on2"), Case("on3")]
    result = forecast(queue, months, TODAY)
    assert all(c.hearing for c in result.cases.values())


def test_a_group_takes_a_longer_slot():
    """A group's 20 minutes and a case's 12 with 3 between fill 35 minutes exactly."""
    session = _session(datetime.date(2026, 3, 16), capacity=5, online=35)
    queue = [Case("group", group=True), Case("one"), Case("two")]
    result = forecast(queue, [Month(datetime.date(2026, 3, 1), (session,))], TODAY)
    assert [k for k in ("group", "one", "two") if result.cases[k].hearing] == ["group", "one"]


def test_expected_cases_are_spread_as_whole_cases():
    """7.25 a month: the running total rounded (7, 14, 22, 29)."""
    assert spread(7.25, 4) == [7, 7, 8, 7]
    assert sum(spread(7.25, 12)) == 87


def test_cases_behind_an_unread_tail_wait_past_the_horizon():
    """Two cases read, three more queued behind them unread: the sessions hear the two,
    the queue counts the three, and the month's new case joins behind them."""
    result = forecast([Case("A"), Case("B")], _months(), TODAY, tail=3)
    assert result.cases["A"].hearing == datetime.date(2026, 3, 16)
    assert [(m.queue_before, m.heard, m.queue_after) for m in result.months] == [
        (5, 2, 4),
        (4, 0, 5),
        (5, 0, 6),
    ]
    assert [m.new_case_wait for m in result.months] == [None, None, None]
