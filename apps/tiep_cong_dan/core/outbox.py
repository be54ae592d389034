"""The transactional outbox: what a step owes after it commits, kept in the database.

A step (a workflow action, a notification, a letter) writes an `OutboxEntry` inside its
own transaction with `enqueue`. Committed together, the step and what it owes cannot
part: a broker that is down loses nothing and fails no request. After the commit the
entry is handed to the job queue (`publish`, which only logs when the queue is
unreachable); the minute job (`run_due`) runs whatever is still due, so an entry is
done once the queue or the worker is back.

Running an entry: it is claimed under a row lock (`SKIP LOCKED`, so two workers never
take the same one) by moving its next attempt past a lease; the handler then runs in
its own transactions (it may e-mail or call the video platform, which no database
transaction should wait on), and the entry is marked done, or its error kept and its
next attempt pushed back. A done entry is never run again; a worker that died mid-way
leaves the entry to be taken again after the lease, which is why every handler is
idempotent by itself (a notification per recipient and event, a delivery per channel,
a letter per key, a meeting room per session).

Handlers are registered by the job layer at start-up (`jobs/outbox.py`), so that the
workflow engine and the document types write entries without importing it.
"""

import datetime
import logging
from collections.abc import Callable
from dataclasses import dataclass
from functools import partial

from django.db import transaction
from django.db.models import Q, QuerySet
from django.utils import timezone

from .models import OutboxEntry, OutboxState

logger = logging.getLogger(__name__)

# After this many failed attempts an entry waits for an administrator ("retry now").
MAX_ATTEMPTS = 12
# A claimed entry is not taken again before this, unless its run ends first.
LEASE = datetime.timedelta(minutes=10)
# Done entries are kept this long for the desk, then removed by the minute job.
KEEP_DONE = datetime.timedelta(days=30)
# Entries run per sweep: a backlog is worked off over a few minutes, not in one job.
SWEEP_LIMIT = 500
# Entries an administrator's "retry now" runs in the request; the rest go to the sweep.
RETRY_NOW_LIMIT = 100


@dataclass(frozen=True)
class Handler:
    name: str
    func: Callable[..., object]
    label: str


_handlers: dict[str, Handler] = {}
_publisher: Callable[[int], object] | None = None


def register(name: str, func: Callable[..., object], label: str) -> None:
    """Declare what runs an entry of task `name` (called with its arguments)."""
    _handlers[name] = Handler(name, func, label)


def set_publisher(func: Callable[[int], object] | None) -> None:
    """How an entry is handed to the job queue after the commit (its id is passed)."""
    global _publisher
    _publisher = func


def label_of(task: str) -> str:
    handler = _handlers.get(task)
    return str(handler.label) if handler else task


def backoff(attempts: int) -> datetime.timedelta:
    """1, 2, 4 … minutes after each failure, at most an hour."""
    return datetime.timedelta(seconds=min(60 * 2 ** max(attempts - 1, 0), 3600))


def enqueue(task: str, *, key: str, **arguments) -> OutboxEntry:
    """Record that `task` must run with `arguments`, in the caller's transaction, once
    per `key`; it is handed to the job queue after the commit."""
    if task not in _handlers:
        raise LookupError(f"no outbox handler for {task!r}")
    if len(key) > 200:
        raise ValueError("outbox keys are at most 200 characters")
    entry, created = OutboxEntry.objects.get_or_create(
        key=key,
        defaults={"task": task, "arguments": arguments, "next_attempt_at": timezone.now()},
    )
    if created:
        transaction.on_commit(partial(publish, entry.pk))
    return entry


def publish(entry_id: int) -> bool:
    """Hand an entry to the job queue now. False when the queue cannot take it: the
    error is logged and the entry waits for the minute job; the caller carries on."""
    if _publisher is None:
        return False
    try:
        _publisher(entry_id)
    except Exception:  # noqa: BLE001 - the entry is safe in the database; never fail the step
        logger.warning(
            "Outbox entry %s not handed to the job queue; the minute job will run it",
            entry_id,
            exc_info=True,
        )
        return False
    return True


