"""Gap-free yearly numbering, safe under concurrent registration."""

from contextlib import contextmanager

from django.db import transaction

from .models import NamingSeries


@contextmanager
def _creation_lock(key: str):
    """Serialise the creation of a new series row.

    On MariaDB a locking read of a missing row takes a gap lock; two registrations
    racing to open a new year would each hold one and deadlock on their inserts.
    A named lock lets only one of them look and insert; the rest then find the row.
    SQLite runs write transactions one at a time (IMMEDIATE mode) and needs nothing.
    """
    connection = transaction.get_connection()
    if connection.vendor != "mysql":
        yield
        return
    name = f"tcd-series:{key}"
    with connection.cursor() as cursor:
        cursor.execute("SELECT GET_LOCK(%s, 30)", [name])
        (granted,) = cursor.fetchone()
        if granted != 1:
            raise TimeoutError(f"could not lock naming series {key}")
        try:
            yield
        finally:
            cursor.execute("SELECT RELEASE_LOCK(%s)", [name])


def take_next_number(key: str) -> int:
    """Reserve the next number of `key`; must run inside the caller's transaction, so a
    rolled-back registration gives its number back."""
    if not transaction.get_connection().in_atomic_block:
        raise RuntimeError("take_next_number must run inside transaction.atomic()")
    # A plain (non-locking) read first: no gap lock when the row is missing.
    if not NamingSeries.objects.filter(key=key).exists():
        with _creation_lock(key):
            if NamingSeries.objects.select_for_update().filter(key=key).first() is None:
                NamingSeries.objects.create(key=key, current=0)
    series = NamingSeries.objects.select_for_update().get(key=key)
    series.current += 1
    series.save(update_fields=["current"])
    return series.current


def _locked_series(key: str) -> NamingSeries:
    if not transaction.get_connection().in_atomic_block:
        raise RuntimeError("naming series are taken inside transaction.atomic()")
    if not NamingSeries.objects.filter(key=key).exists():
        with _creation_lock(key):
            if NamingSeries.objects.select_for_update().filter(key=key).first() is None:
                NamingSeries.objects.create(key=key, current=0)
    return NamingSeries.objects.select_for_update().get(key=key)


def take_numbers(key: str, count: int) -> range:
    """Reserve the next `count` numbers of `key` at once (a bulk import), in the
    caller's transaction, gap-free like `take_next_number`."""
    series = _locked_series(key)
    first = series.current + 1
    series.current += count
    series.save(update_fields=["current"])
    return range(first, series.current + 1)


def raise_series_to(key: str, number: int) -> None:
    """Numbers up to `number` were given outside the series (documents of past years
    brought in with their own numbers): the series goes on after them."""
    series = _locked_series(key)
    if series.current < number:
        series.current = number
        series.save(update_fields=["current"])
