"""Lists to Excel or CSV from the desk: the rows the list shows (so the user's scope)
that the user selected, the columns the list declares, a denouncer's identity masked
for those not cleared exactly as on screen. A list whose rows name people declares
them (`export_people`, `export_personal_fields`): every file is written to the access
log, a file being a copy of the data that leaves the desk."""

import datetime
import io
from collections.abc import Callable

from django.contrib import admin
from django.db import models
from django.http import HttpResponse
from django.utils import timezone, translation
from django.utils.text import capfirst, slugify
from django.utils.translation import gettext_lazy as _
from openpyxl import Workbook
from openpyxl.styles import Font

from ..core.spreadsheets import append_row, csv_bytes


def field_columns(model, *names: str) -> list[tuple[str, Callable]]:
    """Export columns of plain fields: the field's label, the value as the list shows it
    (a choice's name rather than its code, a linked record's name, local times)."""
    return [(model._meta.get_field(name).verbose_name, _reader(model, name)) for name in names]


def _reader(model, name: str) -> Callable:
    field = model._meta.get_field(name)
    if field.choices:
        return lambda obj, user: str(getattr(obj, f"get_{name}_display")())
    if field.is_relation:
        return lambda obj, user: str(getattr(obj, name) or "")
    if isinstance(field, models.BooleanField):
        return lambda obj, user: str(_("Yes") if getattr(obj, name) else _("No"))
    if isinstance(field, models.DateTimeField):
        # Spreadsheets hold no time zone: the province's wall-clock time.
        return lambda obj, user: (
            timezone.localtime(getattr(obj, name)).replace(tzinfo=None)
            if getattr(obj, name)
            else None
        )
    return lambda obj, user: getattr(obj, name)


def _table(model_admin, request, queryset) -> tuple[list[str], list[list]]:
    columns = model_admin.export_columns
    rows_of = model_admin.get_queryset(request).filter(pk__in=queryset.values("pk"))
    if isinstance(model_admin.list_select_related, list | tuple):
        rows_of = rows_of.select_related(*model_admin.list_select_related)  # as the list
    objects = list(rows_of)
    rows = [[value(obj, request.user) for _header, value in columns] for obj in objects]
    _log_people(model_admin, request, objects)
    return [capfirst(str(header)) for header, _value in columns], rows


def _log_people(model_admin, request, objects) -> None:
    """A list whose rows name people logs what its export showed (for the citizens'
    data, doctype/citizen/personal_data.py `LogsPeopleExported`)."""
    log = getattr(model_admin, "log_export", None)
    if log is not None:
        log(request, objects)


def _name(model_admin, fmt: str) -> str:
    """The list's Vietnamese name as an ASCII file name: "don-20261130.xlsx"."""
    with translation.override("vi"):
        title = str(model_admin.model._meta.verbose_name_plural)
    slug = slugify(title.replace("đ", "d").replace("Đ", "D")) or model_admin.model._meta.model_name
    return f"{slug}-{timezone.localdate():%Y%m%d}.{fmt}"


def _lay_out(ws) -> None:
    """A sheet to read as it opens: bold frozen header, Vietnamese dates, widths that
    fit the content (up to a readable limit)."""
    for cell in ws[1]:
        cell.font = Font(bold=True)
    ws.freeze_panes = "A2"
    for column in ws.iter_cols(min_row=1):
        width = 8
        for cell in column:
            if isinstance(cell.value, datetime.datetime):
                cell.number_format = "dd/mm/yyyy hh:mm"
            elif isinstance(cell.value, datetime.date):
                cell.number_format = "dd/mm/yyyy"
            width = max(width, min(len(str(cell.value or "")), 60))
        ws.column_dimensions[column[0].column_letter].width = width + 2


@admin.action(description=_("Export the selected rows to Excel"))
def export_excel(model_admin, request, queryset):
    header, rows = _table(model_admin, request, queryset)
    wb = Workbook()
    ws = wb.active
    with translation.override("vi"):
        ws.title = capfirst(str(model_admin.model._meta.verbose_name_plural))[:31]
    append_row(ws, header)
    for row in rows:
        append_row(ws, row)
    _lay_out(ws)
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
    response = HttpResponse(csv_bytes(header, rows), content_type="text/csv; charset=utf-8")
    response["Content-Disposition"] = f'attachment; filename="{_name(model_admin, "csv")}"'
    return response
