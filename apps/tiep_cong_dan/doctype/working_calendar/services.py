"""Working days: the national calendar plus the administrator's exceptions."""

import datetime
from functools import lru_cache

import holidays
from django.core.cache import cache

from .constants import DayKind

_CACHE_KEY = "working-calendar-exceptions:v1"


@lru_cache(maxsize=64)
def _national_holidays(year: int) -> dict[datetime.date, str]:
    return dict(holidays.country_holidays("VN", years=year, language="vi"))


def _exceptions() -> dict[datetime.date, str]:
    data = cache.get(_CACHE_KEY)
    if data is None:
        from .models import CalendarDay

        data = dict(CalendarDay.objects.values_list("date", "kind"))
        cache.set(_CACHE_KEY, data, 300)
    return data


def invalidate_calendar_cache() -> None:
    cache.delete(_CACHE_KEY)


def holiday_name(day: datetime.date) -> str | None:
    return _national_holidays(day.year).get(day)


def is_working_day(day: datetime.date) -> bool:
    kind = _exceptions().get(day)
    if kind == DayKind.WORKING_DAY:
        return True
    if kind in (DayKind.DAY_OFF, DayKind.HOLIDAY):
        return False
    return day.weekday() < 5 and day not in _national_holidays(day.year)


def next_working_day(day: datetime.date) -> datetime.date:
    """The day itself when it is a working day, else the next one."""
    while not is_working_day(day):
        day += datetime.timedelta(days=1)
    return day


def add_working_days(day: datetime.date, count: int) -> datetime.date:
    """The date `count` working days after `day` (negative counts go back)."""
    step = 1 if count >= 0 else -1
    remaining = abs(count)
    while remaining:
        day += datetime.timedelta(days=step)
        if is_working_day(day):
            remaining -= 1
    return day


def periodic_session_date(year: int, month: int) -> datetime.date:
    """The Chairman's periodic reception day: the 15th, or the next working day."""
    return next_working_day(datetime.date(year, month, 15))


def record_calendar_day(*, date: datetime.date, kind: str, name: str, decision: str = ""):
    """Add or change an exception day (the desk and imports call this)."""
    from .models import CalendarDay

    day, _created = CalendarDay.objects.update_or_create(
        date=date, defaults={"kind": kind, "name": name, "decision": decision}
    )
    invalidate_calendar_cache()
    return day
