"""Change-history rows written in bulk (core/history_rows.py) are the rows each save
would have written at once: one per save, in the order of the saves, with the fields,
the user and the moment of the save."""

import datetime

import pytest
from django.contrib.auth.models import User
from django.db import transaction
from tiep_cong_dan.core import history_rows
from tiep_cong_dan.doctype.working_calendar.models import CalendarDay


def _rows():
    return list(
        CalendarDay.history.order_by("history_id").values_list(
            "date", "name", "history_type", "history_user__username"
        )
    )


@pytest.mark.django_db
def test_rows_written_in_bulk_are_those_written_one_by_one():
    clerk = User.objects.create(username="clerk")
    with transaction.atomic(), history_rows.written_in_bulk():
        day = CalendarDay(date=datetime.date(2025, 9, 2), kind="holiday", name="Quốc khánh")
        day._history_user = clerk
        day.save()
        day.name = "Quốc khánh (nghỉ bù)"
        day.save()
        CalendarDay.objects.create(date=datetime.date(2025, 9, 1), kind="holiday", name="Bù")
        assert not CalendarDay.history.exists()  # held until the block ends
    assert _rows() == [
        (datetime.date(2025, 9, 2), "Quốc khánh", "+", "clerk"),
        (datetime.date(2025, 9, 2), "Quốc khánh (nghỉ bù)", "~", "clerk"),
        (datetime.date(2025, 9, 1), "Bù", "+", None),
    ]
    # Outside the block each save writes its row at once again.
    day.name = "Quốc khánh"
    day.save()
    assert len(_rows()) == 4


@pytest.mark.django_db
def test_a_failed_block_leaves_no_rows():
    with pytest.raises(ValueError), transaction.atomic(), history_rows.written_in_bulk():
        CalendarDay.objects.create(date=datetime.date(2025, 9, 2), kind="holiday", name="x")
        raise ValueError
    assert not CalendarDay.history.exists() and not CalendarDay.objects.exists()
    CalendarDay.objects.create(date=datetime.date(2025, 9, 2), kind="holiday", name="x")
    assert CalendarDay.history.count() == 1
