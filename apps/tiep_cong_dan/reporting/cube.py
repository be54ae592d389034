"""The petition figures of each month and pair of units, kept ready (models.FigureCount).

Counting a district's cases in a year meant reading a hundred thousand petitions and
their steps for each figure; the same figures summed from this table read a few
hundred rows. What a petition counts for is computed in one function (`counts_of`) from
the petition and its steps, by the definitions the direct counts use
(definitions.py); the table holds the sums by (figure, month, previous month, unit of
residence, unit of the matter):

- `received`: the month of its receipt date (every registration);
- `received_matters`: the same, of the registrations opening a matter (not linked
  to an earlier case of the same matter: definitions.opens_matter);
- `outcome:<state>`: each step into an outcome state, with the month of the case's
  previous step into the same state, so that a span counts a case once;
- `rolled`: each step back from the agenda to the queue, the same way;
- `entered`, `left`: each step into and out of the waiting states; the backlog at a
  month's end is the sum of the one less the other over every month up to it.

Each figure is also kept per agency (`agency`, the units 0), on the rows of every agency
that answers for the case: those it names and those they were merged into, so a
department's rows count each of its cases once, whether it names the department, a
body merged into it, or both (access/scope.py: an officer sees their agency's cases and
its predecessors'). An officer of several agencies is the sum of theirs as long as no
case counts for two of them (`NAMED_WITH` keeps, per two agencies, how many cases count
for both). The rows follow the mergers recorded when they were counted (`LINEAGE`, a
checksum of them): after one is recorded or removed they are not read (the figures
counted directly) until the next recount, nor once a change was kept under other
mergers than the recount's. `agencies_readable` says both. A department's 23,000 cases,
read through their links, took a second or more per figure.

Kept in step: the workflow engine and the petition services announce each change
(core/tallies.py) and `Keeper` writes the difference in the same transaction; the
import of past records announces what it wrote. `rebuild` recounts everything (the
nightly job, `manage.py rebuild_figures`, after writing rows by other means).
"""

import datetime
import logging
import zlib
from collections import Counter
from collections.abc import Iterable, Sequence

from django.db import IntegrityError, connection, transaction
from django.db.models import F, Max, Min, Sum
from django.utils import timezone

from ..core import tallies
from ..core.graphs import reachable
from ..doctype.agency.models import AgencySuccession
from ..doctype.petition.models import Petition
from ..workflow.models import WorkflowEvent
from . import definitions as d
from .models import FigureCount

logger = logging.getLogger(__name__)

RECEIVED, ROLLED, ENTERED, LEFT = "received", "rolled", "entered", "left"
RECEIVED_MATTERS = "received_matters"
# (NAMED_WITH, 0, b, 0, 0, a): the counted cases both agencies a and b answer for.
NAMED_WITH = "named_with"
# (LINEAGE, 0, 0, 0, 0, 0): the checksum of the mergers the agencies' rows followed,
# written by the recount, removed when a change is kept under other mergers.
LINEAGE = "lineage"
_LINEAGE_ROW = FigureCount.objects.filter(
    figure=LINEAGE, month=0, since=0, residence_unit=0, matter_unit=0, agency=0
)
DOCTYPE = "petition"
# The row every change reads under a shared lock and a rebuild under an exclusive one:
# a rebuild recounts while no change is half-written, and no change waits for another.
LOCK = {"figure": "", "month": 0, "since": 0, "residence_unit": 0, "matter_unit": 0, "agency": 0}

# figure, month, since, residence unit, matter unit, agency: (f, m, s, r, u, 0) for the
# units' rows, (f, m, s, 0, 0, agency) for an agency's.
Cell = tuple[str, int, int, int, int, int]


def outcome(state: str) -> str:
    return f"outcome:{state}"


def month_of(day: datetime.date) -> int:
    return day.year * 100 + day.month


def _event_month(at: datetime.datetime, zone) -> int:
    return month_of(at.astimezone(zone))


def _counts(petition: tuple, events: Sequence[tuple], zone) -> Counter:
    """What one petition counts for: `petition` is (received_date, residence unit,
    matter unit, state, same matter as), `events` its steps (at, from_state, to_state)
    in order."""
    found: Counter = Counter()
    received, residence, matter, state, same_matter_as = petition
    if not events or state in d.EXCLUDED_STATES:
        return found  # a case counts from its receipt event; an excluded one never
    units = (residence or 0, matter or 0)
    if received is not None:
        found[(RECEIVED, month_of(received), 0, *units)] += 1
        if d.opens_matter(same_matter_as):
            found[(RECEIVED_MATTERS, month_of(received), 0, *units)] += 1
    last: dict[str, int] = {}
    for at, src, dst in events:
        if not d.is_step(src, dst):
            continue
        month = _event_month(at, zone)
        keys = []
        if dst in d.OUTCOMES:
            keys.append(outcome(dst))
        if d.rolled(src, dst):
            keys.append(ROLLED)
        for key in keys:
            found[(key, month, last.get(key, 0), *units)] += 1
            last[key] = month
        if d.entering(src, dst):
            found[(ENTERED, month, 0, *units)] += 1
        elif d.leaving(src, dst):
            found[(LEFT, month, 0, *units)] += 1
    return found


