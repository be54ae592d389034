"""A period chosen in the desk: two dates (the register, the national export), or one of
the usual periods of a report (a month, a quarter, a half, a year, several years)."""

import datetime

from django import forms
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from ..core.period import Period


class PeriodForm(forms.Form):
    """`check(start, end)` is what a page asks of its period beyond both dates being
    given; it raises a ValidationError with the message shown above the form."""

    start = forms.DateField(
        label=gettext_lazy("from date"), widget=forms.DateInput(attrs={"type": "date"})
    )
    end = forms.DateField(
        label=gettext_lazy("to date"), widget=forms.DateInput(attrs={"type": "date"})
    )

    def check(self, start: datetime.date, end: datetime.date) -> None:
        if start > end:
            raise forms.ValidationError(_("The period ends before it starts."))

    def clean(self):
        data = super().clean()
        if data.get("start") and data.get("end"):
            self.check(data["start"], data["end"])
        return data


def period_choices(today: datetime.date) -> list:
    """The periods a report is usually made for, newest first, grouped (a select's
    optgroups): this month and the 24 before, this quarter and the 8 before, this half
    and the 4 before, the years since 2015, the spans of two to five years ending last
    year or this one. Each value is "start:end"."""

    def option(period: Period) -> tuple[str, str]:
        label = period.label[0].upper() + period.label[1:]
        return f"{period.start.isoformat()}:{period.end.isoformat()}", label

    def back(steps: int, first: tuple[int, int], per_year: int, make) -> list:
        year, part = first
        result = []
        for _step in range(steps):
            result.append(option(make(year, part)))
            year, part = (year, part - 1) if part > 1 else (year - 1, per_year)
        return result

    return [
        ("", gettext_lazy("The dates below")),
        (gettext_lazy("Months"), back(25, (today.year, today.month), 12, Period.month)),
        (
            gettext_lazy("Quarters"),
            back(9, (today.year, (today.month - 1) // 3 + 1), 4, Period.quarter),
        ),
        (
            gettext_lazy("Halves of a year"),
            back(5, (today.year, 1 if today.month <= 6 else 2), 2, Period.half),
        ),
        (gettext_lazy("Years"), [option(Period.year(y)) for y in range(today.year, 2014, -1)]),
        (
            gettext_lazy("Several years"),
            [
                option(Period.years(last - length + 1, last))
                for last in (today.year, today.year - 1)
                for length in range(2, 6)
            ],
        ),
    ]


def chosen_period(value: str) -> tuple[datetime.date, datetime.date] | None:
    """ "2023-01-01:2023-12-31" -> its two dates; "" -> None (the dates are typed)."""
    if not value:
        return None
    start, _sep, end = value.partition(":")
    try:
        return datetime.date.fromisoformat(start), datetime.date.fromisoformat(end)
    except ValueError:
        raise forms.ValidationError(_("Choose a period from the list.")) from None
