"""A reporting period: any span of days, a calendar month by default; a quarter, a
half, a year or several years are spans like any other, named as the province names
them ("năm 2023", "từ tháng 01/2024 đến hết tháng 10/2024")."""

import calendar
import datetime
from dataclasses import dataclass

# Records of the province's reception start long after 2000; the bounds keep a typo
# (year 0001 or 9999) from reaching timestamp arithmetic that cannot represent it.
EARLIEST = datetime.date(2000, 1, 1)
LATEST = datetime.date(2100, 12, 31)
QUARTERS = ("I", "II", "III", "IV")


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
    def months_of(cls, first: tuple[int, int], last: tuple[int, int]) -> "Period":
        """From the first day of month `first` (year, month) to the last of `last`."""
        return cls(cls.month(*first).start, cls.month(*last).end)

    @classmethod
    def quarter(cls, year: int, quarter: int) -> "Period":
        return cls.months_of((year, 3 * quarter - 2), (year, 3 * quarter))

    @classmethod
    def half(cls, year: int, half: int) -> "Period":
        return cls.months_of((year, 6 * half - 5), (year, 6 * half))

    @classmethod
    def year(cls, year: int) -> "Period":
        return cls(datetime.date(year, 1, 1), datetime.date(year, 12, 31))

    @classmethod
    def years(cls, first: int, last: int) -> "Period":
        return cls(datetime.date(first, 1, 1), datetime.date(last, 12, 31))

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
    def whole_months(self) -> bool:
        """Starts on a month's first day and ends on a month's last."""
        return self.start.day == 1 and self.end == Period.month(self.end.year, self.end.month).end

    @property
    def kind(self) -> str:
        """month, quarter, half, year, years, months (whole months) or days."""
        if not self.whole_months:
            return "days"
        first, last = self.start, self.end
        span = (last.year - first.year) * 12 + last.month - first.month + 1
        if span == 1:
            return "month"
        if first.month == 1 and last.month == 12:
            return "year" if span == 12 else "years"
        if first.year == last.year and span == 3 and first.month % 3 == 1:
            return "quarter"
        if first.year == last.year and span == 6 and first.month in (1, 7):
            return "half"
        return "months"

    @property
    def label(self) -> str:
        """ "tháng 03 năm 2026", "quý I năm 2026", "6 tháng đầu năm 2026", "năm 2023",
        "từ năm 2023 đến năm 2025", "từ tháng 01/2024 đến hết tháng 10/2024" (the
        scheme's words for January to October) or "từ 01/03/2026 đến 15/04/2026"."""
        first, last, kind = self.start, self.end, self.kind
        if kind == "month":
            return f"tháng {first.month:02d} năm {first.year}"
        if kind == "quarter":
            return f"quý {QUARTERS[first.month // 3]} năm {first.year}"
        if kind == "half":
            return f"6 tháng {'đầu' if first.month == 1 else 'cuối'} năm {first.year}"
        if kind == "year":
            return f"năm {first.year}"
        if kind == "years":
            return f"từ năm {first.year} đến năm {last.year}"
        if kind == "months":
            return f"từ tháng {first:%m/%Y} đến hết tháng {last:%m/%Y}"
        return f"từ {first:%d/%m/%Y} đến {last:%d/%m/%Y}"

    @property
    def opening(self) -> str:
        """The period opening a sentence. A named period takes a comma ("Năm 2023,
        Chủ tịch UBND tỉnh tiếp…"); a span "từ … đến …" runs straight into the
        subject, as the scheme writes it ("Từ tháng 01/2024 đến hết tháng 10/2024
        Chủ tịch UBND tỉnh tiếp…", Đề án, mục I.2)."""
        label = self.label[0].upper() + self.label[1:]
        return label if label.startswith("Từ ") else label + ","

    def months(self) -> list["Period"]:
        """The calendar months the period touches, for trends."""
        result, day = [], self.start.replace(day=1)
        while day <= self.end:
            result.append(Period.month(day.year, day.month))
            day = (day + datetime.timedelta(days=32)).replace(day=1)
        return result

    def calendar_years(self) -> list["Period"]:
        """The period cut at each new year: one part per calendar year it touches."""
        return [
            Period(max(self.start, whole.start), min(self.end, whole.end))
            for whole in (Period.year(y) for y in range(self.start.year, self.end.year + 1))
        ]