def counts_of(
    ids: Iterable[int] | None = None,
    *,
    between: tuple[int, int] | None = None,
    successors: dict[int, list[int]] | None = None,
) -> Counter:
    """The cells the petitions `ids` (or those with ids in [first, last) `between`)
    count for, summed; their agencies' under `successors` (None: the mergers now)."""
    petitions = Petition.objects.order_by()
    events = WorkflowEvent.objects.filter(doctype=DOCTYPE).order_by("object_id", "at", "id")
    links = Petition.agencies_concerned.through.objects.order_by()
    if between is not None:
        petitions = petitions.filter(pk__gte=between[0], pk__lt=between[1])
        events = events.filter(object_id__gte=between[0], object_id__lt=between[1])
        links = links.filter(petition_id__gte=between[0], petition_id__lt=between[1])
    else:
        ids = list(ids or ())
        petitions, events = petitions.filter(pk__in=ids), events.filter(object_id__in=ids)
        links = links.filter(petition_id__in=ids)
    facts = {
        pk: rest
        for pk, *rest in petitions.values_list(
            "pk",
            "received_date",
            "residence_unit_id",
            "matter_unit_id",
            "state",
            "same_matter_as_id",
        )
    }
    steps: dict[int, list] = {}
    for pk, at, src, dst in events.values_list("object_id", "at", "from_state", "to_state"):
        steps.setdefault(pk, []).append((at, src, dst))
    agencies: dict[int, list[int]] = {}
    for pk, agency in links.values_list("petition_id", "agency_id"):
        agencies.setdefault(pk, []).append(agency)
    successors = _successors() if successors is None else successors
    zone = timezone.get_current_timezone()
    found: Counter = Counter()
    for pk, petition in facts.items():
        cells = _counts(tuple(petition), steps.get(pk, ()), zone)
        named = _answering(agencies.get(pk, ()), successors)
        for (figure, month, since, residence, matter), n in cells.items():
            found[(figure, month, since, residence, matter, 0)] += n
            for agency in named:
                found[(figure, month, since, 0, 0, agency)] += n
        if cells:  # a case counted somewhere
            for agency in named:
                for other in named:
                    if other != agency:
                        found[(NAMED_WITH, 0, other, 0, 0, agency)] += 1
    return found


def _successors() -> dict[int, list[int]]:
    """Each merged body's successors (a handful of rows)."""
    found: dict[int, list[int]] = {}
    for old, new in AgencySuccession.objects.values_list("old_agency_id", "new_agency_id"):
        found.setdefault(old, []).append(new)
    return found


def _answering(named: Iterable[int], successors: dict[int, list[int]]) -> list[int]:
    """The agencies answering for a case naming `named`: those, and what they were
    merged into, merger after merger."""
    return sorted(reachable(named, successors))


def _lineage(successors: dict[int, list[int]]) -> int:
    """A checksum of the mergers (never 0: a row counting 0 is not written)."""
    text = ";".join(f"{old}>{new}" for old in sorted(successors) for new in sorted(successors[old]))
    return zlib.crc32(text.encode()) % 2_000_000_000 + 1


def _shared_lock() -> bool:
    """Reads the lock row under a shared lock; False when the table was never built
    (a site upgraded until its first rebuild: the reports count directly)."""
    qs = FigureCount.objects.filter(**LOCK).values("pk")
    if connection.vendor == "sqlite":  # one writer at a time: nothing to share
        return qs.exists()
    sql, params = qs.query.sql_with_params()
    with connection.cursor() as cursor:
        cursor.execute(f"{sql} LOCK IN SHARE MODE", params)
        return cursor.fetchone() is not None


def built() -> bool:
    """Whether the table holds the figures (rebuilt once, kept since)."""
    return FigureCount.objects.filter(**LOCK).exists()


def _add(cell: Cell, delta: int) -> None:
    figure, month, since, residence, matter, agency = cell
    key = dict(
        figure=figure,
        month=month,
        since=since,
        residence_unit=residence,
        matter_unit=matter,
        agency=agency,
    )
    if FigureCount.objects.filter(**key).update(count=F("count") + delta):
        return
    try:
        with transaction.atomic():
            FigureCount.objects.create(**key, count=delta)
    except IntegrityError:  # written meanwhile by another step
        FigureCount.objects.filter(**key).update(count=F("count") + delta)


