"""Gap-free yearly numbering, safe under concurrent registration."""

from django.db import IntegrityError, transaction

from .models import NamingSeries


def take_next_number(key: str) -> int:
    """Reserve the next number of `key`; must run inside the caller's transaction."""
    if not transaction.get_connection().in_atomic_block:
        raise RuntimeError("take_next_number must run inside transaction.atomic()")
    series = NamingSeries.objects.select_for_update().filter(key=key).first()
    if series is None:
        try:
            # The first number of a new year: two registrations may race to create
            # the row; the loser falls back to locking the winner's row.
            with transaction.atomic():
                NamingSeries.objects.create(key=key, current=0)
        except IntegrityError:
            pass
        series = NamingSeries.objects.select_for_update().get(key=key)
    series.current += 1
    series.save(update_fields=["current"])
    return series.current
