"""The two dates of a period chosen in the desk (the register, the national export)."""

import datetime

from django import forms
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy


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