class Keeper:
    """Registered with core/tallies.py: moves the table with each petition's change."""

    def before(self, doctype: str, ids: Sequence[int]) -> Counter | bool:
        if doctype != DOCTYPE or not _shared_lock():
            return False
        return counts_of(ids)

    def after(self, doctype: str, ids: Sequence[int], before: Counter | bool | None) -> None:
        """`before` None: new petitions; False: nothing to keep."""
        if doctype != DOCTYPE or before is False:
            return
        if before is None and not _shared_lock():
            return
        successors = _successors()
        now = counts_of(ids, successors=successors)
        now.subtract(before or Counter())
        for cell, delta in sorted(now.items()):
            if delta:
                _add(cell, delta)
        if any(cell[5] for cell, delta in now.items() if delta):
            # Agencies' rows moved under mergers other than those of the last recount
            # (one recorded, or recorded and removed, since): not read until the next.
            _LINEAGE_ROW.exclude(count=_lineage(successors)).delete()


_KEEPER = Keeper()


def install() -> None:
    tallies.register(_KEEPER)


BATCH = 20_000


@transaction.atomic
def rebuild() -> int:
    """Recount every cell from the petitions and their steps; returns the cells. Changes
    wait meanwhile (a million petitions: a few minutes), so it runs at night."""
    FigureCount.objects.get_or_create(**LOCK)
    FigureCount.objects.filter(**LOCK).update(count=F("count") + 1)  # the exclusive lock
    bounds = Petition.objects.order_by().aggregate(first=Min("pk"), last=Max("pk"))
    found: Counter = Counter()
    successors = _successors()  # one set of mergers for every batch and the mark
    if bounds["first"] is not None:
        for first in range(bounds["first"], bounds["last"] + 1, BATCH):
            found.update(counts_of(between=(first, first + BATCH), successors=successors))
    found[(LINEAGE, 0, 0, 0, 0, 0)] = _lineage(successors)
    FigureCount.objects.exclude(**LOCK).delete()
    FigureCount.objects.bulk_create(
        (
            FigureCount(
                figure=f, month=m, since=s, residence_unit=r, matter_unit=u, agency=a, count=n
            )
            for (f, m, s, r, u, a), n in found.items()
            if n
        ),
        batch_size=5000,
    )
    logger.info("Monthly figures rebuilt: %s cells", len(found))
    return len(found)


# -- reading ------------------------------------------------------------------------


def _sums(
    figures: Sequence[str],
    units: frozenset[int] | None,
    agencies: frozenset[int] | None = None,
    **where,
) -> dict[str, int]:
    """The sum of each of `figures` over the rows `where` selects, of the cases of
    `units` (by residence or by the matter's place), or of those `agencies` answer for
    (their rows adding up: see agencies_readable), or of all. A scope of units is read
    as the rows of its residences plus those of its matters living elsewhere, two reads
    each served by an index holding every column they need (no row is fetched); an
    agency's rows have no units, so a scope of units never reads them."""
    qs = FigureCount.objects.filter(figure__in=sorted(figures), **where)
    if agencies is not None:
        parts = [qs.filter(agency__in=sorted(agencies))]
    elif units is None:
        parts = [qs.filter(agency=0)]
    else:
        units = sorted(units)
        parts = [
            qs.filter(residence_unit__in=units),
            qs.filter(matter_unit__in=units).exclude(residence_unit__in=units),
        ]
    found: Counter = Counter()
    for part in parts:
        rows = part.values("figure").annotate(n=Sum("count")).values_list("figure", "n")
        found.update({figure: n or 0 for figure, n in rows})
    return dict(found)


# The figures a span sums (a case once each); the backlog's are summed from the start.
SPAN_FIGURES = (RECEIVED, RECEIVED_MATTERS, ROLLED, *(outcome(state) for state in d.OUTCOMES))


def span_counts(
    first: int,
    last: int,
    units: frozenset[int] | None,
    agencies: frozenset[int] | None = None,
) -> dict[str, int]:
    """Each figure over the months [first, last] (YYYYMM), a case once per figure."""
    return _sums(SPAN_FIGURES, units, agencies, month__gte=first, month__lte=last, since__lt=first)


def waiting_after(
    last: int | None, units: frozenset[int] | None, agencies: frozenset[int] | None = None
) -> int:
    """The cases waiting at the end of month `last` (None: now, every step kept):
    every step in less every step out, up to it."""
    where = {} if last is None else {"month__lte": last}
    sums = _sums((ENTERED, LEFT), units, agencies, **where)
    return sums.get(ENTERED, 0) - sums.get(LEFT, 0)


def agencies_readable(agencies: frozenset[int]) -> bool:
    """Whether the rows of `agencies` (an officer's, before widening to the bodies
    merged into them) add up to their cases' figures: counted under the mergers
    recorded now, and no case counting for two of them (one index look-up each; the
    pairs asked of the links took 0.05 s for a department's 23,000 cases)."""
    mark = _LINEAGE_ROW.values_list("count", flat=True)
    if list(mark) != [_lineage(_successors())]:
        return False
    if len(agencies) < 2:
        return True
    keys = sorted(agencies)
    return not FigureCount.objects.filter(
        figure=NAMED_WITH, agency__in=keys, month=0, since__in=keys, count__gt=0
    ).exists()
