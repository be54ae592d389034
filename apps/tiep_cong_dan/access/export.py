"""Lists to Excel or CSV from the desk: the rows the list shows (so the user's scope)
that the user selected, the columns the list declares, a denouncer's identity masked
for those not cleared exactly as on screen. A list whose rows name people declares
them (`export_people`, `export_personal_fields`): every file is written to the access
log, a file being a copy of the data that leaves the desk."""

import csv
import io
from collections.abc import Callable

from django.contrib import admin
from django.db import models
from django.http import HttpResponse
from django.utils import timezone
from django.utils.text import capfirst
from django.utils.translation import gettext_lazy as _
from openpyxl import Workbook


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
    people_of = getattr(model_admin, "export_people", None)
    if people_of is None:
        return
    from ..doctype.citizen.personal_data import log_people_shown

    people = [person for obj in objects for person in people_of(obj)]
    log_people_shown(request, people, fields=model_admin.export_personal_fields)


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
