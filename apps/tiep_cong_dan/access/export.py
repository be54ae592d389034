"""Lists to Excel or CSV from the desk: the rows the list shows (so the user's scope)
that the user selected, the columns the list declares, a denouncer's identity masked
for those not cleared exactly as on screen."""

import csv
import io

from django.contrib import admin
from django.http import HttpResponse
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from openpyxl import Workbook


def _table(model_admin, request, queryset) -> tuple[list[str], list[list]]:
    columns = model_admin.export_columns
    rows = [
        [value(obj, request.user) for _header, value in columns]
        for obj in model_admin.get_queryset(request).filter(pk__in=queryset.values("pk"))
    ]
    return [str(header) for header, _value in columns], rows


def _name(model_admin, fmt: str) -> str:
    return f"{model_admin.model._meta.model_name}-{timezone.localdate():%Y%m%d}.{fmt}"


@admin.action(description=_("Export the selected rows to Excel"))
def export_excel(model_admin, request, queryset):
    header, rows = _table(model_admin, request, queryset)
    wb = Workbook()
    ws = wb.active
    ws.append(header)
    for row in rows:
        ws.append(row)
    buffer = io.BytesIO()
    wb.save(buffer)
    response = HttpResponse(
        buffer.getvalue(),
        content_type="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
    )
    response["Content-Disposition"] = f'attachment; filename="{_name(model_admin, "xlsx")}"'
    return response


@admin.action(description=_("Export the selected rows to CSV"))
def export_csv(model_admin, request, queryset):
    header, rows = _table(model_admin, request, queryset)
    buffer = io.StringIO()
    buffer.write("\ufeff")  # Excel opens UTF-8 Vietnamese correctly with the BOM
    writer = csv.writer(buffer)
    writer.writerow(header)
    writer.writerows(rows)
    response = HttpResponse(buffer.getvalue(), content_type="text/csv; charset=utf-8")
    response["Content-Disposition"] = f'attachment; filename="{_name(model_admin, "csv")}"'
    return response
