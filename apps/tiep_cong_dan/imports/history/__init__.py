"""Importing the Board's registers of the years before the system: past sessions,
hearings, attendance, result notices and their tasks, each dated on its day and
marked as entered from records (layout.py for the columns, docs/history-import.md).

`import_history(path, by=, commit=)` reads the workbook within bounds, checks every
row reading only (check.py) and lists every error with its row and column; with
`commit` it then writes everything in one short bulk transaction (writing.py), or
nothing. A file already imported (same SHA-256) changes nothing. The desk runs it as a
background job (imports/jobs.py, kind "history")."""

import hashlib
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path

from django.conf import settings
from django.utils import timezone, translation

from ...core.models import HistoryImport
from ..workbook import WorkbookRefused, read_sheets
from .check import KIND_LABELS, Checker
from .plan import Plan
from .writing import AlreadyImported, Conflict, write

READING = "Đang đọc tệp"


@dataclass
class HistoryResult:
    rows: int = 0
    errors: list[tuple[int, str, str]] = field(default_factory=list)  # (row, column, message)
    # What the file makes (or made): lines for the uploader (the job's outcome).
    registered: list[str] = field(default_factory=list)
    counts: dict[str, int] = field(default_factory=dict)
    already: HistoryImport | None = None  # the earlier import of the same file
    source: HistoryImport | None = None  # this import, once written

    @property
    def ok(self) -> bool:
        return not self.errors


def checksum_of(path) -> str:
    digest = hashlib.sha256()
    with open(path, "rb") as fh:
        for chunk in iter(lambda: fh.read(1 << 20), b""):
            digest.update(chunk)
    return digest.hexdigest()


def _summary(plan: Plan) -> list[str]:
    kinds: dict[str, int] = {}
    for session in plan.sessions:
        kinds[session.key[1]] = kinds.get(session.key[1], 0) + 1
    by_kind = ", ".join(f"{n} {KIND_LABELS[k]}" for k, n in sorted(kinds.items()))
    first, last = plan.days()
    counts = plan.counts()
    attending = sum(1 if h.attending is None else h.attending for h in plan.hearings)
    lines = [
        f"{counts['sessions']} kỳ tiếp ({by_kind or 'không có'})",
        f"{counts['hearings']} lượt tiếp, mỗi lượt một đơn",
        f"{attending} lượt công dân có mặt",
        f"{counts['citizens']} công dân mới",
        f"{counts['notices']} thông báo kết quả, {counts['assignments']} nhiệm vụ được giao",
    ]
    if first:
        lines.append(f"từ ngày {first:%d/%m/%Y} đến ngày {last:%d/%m/%Y}")
    return lines


def _already(earlier: HistoryImport) -> list[str]:
    who = earlier.imported_by.get_username() if earlier.imported_by else "hệ thống"
    when = timezone.localtime(earlier.imported_at)
    return [
        f"Tệp này (SHA-256 {earlier.checksum[:12]}…) đã được nhập ngày {when:%d/%m/%Y %H:%M} "
        f"bởi {who}: nhập lại không thay đổi gì."
    ]


def import_history(
    path,
    *,
    by=None,
    commit: bool = False,
    progress: Callable[[str, int, int], None] = lambda *a: None,
    file_name: str = "",
) -> HistoryResult:
    """Check (and with `commit`, import) the register of past years in `path`;
    `file_name` is the name it was uploaded under (the path's by default)."""
    with translation.override("vi"):
        path = Path(path)
        return _run(path, by=by, commit=commit, progress=progress, name=file_name or path.name)


def _run(path: Path, *, by, commit: bool, progress, name: str) -> HistoryResult:
    result = HistoryResult()
    progress(READING, 0, 1)
    checksum = checksum_of(path)
    earlier = HistoryImport.objects.filter(checksum=checksum).first()
    if earlier is not None:  # the same file twice: nothing to read, check or write
        result.already, result.registered, result.counts = (
            earlier,
            _already(earlier),
            earlier.counts,
        )
        return result
    try:
        sheets = read_sheets(path, limit=settings.TCD_HISTORY_IMPORT_MAX_ROWS)
    except WorkbookRefused as exc:
        result.errors.append((0, "", str(exc)))
        return result
    checker = Checker(sheets, by=by, progress=progress)
    plan = checker.run()
    result.rows, result.errors = checker.rows, checker.errors.items
    if plan is None:
        return result
    result.counts, result.registered = plan.counts(), _summary(plan)
    if not commit:
        return result
    try:
        result.source = write(
            plan, by=by, checksum=checksum, file_name=name, progress=progress
        )
    except AlreadyImported:
        result.already = HistoryImport.objects.get(checksum=checksum)
        result.registered = _already(result.already)
    except Conflict as exc:
        result.errors.append((0, "", str(exc)))
        result.registered = []
    return result
