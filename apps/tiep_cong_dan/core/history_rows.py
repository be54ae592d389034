"""Change-history rows written in bulk by a writer of thousands of saves in one
transaction (the demo's history): each save's row is built at the save, exactly as
django-simple-history builds it (the fields as saved, the user, the moment), and the
rows are inserted a few hundred at a time, in the order of the saves, instead of one
statement each. Nothing may read the change history inside the block before it ends
(or `flush` is called): the rows are in the database only then.

Outside the block every save writes its row at once, as always. The block changes
how the whole process writes history (simple_history has no hook for it): it is for
a command that runs alone in its process, not for a request of a threaded server."""

import threading
from collections.abc import Iterator
from contextlib import contextmanager

from django.db import transaction
from django.utils import timezone
from simple_history.manager import HistoryManager
from simple_history.models import (
    HistoricalRecords,
    post_create_historical_record,
    pre_create_historical_record,
)

BATCH = 500

_local = threading.local()
_one_at_a_time = HistoricalRecords.create_historical_record
_bulk_history_create = HistoryManager.bulk_history_create


def _pending() -> list | None:
    return getattr(_local, "pending", None)


def _build(records: HistoricalRecords, instance, history_type: str, using=None):
    """simple_history's HistoricalRecords.create_historical_record up to the save."""
    using = using if records.use_base_model_db else None
    history_date = getattr(instance, "_history_date", timezone.now())
    history_user = records.get_history_user(instance)
    reason = records.get_change_reason_for_object(instance, history_type, using)
    manager = getattr(instance, records.manager_name)
    attrs = {f.attname: getattr(instance, f.attname) for f in records.fields_included(instance)}
    if getattr(manager.model, "history_relation", None) is not None:
        attrs["history_relation"] = instance
    row = manager.model(
        history_date=history_date,
        history_type=history_type,
        history_user=history_user,
        history_change_reason=reason,
        **attrs,
    )
    pre_create_historical_record.send(
        sender=manager.model,
        instance=instance,
        history_date=history_date,
        history_user=history_user,
        history_change_reason=reason,
        history_instance=row,
        using=using,
    )
    return row, instance, using


def _create_later(records: HistoricalRecords, instance, history_type: str, using=None):
    pending = _pending()
    # A history of many-to-many links needs its row's id at once: written at once.
    if pending is None or records.m2m_fields:
        return _one_at_a_time(records, instance, history_type, using=using)
    pending.append(_build(records, instance, history_type, using))
    if len(pending) >= BATCH:
        flush()


def _bulk_after_pending(manager: HistoryManager, *args, **kwargs):
    """simple_history's own bulk writer (bulk_create_with_history) after the rows built
    before it, so that the rows keep the order of the changes."""
    flush()
    return _bulk_history_create(manager, *args, **kwargs)


def flush() -> None:
    """Insert the rows built so far, model by model in the order of the saves."""
    pending = _pending()
    if not pending:
        return
    _local.pending = []
    by_model: dict[tuple, list] = {}
    for row, instance, using in pending:
        by_model.setdefault((type(row), using), []).append((row, instance))
    for (model, using), rows in by_model.items():
        model._default_manager.db_manager(using).bulk_create([row for row, _ in rows])
        for row, instance in rows:
            post_create_historical_record.send(
                sender=model,
                instance=instance,
                history_instance=row,
                history_date=row.history_date,
                history_user=row.history_user,
                history_change_reason=row.history_change_reason,
                using=using,
            )


@contextmanager
def written_in_bulk() -> Iterator[None]:
    """Inside: the change history's rows are inserted in batches, the last ones when
    the block ends (inside the caller's transaction, which the block must be in)."""
    if _pending() is not None:  # nested: the outer block writes them
        yield
        return
    if not transaction.get_connection().in_atomic_block:
        raise RuntimeError("written_in_bulk() must run inside a transaction")
    _local.pending = []
    HistoricalRecords.create_historical_record = _create_later
    HistoryManager.bulk_history_create = _bulk_after_pending
    try:
        yield
        flush()
    finally:
        HistoricalRecords.create_historical_record = _one_at_a_time
        HistoryManager.bulk_history_create = _bulk_history_create
        _local.pending = None
