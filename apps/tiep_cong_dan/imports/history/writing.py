"""Writing a checked register of past years: one transaction, short because it only
inserts rows prepared before it (core/bulk.py), a few statements per table whatever
the number of rows.

On the embedded SQLite a write transaction holds the database's one write lock, so its
length is what another officer's save may wait: everything that can be prepared before
it is (the objects, their states, every step with its date, every value in the
database's form), and inside it only numbers are taken, ids read back and rows
inserted. It is one transaction because the event log cannot be undone (append-only):
history written half-way could not be taken back."""

import logging
import time
from collections import defaultdict
from collections.abc import Callable

from django.db import IntegrityError, transaction
from django.utils import timezone

from ... import workflow
from ...core import tallies
from ...core.bulk import Prepared
from ...core.models import HistoryImport
from ...core.naming import raise_series_to, take_numbers
from ...doctype.citizen.models import Citizen
from ...doctype.citizen.name_words import keep_words
from ...doctype.petition.constants import SERIES_PREFIX
from ...doctype.petition.models import Petition
from ...doctype.petition.services import format_registration_number
from ...doctype.reception_session.models import AgendaItem, ReceptionSession
from ...doctype.result_notice.constants import NOTICE_SERIES
from ...doctype.result_notice.models import Assignment, Conclusion, ResultNotice
from .plan import Plan

logger = logging.getLogger(__name__)
WRITING = "Đang ghi vào hệ thống"
# Set inside the transaction: the import's row, the petitions' numbers.
LINKED = {"from_records": None}
NUMBERED = {
    **LINKED,
    "registration_number": None,
    "registration_year": None,
    "registration_seq": None,
}


class AlreadyImported(Exception):
    """The same file (by its checksum) was imported meanwhile."""


class Conflict(Exception):
    """Something the check found free was taken meanwhile; str() says what."""


class _Tables:
    """Every table's rows, prepared before the transaction, in the order they are
    inserted (a row's links point to rows inserted before it)."""

    def __init__(self, plan: Plan, file_name: str) -> None:
        # Numbered in the order received (the register's order within a day).
        self.petitions = [
            h.petition for h in sorted(plan.hearings, key=lambda h: (h.registered, h.row))
        ]
        items = [h.item for s in plan.sessions for h in s.hearings]
        self.tables = [
            (Prepared(Citizen, plan.new_citizens, late=LINKED), Citizen, "from_records"),
            (Prepared(Petition, self.petitions, late=NUMBERED), Petition, "from_records"),
            (
                Prepared(ReceptionSession, [s.obj for s in plan.sessions], late=LINKED),
                ReceptionSession,
                "from_records",
            ),
            (Prepared(AgendaItem, items, late=LINKED), AgendaItem, "from_records"),
            (
                Prepared(ResultNotice, [n.obj for n in plan.notices], late=LINKED),
                ResultNotice,
                "from_records",
            ),
            (
                Prepared(Conclusion, [c for n in plan.notices for c in n.conclusions]),
                Conclusion,
                "notice__from_records",
            ),
            (
                Prepared(Assignment, [t.obj for t in plan.tasks], late=LINKED),
                Assignment,
                "from_records",
            ),
        ]
        self.events = workflow.PastHistory(plan.paths, comment=f"Nhập từ hồ sơ: {file_name[:120]}")
        self.notice_tops: dict[int, int] = defaultdict(int)
        for notice in plan.notices:
            year, seq = notice.obj.number_year, notice.obj.number_seq
            self.notice_tops[year] = max(self.notice_tops[year], seq)

    def number_petitions(self) -> None:
        by_year = defaultdict(list)
        for petition in self.petitions:
            by_year[petition.received_date.year].append(petition)
        for year, petitions in by_year.items():
            numbers = take_numbers(f"{SERIES_PREFIX}-{year}", len(petitions))
            for petition, seq in zip(petitions, numbers, strict=True):
                petition.registration_year, petition.registration_seq = year, seq
                petition.registration_number = format_registration_number(year, seq)


def write(plan: Plan, *, by, checksum: str, file_name: str, progress: Callable) -> HistoryImport:
    """Save what the check made, with its provenance and its dated history. Raises
    AlreadyImported or Conflict (nothing written) when someone got there first."""
    tables = _Tables(plan, file_name)
    first_day, last_day = plan.days()
    now = timezone.now()
    reason = f"Nhập từ hồ sơ (tệp {checksum[:12]})"
    try:
        started = time.monotonic()
        with transaction.atomic():
            source = HistoryImport.objects.create(
                checksum=checksum,
                file_name=file_name[:255],
                imported_by=by,
                first_day=first_day,
                last_day=last_day,
                counts=plan.counts(),
            )
            if _taken(plan):
                raise Conflict("Một kỳ tiếp trong tệp vừa được ghi trên hệ thống.")
            tables.number_petitions()
            for done, (rows, model, link) in enumerate(tables.tables, 1):
                for obj in rows.objs:
                    if hasattr(obj, "from_records_id"):
                        obj.from_records_id = source.pk
                rows.insert(ids_of=model.objects.filter(**{link: source}))
                if model is Citizen:  # their names' words, for the search by name
                    keep_words(rows.objs, new=True)
                rows.insert_history(by=by, reason=reason, at=now)
                progress(WRITING, done, len(tables.tables) + 1)
            for year, seq in tables.notice_tops.items():
                raise_series_to(f"{NOTICE_SERIES}-{year}", seq)
            tables.events.append(source)
            _count_in_figures(source)
            progress(WRITING, len(tables.tables) + 1, len(tables.tables) + 1)
        # How long the write lock was held (the embedded SQLite has one for all).
        source.write_seconds = time.monotonic() - started
        logger.info("History import %s written in %.2f s", source.pk, source.write_seconds)
    except IntegrityError as exc:
        if HistoryImport.objects.filter(checksum=checksum).exists():
            raise AlreadyImported from exc
        raise Conflict(
            "Một số thông báo hoặc giấy tờ trong tệp vừa được dùng trên hệ thống; "
            "hãy kiểm tra lại tệp."
        ) from exc
    return source


def _count_in_figures(source: HistoryImport) -> None:
    """The cases written join the monthly figures the reports sum, in this transaction
    (written in bulk, no workflow step announced them)."""
    with tallies.kept("petition", new=True) as created:
        for pk in Petition.objects.filter(from_records=source).values_list("pk", flat=True):
            created.add(pk)


def _taken(plan: Plan) -> bool:
    """A session of the file recorded in the system since the check."""
    keys = {s.key for s in plan.sessions}
    found = ReceptionSession.objects.filter(date__in={k[0] for k in keys})
    return any(key in keys for key in found.values_list("date", "kind"))
