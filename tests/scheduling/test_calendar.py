"""The periodic session falls on the 15th, or the next working day (real dates)."""

import datetime

import pytest
from tiep_cong_dan.doctype.reception_session.models import ReceptionSession
from tiep_cong_dan.doctype.working_calendar.constants import DayKind
from tiep_cong_dan.doctype.working_calendar.services import (
    invalidate_calendar_cache,
    periodic_session_date,
)
from tiep_cong_dan.scheduling.calendar import generate_periodic_sessions

# What the calendar gives for 2025 and 2026 (Vietnam's holidays, no local exceptions).
EXPECTED = {
    (2025, 1): datetime.date(2025, 1, 15),
    (2025, 2): datetime.date(2025, 2, 17),  # Saturday 15th
    (2025, 3): datetime.date(2025, 3, 17),  # Saturday 15th
    (2025, 4): datetime.date(2025, 4, 15),
    (2025, 5): datetime.date(2025, 5, 15),
    (2025, 6): datetime.date(2025, 6, 16),  # Sunday 15th
    (2025, 7): datetime.date(2025, 7, 15),
    (2025, 8): datetime.date(2025, 8, 15),
    (2025, 9): datetime.date(2025, 9, 15),
    (2025, 10): datetime.date(2025, 10, 15),
    (2025, 11): datetime.date(2025, 11, 17),  # Saturday 15th
    (2025, 12): datetime.date(2025, 12, 15),
    (2026, 1): datetime.date(2026, 1, 15),
    (2026, 2): datetime.date(2026, 2, 23),  # Sunday 15th, then Tết 16-20/02 and a weekend
    (2026, 3): datetime.date(2026, 3, 16),  # Sunday 15th
    (2026, 4): datetime.date(2026, 4, 15),
    (2026, 5): datetime.date(2026, 5, 15),
    (2026, 6): datetime.date(2026, 6, 15),
    (2026, 7): datetime.date(2026, 7, 15),
    (2026, 8): datetime.date(2026, 8, 17),  # Saturday 15th
    (2026, 9): datetime.date(2026, 9, 15),
    (2026, 10): datetime.date(2026, 10, 15),
    (2026, 11): datetime.date(2026, 11, 16),  # Sunday 15th
    (2026, 12): datetime.date(2026, 12, 15),
}


@pytest.mark.django_db
@pytest.mark.parametrize("month", sorted(EXPECTED))
def test_every_month_of_2025_and_2026(month):
    assert periodic_session_date(*month) == EXPECTED[month]


@pytest.fixture
def day_kind(db):
    from tiep_cong_dan.doctype.working_calendar.models import CalendarDay

    def record(day, kind):
        CalendarDay.objects.create(date=day, kind=kind, name="Quyết định của UBND tỉnh")
        invalidate_calendar_cache()

    yield record
    invalidate_calendar_cache()


def test_a_swapped_working_saturday_on_the_15th_holds_the_session(day_kind):
    day_kind(datetime.date(2026, 8, 15), DayKind.WORKING_DAY)
    assert periodic_session_date(2026, 8) == datetime.date(2026, 8, 15)


def test_a_local_day_off_on_the_15th_moves_to_the_swapped_saturday(day_kind):
    # Friday 15/05/2026 given off in exchange for working Saturday 16/05/2026.
    day_kind(datetime.date(2026, 5, 15), DayKind.DAY_OFF)
    day_kind(datetime.date(2026, 5, 16), DayKind.WORKING_DAY)
    assert periodic_session_date(2026, 5) == datetime.date(2026, 5, 16)


def test_a_year_ahead_is_generated_once(db):
    first = generate_periodic_sessions(datetime.date(2026, 1, 1), 12)
    assert [s.date for s in first] == [EXPECTED[(2026, m)] for m in range(1, 13)]
    assert {s.state for s in first} == {"draft"}
    assert generate_periodic_sessions(datetime.date(2026, 1, 1), 12) == []
    assert ReceptionSession.objects.count() == 12
