import datetime

from tiep_cong_dan.doctype.working_calendar.constants import DayKind
from tiep_cong_dan.doctype.working_calendar.services import (
    add_working_days,
    is_working_day,
    periodic_session_date,
    record_calendar_day,
)

D = datetime.date


def test_weekends_and_public_holidays_are_days_off(db):
    assert not is_working_day(D(2026, 11, 28))  # Saturday
    assert not is_working_day(D(2026, 9, 2))  # National Day
    assert not is_working_day(D(2026, 2, 17))  # Tết (lunar new year)
    assert is_working_day(D(2026, 11, 30))


def test_periodic_session_moves_past_tet_and_weekends(db):
    # 15/02/2026 is a Sunday and 16-20/02 are Tết holidays: the next working day.
    assert periodic_session_date(2026, 2) == D(2026, 2, 23)
    assert periodic_session_date(2026, 12) == D(2026, 12, 15)  # a Tuesday
    assert periodic_session_date(2026, 11) == D(2026, 11, 16)  # 15th is a Sunday


def test_administrator_exceptions_win_over_the_national_calendar(db):
    record_calendar_day(date=D(2026, 12, 15), kind=DayKind.DAY_OFF, name="Nghỉ theo QĐ tỉnh")
    assert not is_working_day(D(2026, 12, 15))
    assert periodic_session_date(2026, 12) == D(2026, 12, 16)
    record_calendar_day(date=D(2026, 12, 19), kind=DayKind.WORKING_DAY, name="Làm bù")
    assert is_working_day(D(2026, 12, 19))  # a swapped Saturday


def test_add_working_days_skips_days_off(db):
    assert add_working_days(D(2026, 2, 13), 1) == D(2026, 2, 23)  # over Tết
    assert add_working_days(D(2026, 2, 23), -1) == D(2026, 2, 13)
