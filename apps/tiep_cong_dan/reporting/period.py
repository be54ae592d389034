"""A reporting period: any span of days, a calendar month by default."""

import calendar
import datetime
from dataclasses import dataclass

# Records of the province's reception start long after 2000; the bounds keep a typo
# (year 0001 or 9999) from reaching timestamp arithmetic that cannot represent it.
EARLIEST = datetime.date(2000, 1, 1)
LATEST = datetime.date(2100, 12, 31)


@dataclass(frozen=True)
class Period:
    start: datetime.date
    end: datetime.date

    def __post_init__(self):
        if self.end < self.start:
            raise ValueError("a period ends on or after its start")
        if self.start < EARLIEST or self.end > LATEST:
            raise ValueError("a period lies between 2000 and 2100")

    @classmethod
    def month(cls, year: int, month: int) -> "Period":
        return cls(
            datetime.date(year, month, 1),
            datetime.date(year, month, calendar.monthrange(year, month)[1]),
        )

    @classmethod
    def year(cls, year: int) -> "Period":
        return cls(datetime.date(year, 1, 1), datetime.date(year, 12, 31))

    @classmethod
    def last_month(cls, today: datetime.date | None = None) -> "Period":
        last = (today or datetime.date.today()).replace(day=1) - datetime.timedelta(days=1)
        return cls.month(last.year, last.month)

    def bounds(self) -> tuple[datetime.datetime, datetime.datetime]:
        """[first moment, first moment after) in local time, for timestamp columns.
        (A `__date` lookup would make MariaDB convert time zones, which needs its time
        zone tables, and would defeat the index on the timestamp.)"""
        from django.utils import timezone

        def moment(day):
            return timezone.make_aware(datetime.datetime.combine(day, datetime.time()))

        return moment(self.start), moment(self.end + datetime.timedelta(days=1))

    @property
    def is_month(self) -> bool:
        return self == Period.month(self.start.year, self.start.month)

    @property
    def label(self) -> str:
        """ "tháng 03 năm 2026", "năm 2026" or "từ 01/03/2026 đến 15/04/2026"."""
        if self.is_month:
            return f"tháng {self.start.month:02d} năm {self.start.year}"
        if self == Period.year(self.start.year):
            return f"năm {self.start.year}"
        return f"từ {self.start:%d/%m/%Y} đến {self.end:%d/%m/%Y}"

    def months(self) -> list["Period"]:
        """The calendar months the period touches, for trends."""
        result, day = [], self.start.replace(day=1)
        while day <= self.end:
            result.append(Period.month(day.year, day.month))
            day = (day + datetime.timedelta(days=32)).replace(day=1)
        return result
