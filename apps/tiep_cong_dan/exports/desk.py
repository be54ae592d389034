"""The national export in the desk: a period and a format, then the file. Reached from
the petition list's button; for whoever may see petitions, each within their scope."""

from django import forms
from django.core.exceptions import PermissionDenied
from django.http import HttpResponse
from django.shortcuts import render
from django.utils.translation import gettext as _

from ..access.rules import rule_for
from ..core.period import Period
from ..doctype.petition.models import Petition
from ..reporting.forms import PeriodForm
from .national import (
    CONTENT_TYPES,
    FORMATS,
    ExportError,
    check_period,
    export_filename,
    export_national,
)


def may_export(user) -> bool:
    return rule_for(Petition).can_view(user)


class ExportPeriodForm(PeriodForm):
    def check(self, start, end) -> None:
        try:
            check_period(start, end)
        except ExportError as exc:
            raise forms.ValidationError(str(exc)) from exc


def national_export_view(model_admin, request) -> HttpResponse:
    if not may_export(request.user):
        raise PermissionDenied
    if "start" in request.GET:
        form = ExportPeriodForm(request.GET)
    else:  # the national figures are monthly: last month unless asked otherwise
        last = Period.last_month()
        form = ExportPeriodForm({"start": last.start.isoformat(), "end": last.end.isoformat()})
    fmt = request.GET.get("fmt")
    if fmt is not None and fmt not in FORMATS:
        form.is_valid()  # errors are collected before one is added
        form.add_error(None, _("Choose JSON or CSV."))
    elif fmt and form.is_valid():
        start, end = form.cleaned_data["start"], form.cleaned_data["end"]
        data = export_national(start, end, request.user, fmt, request=request)
        response = HttpResponse(data, content_type=CONTENT_TYPES[fmt])
        response["Content-Disposition"] = (
            f'attachment; filename="{export_filename(start, end, fmt)}"'
        )
        return response
    return render(
        request,
        "tiep_cong_dan/print_format/period.html",
        {
            **model_admin.admin_site.each_context(request),
            "title": _("Export for the national database"),
            "help_text": _(
                "The petitions received in the period (the register, form 03/TCD) and "
                "those heard at its sessions, with their hearings and assignments, as you "
                "may see them: codes instead of labels, dates as YYYY-MM-DD. A denouncer's "
                "identity is left out for those not cleared; every file is written to the "
                "access log."
            ),
            "form": form,
            "buttons": [("json", _("Download JSON")), ("csv", _("Download CSV (zip)"))],
        },
    )
