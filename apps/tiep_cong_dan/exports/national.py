"""The export for the national database on citizen reception, complaints and
denunciations: the records of a period (records.py) as one JSON document, or as a zip
of CSV tables with the same header in manifest.json. The layout is documented in
docs/national-export.md; change FORMAT_VERSION with it."""

import datetime
import io
import json
import zipfile

from django.core.exceptions import PermissionDenied
from django.utils import timezone
from django.utils.translation import gettext as _

from ..access.rules import rule_for
from ..core.spreadsheets import csv_bytes
from ..doctype.admin_unit.constants import UnitLevel
from ..doctype.admin_unit.models import AdministrativeUnit
from ..doctype.citizen.personal_data import log_people_shown
from ..doctype.petition.models import Petition
from .records import EXPORTED_PERSON_FIELDS, Collected, collect

FORMAT_NAME = "tcd-national-export"
FORMAT_VERSION = "1.0"
FORMATS = ("json", "csv")
CONTENT_TYPES = {"json": "application/json", "csv": "application/zip"}
# A year of records is a few thousand petitions: one file stays small enough to build
# in memory and to load in one go.
MAX_DAYS = 366
EARLIEST = datetime.date(2000, 1, 1)

# CSV tables: the record's fields by path ("citizen.full_name" -> citizen_full_name).
PETITION_COLUMNS = (
    "registration_number register_no received_date channel kind kind_short state "
    "identity_masked citizen.full_name citizen.id_kind citizen.id_number citizen.address "
    "citizen.residence_unit.code citizen.residence_unit.era group_size summary content "
    "people_concerned residence_unit.code residence_unit.era matter_unit.code "
    "matter_unit.era agencies_concerned earlier_handling jurisdiction eligibility_basis "
    "citizen_consent identity_protection_requested handling.acceptance_deadline "
    "handling.acceptance_outcome handling.acceptance_notified_on handling.transferred_to "
    "handling.transfer_letter handling.reply_letter_number handling.reply_letter_date "
    "handling.refusal_ground handling.refusal_notice_number handling.refusal_notice_date"
).split()
HEARING_COLUMNS = (
    "session_date session_kind ad_hoc_ground hearing_mode bridge_point attendance "
    "result_notice_number result_notice_date"
).split()
ASSIGNMENT_COLUMNS = (
    "result_notice_number result_notice_date agency task deadline working_days state done_on"
).split()


class ExportError(ValueError):
    """A request the export cannot serve; the message is for the user."""


def check_period(start: datetime.date, end: datetime.date) -> None:
    # No petition is received before 2000 (the petition's own check) or after today:
    # a period outside is a typo, not an empty file to send.
    if start < EARLIEST:
        raise ExportError(_("The period starts before 2000."))
    if start > timezone.localdate():
        raise ExportError(_("The period starts after today."))
    if start > end:
        raise ExportError(_("The period ends before it starts."))
    if (end - start).days > MAX_DAYS:
        raise ExportError(_("Export at most one year at a time."))


def export_filename(start: datetime.date, end: datetime.date, fmt: str) -> str:
    suffix = "json" if fmt == "json" else "zip"
    return f"tcd-quoc-gia-{start:%Y%m%d}-{end:%Y%m%d}.{suffix}"


def _province() -> dict | None:
    province = AdministrativeUnit.objects.filter(level=UnitLevel.PROVINCE).order_by("code").first()
    return {"code": province.code, "name": province.name} if province else None


def header(collected: Collected, user, start: datetime.date, end: datetime.date) -> dict:
    return {
        "format": FORMAT_NAME,
        "format_version": FORMAT_VERSION,
        "province": _province(),
        "period": {"from": start.isoformat(), "to": end.isoformat()},
        "generated_at": timezone.localtime().isoformat(timespec="seconds"),
        "exported_by": {"username": user.get_username(), "full_name": user.get_full_name()},
        # "restricted": a scoped user's extract, not the province's whole register.
        "scope": "all" if rule_for(Petition).sees_all(user) else "restricted",
        "record_count": len(collected.records),
        "counts": {
            "register": collected.register,
            "hearings": collected.hearings,
            "assignments": collected.assignments,
            "identity_masked": collected.masked,
        },
    }


def to_json(head: dict, records: list[dict]) -> bytes:
    document = {"header": head, "records": records}
    return json.dumps(document, ensure_ascii=False, indent=2).encode("utf-8")


def _cell(record: dict, path: str):
    value = record
    for key in path.split("."):
        if value is None:
            return ""
        value = value.get(key)
    if value is None:
        return ""
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, list):
        return ";".join(value)
    return value


def csv_tables(records: list[dict]) -> dict[str, tuple[list[str], list[list]]]:
    """file name -> (header, rows); child tables name their petition first."""

    def children(key: str, columns: list[str]) -> list[list]:
        return [
            [r["registration_number"], *(_cell(child, c) for c in columns)]
            for r in records
            for child in r[key]
        ]

    def header_of(columns: list[str]) -> list[str]:
        return [c.replace(".", "_") for c in columns]

    return {
        "petitions.csv": (
            header_of(PETITION_COLUMNS),
            [[_cell(r, c) for c in PETITION_COLUMNS] for r in records],
        ),
        "hearings.csv": (
            ["registration_number", *header_of(HEARING_COLUMNS)],
            children("hearings", HEARING_COLUMNS),
        ),
        "assignments.csv": (
            ["registration_number", *header_of(ASSIGNMENT_COLUMNS)],
            children("assignments", ASSIGNMENT_COLUMNS),
        ),
    }


def to_zip(head: dict, records: list[dict]) -> bytes:
    tables = csv_tables(records)
    manifest = {**head, "files": {name: len(rows) for name, (_h, rows) in tables.items()}}
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", zipfile.ZIP_DEFLATED) as archive:
        archive.writestr("manifest.json", json.dumps(manifest, ensure_ascii=False, indent=2))
        for name, (columns, rows) in tables.items():
            archive.writestr(name, csv_bytes(columns, rows))
    return buffer.getvalue()


def export_national(
    period_start: datetime.date,
    period_end: datetime.date,
    user,
    fmt: str = "json",
    *,
    request=None,
    origin: str = "export_national",
) -> bytes:
    """The file for the period as `user` may see it. Every petitioner in it goes to the
    access log as the desk's list exports do: a denouncer as a confidential entry,
    the others as personal data; `request` (the desk) or `origin` (a command) is the
    path the log records."""
    if fmt not in FORMATS:
        raise ExportError(_("Choose JSON or CSV."))
    check_period(period_start, period_end)
    if not rule_for(Petition).can_view(user):
        raise PermissionDenied(_("This user may not see petitions."))
    collected = collect(user, period_start, period_end)
    head = header(collected, user, period_start, period_end)
    data = to_json(head, collected.records) if fmt == "json" else to_zip(head, collected.records)
    log_people_shown(
        request, collected.people, fields=EXPORTED_PERSON_FIELDS, user=user, path=origin
    )
    return data