def _claim(candidates: QuerySet, due: Q) -> OutboxEntry | None:
    now = timezone.now()
    with transaction.atomic():
        entry = (
            candidates.select_for_update(skip_locked=True)
            .filter(due, state=OutboxState.PENDING)
            .order_by("next_attempt_at", "id")
            .first()
        )
        if entry is None:
            return None
        entry.attempts += 1
        entry.next_attempt_at = now + LEASE
        entry.save(update_fields=["attempts", "next_attempt_at"])
    return entry


def _execute(entry: OutboxEntry) -> str:
    handler = _handlers.get(entry.task)
    try:
        if handler is None:
            raise LookupError(f"no outbox handler for {entry.task!r}")
        handler.func(**entry.arguments)
    except Exception as exc:  # noqa: BLE001 - kept on the entry, tried again later
        state = OutboxState.FAILED if entry.attempts >= MAX_ATTEMPTS else OutboxState.PENDING
        logger.warning(
            "Outbox entry %s (%s) failed, attempt %s",
            entry.pk,
            entry.task,
            entry.attempts,
            exc_info=True,
        )
        OutboxEntry.objects.filter(pk=entry.pk).update(
            state=state,
            last_error=f"{type(exc).__name__}: {exc}"[:2000],
            next_attempt_at=timezone.now() + backoff(entry.attempts),
        )
        return state.value
    OutboxEntry.objects.filter(pk=entry.pk).update(
        state=OutboxState.DONE, done_at=timezone.now(), last_error=""
    )
    return OutboxState.DONE.value


def run(entry_id: int) -> str:
    """Run one entry if it is due and nobody else is running it; returns its state
    afterwards ("done", "pending" for a retry later, "failed"), or "skipped"."""
    # An entry never tried is taken whatever its time says: the clock of the host that
    # wrote it may be a little ahead of this one's.
    due = Q(next_attempt_at__lte=timezone.now()) | Q(attempts=0)
    entry = _claim(OutboxEntry.objects.filter(pk=entry_id), due)
    return _execute(entry) if entry is not None else "skipped"


def run_due(limit: int = SWEEP_LIMIT) -> dict[str, int]:
    """The minute job: run every due entry (oldest first, including those written by
    the runs themselves), then forget done entries past KEEP_DONE."""
    counts = {"done": 0, "pending": 0, "failed": 0}
    for _ in range(limit):
        entry = _claim(OutboxEntry.objects.all(), Q(next_attempt_at__lte=timezone.now()))
        if entry is None:
            break
        counts[_execute(entry)] += 1
    removed, _ = OutboxEntry.objects.filter(
        state=OutboxState.DONE, done_at__lt=timezone.now() - KEEP_DONE
    ).delete()
    return {
        "done": counts["done"],
        "retrying": counts["pending"],
        "failed": counts["failed"],
        "removed": removed,
    }


def retry_now(entry_ids: list[int]) -> dict[str, int]:
    """An administrator's "retry now": the entries not done are made due, and the first
    RETRY_NOW_LIMIT run in this process (the queue may be the very thing that is down);
    the others are left to the minute job."""
    waiting = list(
        OutboxEntry.objects.filter(pk__in=entry_ids)
        .exclude(state=OutboxState.DONE)
        .order_by("id")
        .values_list("pk", flat=True)
    )
    OutboxEntry.objects.filter(pk__in=waiting).update(
        state=OutboxState.PENDING, next_attempt_at=timezone.now()
    )
    counts = {"done": 0, "not_done": 0, "later": max(len(waiting) - RETRY_NOW_LIMIT, 0)}
    for entry_id in waiting[:RETRY_NOW_LIMIT]:
        state = run(entry_id)
        if state == "done":
            counts["done"] += 1
        elif state != "skipped":
            counts["not_done"] += 1
    return counts
